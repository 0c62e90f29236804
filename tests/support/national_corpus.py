"""A labelled benchmark of national identity, tax and social-security numbers (accord.scan.schemes).

Values: Faker's generator where a Faker locale has one (e.g. pl_PL `pesel()`, fi_FI `ssn()`, pt_BR `cpf()`),
otherwise random digits in the scheme's layout (a random date where the number holds one) until python-stdnum
accepts them; every value is checked with python-stdnum before use (Faker emits some invalid ones: en_GB NINOs,
some VAT numbers). Each labelled value appears in one of three ways:
- `context`: after one of its scheme's words ("PESEL: 44051401359", "henkilötunnus 131052-308T");
- `bare`: between two filler sentences, with no word naming it;
- `glued`: after its word and glued to the next word with no space ("PESEL 44051401359Dziękuję").
Decoys that must not be reported: the same numbers with one digit changed so that stdnum rejects them, after
the scheme's word; order and invoice numbers, phone numbers and dates of the same length after their own words.

The corpus is written by the project that wrote the scanner, from the scanner's own word lists: its figures say
the scanner does what it was designed to, not how it does on a user's data.
"""

from __future__ import annotations

import datetime as dt
import importlib
import random
from collections.abc import Callable
from dataclasses import dataclass

from faker import Faker

from accord.scan.schemes import SCHEMES, Scheme
from tests.support.pii_corpus import LabelledDoc

# scheme type -> (Faker locale, method)
FAKER: dict[str, tuple[str, str]] = {
    "AT_SVNR": ("de_AT", "ssn"), "BE_NN": ("nl_BE", "ssn"), "CZ_RC": ("cs_CZ", "birth_number"),
    "EE_IK": ("et_EE", "ssn"), "FI_HETU": ("fi_FI", "ssn"), "FR_NIR": ("fr_FR", "ssn"), "GR_AMKA": ("el_GR", "ssn"),
    "GR_AFM": ("el_GR", "tin"), "HR_OIB": ("hr_HR", "ssn"), "IT_CF": ("it_IT", "ssn"), "LV_PK": ("lv_LV", "ssn"),
    "NL_BSN": ("nl_NL", "ssn"), "PL_PESEL": ("pl_PL", "pesel"), "PL_NIP": ("pl_PL", "nip"), "RO_CNP": ("ro_RO", "ssn"),
    "ES_DNI": ("es_ES", "nif"), "ES_NIE": ("es_ES", "nie"), "SE_PNR": ("sv_SE", "ssn"), "NO_FNR": ("no_NO", "ssn"),
    "CH_AHV": ("de_CH", "ssn"), "KR_RRN": ("ko_KR", "ssn"), "IN_AADHAAR": ("en_IN", "aadhaar_id"),
    "IN_PAN": ("en_IN", "pan"), "BR_CPF": ("pt_BR", "cpf"), "BR_CNPJ": ("pt_BR", "cnpj"), "MX_CURP": ("es_MX", "curp"),
    "MX_RFC": ("es_MX", "rfc"), "CL_RUT": ("es_CL", "rut"), "CA_SIN": ("en_CA", "ssn"), "US_ITIN": ("en_US", "itin"),
    "TR_TCKN": ("tr_TR", "ssn"), "IL_IDNR": ("he_IL", "ssn"), "UA_RNTRC": ("uk_UA", "ssn"), "TH_PIN": ("th_TH", "ssn"),
    "RU_INN": ("ru_RU", "ssn"), "EU_VAT": ("", "vat_id"),
}
VAT_LOCALES = ("de_DE", "fr_FR", "it_IT", "nl_NL", "pl_PL", "pt_PT", "ro_RO", "dk_DK", "lt_LT", "mt_MT", "lb_LU",
               "hu_HU", "el_CY", "sl_SI", "sk_SK", "cs_CZ", "de_AT", "fi_FI", "et_EE")


def _date(r: random.Random, fmt: str) -> str:
    return (dt.date(1940, 1, 1) + dt.timedelta(days=r.randrange(365 * 60))).strftime(fmt)


def _n(r: random.Random, k: int) -> str:
    return "".join(str(r.randrange(10)) for _ in range(k))


# scheme type -> a random candidate in the scheme's layout (kept only when python-stdnum accepts it)
RANDOM: dict[str, Callable[[random.Random], str]] = {
    "BG_EGN": lambda r: _date(r, "%y%m%d") + _n(r, 4),
    "DK_CPR": lambda r: _date(r, "%d%m%y") + "-" + _n(r, 4),
    "FR_NIF": lambda r: r.choice("0123") + _n(r, 12),
    "DE_IDNR": lambda r: str(r.randint(1, 9)) + _n(r, 10),
    "IE_PPS": lambda r: _n(r, 7) + r.choice("ABCDEFGHIJKLMNOPQRSTUVW") + r.choice(["", "A", "W"]),
    "LT_AK": lambda r: r.choice("3456") + _date(r, "%y%m%d") + _n(r, 4),
    "PT_NIF": lambda r: r.choice("12") + _n(r, 8),
    "SI_EMSO": lambda r: _date(r, "%d%m") + _date(r, "%Y")[1:] + "50" + _n(r, 4),
    "IS_KT": lambda r: _date(r, "%d%m%y") + "-" + _n(r, 2) + _n(r, 1) + "9",
    "LI_PEID": lambda r: _n(r, r.randint(5, 8)).lstrip("0") or "12345",
    "GB_NHS": lambda r: f"{_n(r, 3)} {_n(r, 3)} {_n(r, 4)}",
    "GB_UTR": lambda r: _n(r, 10),
    "JP_MYNUMBER": lambda r: _n(r, 12),
    "TW_UBN": lambda r: _n(r, 8),
    "MY_NRIC": lambda r: _date(r, "%y%m%d") + "-" + r.choice(["01", "10", "14"]) + "-" + _n(r, 4),
    "ID_NIK": lambda r: r.choice(["3171", "3273", "3374"]) + _n(r, 2) + _date(r, "%d%m%y") + _n(r, 4),
    "PK_CNIC": lambda r: f"{r.randint(1, 7)}{_n(r, 4)}-{_n(r, 7)}-{_n(r, 1)}",
    "AR_CUIT": lambda r: f"{r.choice(['20', '23', '27'])}-{_n(r, 8)}-{_n(r, 1)}",
    "EC_CI": lambda r: f"{r.randint(1, 24):02d}" + r.choice("012345") + _n(r, 7),
    "AU_TFN": lambda r: f"{_n(r, 3)} {_n(r, 3)} {_n(r, 3)}",
    "NZ_IRD": lambda r: f"{r.randint(10, 149)}-{_n(r, 3)}-{_n(r, 3)}",
    "ZA_IDNR": lambda r: _date(r, "%y%m%d") + _n(r, 4) + "08" + _n(r, 1),
}

GLUED_WORDS = ("Thanks", "Danke", "Merci", "Gracias", "谢谢", "Dziękuję")
DECOY_WORDS = ("Order no.", "Invoice", "Bestellnummer", "numéro de commande", "订单号", "Tracking", "Ticket")


@dataclass(frozen=True)
class SchemeValue:
    scheme: Scheme
    value: str
    kind: str  # the entity type (for VAT: the country's)


def _validator(scheme: Scheme) -> Callable[[str], bool]:
    return importlib.import_module(f"stdnum.{scheme.module}").is_valid  # type: ignore[no-any-return]


class NationalValues:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self._fakers: dict[str, Faker] = {}
        self.seed = seed

    def faker(self, locale: str) -> Faker:
        if locale not in self._fakers:
            f = Faker(locale)
            f.seed_instance(self.seed * 1000 + len(self._fakers))
            self._fakers[locale] = f
        return self._fakers[locale]

    def value(self, scheme: Scheme) -> SchemeValue:
        ok = _validator(scheme)
        for _ in range(5000):
            if scheme.type == "EU_VAT":
                v = self.faker(self.rng.choice(VAT_LOCALES)).vat_id()
            elif scheme.type in FAKER:
                locale, method = FAKER[scheme.type]
                v = getattr(self.faker(locale), method)()
            else:
                v = RANDOM[scheme.type](self.rng)
            if ok(v):
                kind = scheme.type if scheme.type != "EU_VAT" else ("GR" if v[:2] == "EL" else v[:2]) + "_VAT"
                return SchemeValue(scheme, v, kind)
        raise RuntimeError(f"no valid {scheme.type} generated")

    def broken(self, sv: SchemeValue) -> str | None:
        """`sv.value` with one digit changed so that python-stdnum rejects it (None: no such change, the
        scheme has no check digit)."""
        ok = _validator(sv.scheme)
        digits = [i for i, c in enumerate(sv.value) if c.isdigit()]
        for _ in range(200):
            i = self.rng.choice(digits)
            v = sv.value[:i] + str((int(sv.value[i]) + self.rng.randint(1, 9)) % 10) + sv.value[i + 1:]
            if not ok(v):
                return v
        return None


def source_of(scheme: Scheme) -> str:
    return "Faker " + (FAKER[scheme.type][0] or "vat_id of " + ", ".join(VAT_LOCALES)) if scheme.type in FAKER \
        else "random digits in the scheme's layout, kept when python-stdnum accepts them"


def generate_national(per_scheme: int = 40, seed: int = 0) -> list[LabelledDoc]:
    """For every scheme: `per_scheme` documents in each way (context, bare, glued), and as many decoy documents.
    A document's `language` field holds the way ("context", "bare", "glued", "decoy") and the scheme's type."""
    v = NationalValues(seed)
    r = v.rng
    filler = v.faker("en_US")
    docs: list[LabelledDoc] = []
    for scheme in SCHEMES:
        for i in range(per_scheme):
            sv = v.value(scheme)
            word = r.choice(scheme.words)
            word = word.capitalize() if r.random() < 0.3 else word.upper() if r.random() < 0.3 else word
            sep = r.choice([": ", " ", " nr ", " = ", "：", " n° "]) if i % 2 else r.choice([": ", " "])
            lead = filler.sentence() + " "
            for way in ("context", "bare", "glued"):
                if way == "bare":
                    before, after = lead, " " + filler.sentence()
                elif way == "context":
                    before, after = lead + word + sep, ". " + filler.sentence()
                else:
                    before, after = lead + word + sep, r.choice(GLUED_WORDS)
                docs.append(LabelledDoc(before + sv.value + after, ((len(before), len(before) + len(sv.value),
                                                                      sv.kind),), f"{way}:{scheme.type}"))
            # decoys: the same number with a failed check, after the word; same-length numbers after other words
            digits = "".join(c for c in sv.value if c.isdigit())
            broken = v.broken(sv)
            decoys = [*([word + sep + broken] if broken else []),
                      f"{r.choice(DECOY_WORDS)} {_n(r, len(digits))}",
                      f"Tel. +{r.choice(['48', '49', '33', '86'])} {_n(r, 3)} {_n(r, 3)} {_n(r, 3)}",
                      f"{r.choice(DECOY_WORDS)} {_date(r, '%Y%m%d')}{_n(r, max(0, len(digits) - 8))}"]
            docs.append(LabelledDoc(lead + r.choice(decoys) + ". " + filler.sentence(), (), f"decoy:{scheme.type}"))
    return docs
