"""Evidence that travels: CI outputs of a report (JUnit, SARIF), a pre-registered test plan, and a signed result
bundle that a second party verifies offline.

    ci.py      JUnit XML and SARIF 2.1.0 from a report
    plan.py    the plan frozen before any probe is sent, and its comparison with what a run would use
    bundle.py  the result bundle (report, records, plan, CycloneDX) and its in-toto Statement in a DSSE envelope
    jsf.py     the CycloneDX declarations' own signature (JSF, Ed25519)
    verify.py  every hash, the signature, the plan-to-result match and each verdict re-derived
"""
