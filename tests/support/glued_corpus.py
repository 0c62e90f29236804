"""Identifiers glued to the words around them, in every template language of the PII corpus (en, zh, de, fr),
and glued look-alikes that must not be reported (issue 18, item 5).

Labelled values (made and checked by tests/support/pii_corpus.py's makers): phone numbers, cards, UnionPay
cards, IBANs, US SSNs and CN resident IDs, written with no space before the next word (`...223Use`, `...66Bitte`,
`...604谢谢`) and, for the types a check digit or fixed structure guards, also right after a word
(`ID450700194103107223`, `卡号6222...`). Phone numbers are glued after a CJK word only (a Latin letter before a
digit run reads as a code). Look-alikes, glued the same ways: order numbers, version strings, hex hashes, parcel
tracking numbers, timestamps.
"""

from __future__ import annotations

from tests.support.pii_corpus import LabelledDoc, _Values

GLUED_TYPES = ("PHONE_NUMBER", "CREDIT_CARD", "CN_BANK_CARD", "IBAN", "US_SSN", "CN_RESIDENT_ID")
_MAKERS = {"PHONE_NUMBER": "phone", "CREDIT_CARD": "card", "CN_BANK_CARD": "cn_bank_card", "IBAN": "iban",
           "US_SSN": "ssn", "CN_RESIDENT_ID": "cn_id"}
_AFTER = {"en": ("Use", "The", "Please", "Thanks"), "zh": ("谢谢", "请核对", "已登记"),
          "de": ("Bitte", "Danke", "Vielen"), "fr": ("Merci", "Veuillez", "Cordialement")}
_BEFORE_LATIN = {"en": ("ID", "No", "Card", "Acct"), "zh": ("ID", "No"), "de": ("Nr", "Konto"),
                 "fr": ("No", "Carte")}
_BEFORE_CJK = ("退款请转到", "备注：", "号码", "卡号", "身份证")
_LEAD = {"en": "Note: ", "zh": "说明：", "de": "Hinweis: ", "fr": "Remarque : "}


def generate_glued(n_docs: int, seed: int = 0) -> list[LabelledDoc]:
    v = _Values(seed)
    r = v.rng
    docs = []
    for i in range(n_docs):
        lang = v.pick(("en", "zh", "de", "fr"))
        if i % 4 == 3:  # a glued look-alike
            docs.append(LabelledDoc(_LEAD[lang] + _lookalike(v, lang) + ".", (), lang))
            continue
        kind = v.pick(GLUED_TYPES)
        value = getattr(v, _MAKERS[kind])()
        where = r.random()
        if kind == "PHONE_NUMBER" or where < 0.4:
            before = v.pick(_BEFORE_CJK) if kind == "PHONE_NUMBER" and where >= 0.5 else _LEAD[lang]
        else:
            before = _LEAD[lang] + v.pick(_BEFORE_LATIN[lang] if where < 0.8 else _BEFORE_CJK)
        after = v.pick(_AFTER[lang]) if where < 0.9 or kind == "PHONE_NUMBER" else ". "
        docs.append(LabelledDoc(before + value + after + " ...", ((len(before), len(before) + len(value), kind),),
                                lang))
    return docs


def _lookalike(v: _Values, lang: str) -> str:
    r = v.rng
    digits = "".join(str(r.randrange(10)) for _ in range(r.choice((10, 11, 12, 15, 16, 18))))
    hexes = "".join(r.choice("0123456789abcdef") for _ in range(40))
    word = v.pick(_AFTER[lang])
    return v.pick([
        f"Order{digits}{word}", f"订单{digits}{word}", f"INV-{digits}{word}", f"SKU{digits}X",
        f"v{r.randint(1, 9)}.{r.randint(0, 20)}.{r.randint(0, 99)}{word}", f"build{r.randint(10000, 99999)}.{digits}",
        f"commit {hexes}", f"sha{hexes}{word}", f"0x{hexes[:16]}{word}",
        f"1Z{r.randint(100, 999)}AA{digits[:10]}{word}", f"tracking JD{digits[:15]}CN",
        f"{r.randint(2019, 2026)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}T{r.randint(0, 23):02d}"
        f"{r.randint(0, 59):02d}{r.randint(0, 59):02d}Z",
        f"ts{r.randint(1500000000, 1800000000)}{r.randint(100, 999)}ms", f"id_{digits}_{hexes[:8]}",
    ])
