"""A labelled multi-locale PII benchmark corpus, generated with Faker from a fixed seed.

Locales en_US, zh_CN, de_DE, fr_FR and en_GB supply the values; sentence templates are English, Chinese,
German and French. Every labelled value is checked here, independently of accord.scan, before it is used
(phone numbers with libphonenumber, IBANs with mod 97, cards with Luhn, resident ids with MOD 11-2), because
Faker emits some invalid ones (zh_CN GB IBANs of 21 characters, about a fifth of its phone numbers, en_GB
NINOs with the never-allocated prefix ZZ and suffix T). Decoys are look-alikes that must not be reported:
numbers that fail their checksum, never-issued SSNs, version strings, order numbers, dates, times,
amounts, ISBNs, MAC addresses and postal codes; for ADDRESS, street names without a house number, rooms,
chapters, order numbers beside street words, bare postcodes, "第5号文件", "地铁10号线".

Addresses come from Faker's parts, written on one line as people write them: en_US `address()` with its
newline joined by ", " (military APO/FPO addresses are left out: no street), en_GB's lines joined by ", "
(postcode sometimes without the comma), fr_FR "5, avenue Samson, 57583 Ville" (Faker's addresses without a
number are left out), de_DE "Straße 12, 12345 Ort"; zh_CN is assembled (Faker's own zh_CN address has no
house number and a district without 区): province, city, district + 区, road, number 号, sometimes a
building, unit and room. The labelled span is exactly the text the generator inserted.

Used by tests/test_scan_accuracy.py and bench/pii_scan.py (needs the `test` extra: faker, phonenumbers).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import random
from collections.abc import Callable
from dataclasses import dataclass

import phonenumbers
from faker import Faker

LOCALES = ("en_US", "zh_CN", "de_DE", "fr_FR", "en_GB")
LANGUAGES = ("en", "zh", "de", "fr")
TYPES = ("EMAIL", "PHONE_NUMBER", "CREDIT_CARD", "CN_BANK_CARD", "IBAN", "IP_ADDRESS", "US_SSN",
         "CN_RESIDENT_ID", "PASSPORT", "UK_NINO", "ADDRESS")


@dataclass(frozen=True)
class LabelledDoc:
    text: str
    spans: tuple[tuple[int, int, str], ...]  # (start, end, type), character offsets
    language: str


# ---------------------------------------------------------------- independent validators (not accord.scan's)
def _luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    return _luhn_digit(number[:-1]) == number[-1]


def mod97_valid(iban: str) -> bool:
    lengths = {"GB": 22, "DE": 22, "FR": 27, "NL": 18, "ES": 24, "IT": 27, "BE": 16, "AT": 20, "CH": 21}
    if lengths.get(iban[:2]) != len(iban):
        return False
    return int("".join(str(int(c, 36)) for c in iban[4:] + iban[:4])) % 97 == 1


def cn_id_valid(number: str) -> bool:
    weights = [2 ** (17 - i) % 11 for i in range(17)]
    check = (12 - sum(int(c) * w for c, w in zip(number[:17], weights, strict=True)) % 11) % 11
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return ("X" if check == 10 else str(check)) == number[17]


def phone_valid(text: str, region: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(text, region))
    except phonenumbers.NumberParseException:
        return False


# ---------------------------------------------------------------- value makers
class _Values:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fake = {loc: Faker(loc) for loc in (*LOCALES, "it_IT", "es_ES", "nl_NL", "ja_JP", "en_AU")}
        for i, f in enumerate(self.fake.values()):
            f.seed_instance(seed * 100 + i)

    def pick(self, seq):  # type: ignore[no-untyped-def]
        return seq[self.rng.randrange(len(seq))]

    def until(self, make: Callable[[], str], ok: Callable[[str], bool]) -> str:
        for _ in range(200):
            value = make()
            if ok(value):
                return value
        raise RuntimeError("could not generate a valid value")

    def email(self) -> str:
        return self.fake[self.pick(LOCALES)].email()

    def phone(self) -> str:
        kind = self.rng.random()
        if kind < 0.12:  # China landline, made here (Faker zh_CN gives mobiles only)
            area, sub = self.pick([("010", 8), ("021", 8), ("020", 8), ("0755", 8), ("0571", 8)])
            fmt = self.pick(["{a}-{s}", "({a}){s}", "{a} {s}", "+86 {b} {s}"])
            make = lambda: fmt.format(a=area, b=area[1:], s=str(self.rng.randint(2, 8))  # noqa: E731
                                      + "".join(str(self.rng.randint(0, 9)) for _ in range(sub - 1)))
            return self.until(make, lambda s: phone_valid(s, "CN"))
        if kind < 0.22:  # international E.164 of other countries
            loc, region = self.pick([("it_IT", "IT"), ("es_ES", "ES"), ("nl_NL", "NL"), ("ja_JP", "JP"),
                                     ("en_AU", "AU")])
            def e164() -> str:
                try:
                    n = phonenumbers.parse(self.fake[loc].phone_number(), region)
                except phonenumbers.NumberParseException:
                    return ""
                return phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164)
            return self.until(e164, lambda s: bool(s) and phone_valid(s, region))
        loc = self.pick(LOCALES)
        region = {"en_US": "US", "zh_CN": "CN", "de_DE": "DE", "fr_FR": "FR", "en_GB": "GB"}[loc]
        return self.until(self.fake[loc].phone_number, lambda s: phone_valid(s, region))

    def card(self) -> str:
        kind = self.pick(["visa16", "visa13", "visa19", "mastercard", "amex", "discover", "diners", "jcb15",
                          "jcb16", "maestro"])
        def ok(n: str) -> bool:
            return luhn_valid(n) and (kind != "jcb16" or "3528" <= n[:4] <= "3589") and not n.startswith("62")
        number = self.until(lambda: self.fake["en_US"].credit_card_number(kind), ok)
        return self._group(number, amex=kind == "amex")

    def cn_bank_card(self) -> str:
        length = self.pick([16, 16, 19])
        body = self.pick(["622202", "622848", "621700", "622588", "623058"]) + "".join(
            str(self.rng.randint(0, 9)) for _ in range(length - 7))
        return self._group(body + _luhn_digit(body))

    def _group(self, number: str, amex: bool = False) -> str:
        style = self.rng.random()
        if style < 0.5:
            return number
        sep = " " if style < 0.8 else "-"
        if amex and len(number) == 15:
            return sep.join((number[:4], number[4:10], number[10:]))
        return sep.join(number[i:i + 4] for i in range(0, len(number), 4))

    def iban(self) -> str:
        loc = self.pick(["en_GB", "de_DE", "fr_FR", "nl_NL", "es_ES", "it_IT"])
        iban = self.until(self.fake[loc].iban, mod97_valid)
        return iban if self.rng.random() < 0.6 else " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))

    def ip(self) -> str:
        if self.rng.random() < 0.6:
            return self.until(self.fake["en_US"].ipv4, lambda s: "/" not in s)
        address = self.fake["en_US"].ipv6()
        return address if self.rng.random() < 0.5 else ipaddress.IPv6Address(address).compressed

    def ssn(self) -> str:
        return self.until(self.fake["en_US"].ssn, lambda s: s[:3] not in ("000", "666") and s[0] != "9")

    def cn_id(self) -> str:
        return self.until(self.fake["zh_CN"].ssn, cn_id_valid)

    def passport(self) -> str:
        if self.rng.random() < 0.5:
            return self.fake["en_US"].passport_number()
        if self.rng.random() < 0.5:
            return "E" + "".join(str(self.rng.randint(0, 9)) for _ in range(8))
        return "E" + self.pick("ABCDEFGHJKLMNPQRSTUVWXYZ") + "".join(str(self.rng.randint(0, 9)) for _ in range(7))

    def nino(self) -> str:
        first = self.pick("ABCEGHJKLMNOPRSTWXYZ")
        second = self.until(lambda: self.pick("ABCEGHJKLMNPRSTWXYZ"),
                            lambda c: first + c not in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"))
        digits = "".join(str(self.rng.randint(0, 9)) for _ in range(6))
        suffix = self.pick("ABCD")
        if self.rng.random() < 0.5:
            return f"{first}{second}{digits}{suffix}"
        return f"{first}{second} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}"

    def address(self, language: str) -> str:
        """A one-line postal address: mostly of the template's language, a quarter from any locale."""
        home = {"en": ("en_US", "en_GB"), "zh": ("zh_CN",), "de": ("de_DE",), "fr": ("fr_FR",)}[language]
        loc = self.pick(home) if self.rng.random() < 0.75 else self.pick(LOCALES)
        f = self.fake[loc]
        if loc == "zh_CN":
            return self._zh_address()
        if loc == "en_US":
            lines = self.until(f.address, lambda a: a[0].isdigit()).split("\n")
            return lines[0] if self.rng.random() < 0.2 else ", ".join(lines)
        if loc == "en_GB":
            *street, postcode = f.address().split("\n")
            sep = self.pick([", ", " "])
            return ", ".join(street) + (sep + postcode if self.rng.random() < 0.8 else "")
        if loc == "fr_FR":
            street, town = self.until(f.address, lambda a: a[0].isdigit()).split("\n")
            if self.rng.random() < 0.3:
                street = street.replace(",", "", 1)
            if self.rng.random() < 0.15:
                number, rest = street.split(" ", 1)
                street = f"{number.rstrip(',')} {self.pick(['bis', 'ter'])} {rest}"
            return street if self.rng.random() < 0.15 else f"{street}, {town}"
        street = self.until(f.street_address, lambda a: not a.endswith(" 0"))  # no German house has number 0
        return street if self.rng.random() < 0.2 else f"{street}, {f.postcode()} {f.city()}"

    def _zh_address(self) -> str:
        f, r = self.fake["zh_CN"], self.rng
        admin = self.pick([f.province() + f.city(), f.city(), f.province()]) + f.district() + "区"
        unit = ""
        if r.random() < 0.4:
            unit = self.pick([f"{r.randint(1, 30)}栋", f"{r.randint(1, 20)}号楼", ""]) + \
                (f"{r.randint(1, 6)}单元" if r.random() < 0.5 else "") + f"{r.randint(1, 30)}{r.randint(1, 9):02d}室"
        return f"{admin}{f.street_name()}{r.randint(1, 999)}号{unit}"

    # ------------------------------------------------------------ decoys: look-alikes that are not PII
    def decoy(self) -> str:
        r = self.rng
        make = self.pick([
            lambda: self._bad_luhn(), lambda: self._bad_iban(), lambda: self._bad_cn_id(),
            lambda: self.pick(["000", "666", "912"]) + self.fake["en_US"].ssn()[3:],
            lambda: self.fake["en_GB"].ssn(),  # Faker en_GB NINOs: prefix ZZ, suffix T, never valid
            lambda: self.until(self.fake["zh_CN"].iban, lambda s: not mod97_valid(s)),
            lambda: f"v{r.randint(1, 9)}.{r.randint(0, 20)}.{r.randint(0, 30)}",
            lambda: f"version {r.randint(1, 9)}.{r.randint(0, 9)}.{r.randint(0, 9)}.{r.randint(0, 99)}",
            lambda: f"build {r.randint(10, 12)}.0.{r.randint(19000, 26000)}.{r.randint(1, 4000)}",
            lambda: f"order number {r.randint(2, 9)}{r.randint(100000000, 999999999)}",
            lambda: f"订单号 {r.randint(2020, 2025)}{r.randint(1, 12):02d}{r.randint(10000, 99999)}",
            lambda: f"Bestellnummer {r.randint(4500000000, 4599999999)}",
            lambda: f"commande n° {r.randint(10000000, 99999999)}",
            lambda: f"Order #A-{r.randint(10000, 99999)}",
            lambda: self.fake["en_US"].date(), lambda: self.fake["de_DE"].date(pattern="%d.%m.%Y"),
            lambda: self.fake["zh_CN"].date(pattern="%Y年%m月%d日"), lambda: self.fake["en_US"].time(),
            lambda: f"€{r.randint(1, 99)}.{r.randint(100, 999)},{r.randint(10, 99)}",
            lambda: f"${r.randint(1, 999)},{r.randint(100, 999)}.{r.randint(10, 99)}",
            lambda: self.fake["en_US"].isbn13(), lambda: self.fake["en_US"].mac_address().upper(),
            lambda: self.fake["fr_FR"].postcode() + " Paris", lambda: self.fake["en_GB"].postcode(),
            lambda: f"{r.randint(1, 99)}.{r.randint(0, 9)}%", lambda: f"HTTP {self.pick(['404', '500', '302'])}",
            lambda: f"room {r.randint(100, 4999)}",
            # not addresses: streets without a number, rooms, chapters, orders beside street words, postcodes
            lambda: self.fake[self.pick(LOCALES)].street_name(), lambda: f"Room {r.randint(1, 99)}",
            lambda: f"Chapter {r.randint(1, 40)} Street Fighter",
            lambda: f"order {r.randint(1000, 99999)} from the {self.fake['en_US'].street_name()} shop",
            lambda: f"Bestellung {r.randint(1000, 99999)} für die Filiale {self.fake['de_DE'].street_name()}",
            lambda: f"commande n° {r.randint(100, 9999)}, {self.fake['fr_FR'].street_name()}",
            lambda: f"第{r.randint(1, 99)}号文件", lambda: f"地铁{r.randint(1, 20)}号线",
            lambda: f"{self.fake['zh_CN'].street_name()}{r.randint(1, 9)}号线站",
            lambda: self.fake["de_DE"].postcode() + " " + self.fake["de_DE"].city(),
            lambda: f"{r.randint(2, 12)} Monate",
        ])
        return make()

    def _bad_luhn(self) -> str:
        n = self.until(lambda: self.fake["en_US"].credit_card_number("visa16"), luhn_valid)
        return n[:-1] + str((int(n[-1]) + self.rng.randint(1, 9)) % 10)

    def _bad_iban(self) -> str:
        iban = self.until(self.fake["de_DE"].iban, mod97_valid)
        i = self.rng.randint(4, len(iban) - 1)
        return iban[:i] + str((int(iban[i]) + self.rng.randint(1, 9)) % 10) + iban[i + 1:]

    def _bad_cn_id(self) -> str:
        n = self.cn_id()
        if self.rng.random() < 0.5:
            return n[:10] + "13" + n[12:]  # month 13
        return n[:17] + self.pick([c for c in "0123456789X" if c != n[17]])


# ---------------------------------------------------------------- templates: {X} is a labelled slot, {D} a decoy
TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "EMAIL": ("You can reach {name} at {X} for details.", "Send the signed form to {X}."),
        "PHONE_NUMBER": ("Please call me back at {X} after five.", "Mobile: {X}", "Our hotline {X} is open."),
        "CREDIT_CARD": ("The card ending in {X} was charged twice.", "Card number: {X}"),
        "CN_BANK_CARD": ("Transfer the refund to UnionPay card {X}.",),
        "IBAN": ("Please wire the deposit to IBAN {X}.", "Account {X} at the branch in town."),
        "IP_ADDRESS": ("The login came from {X} at midnight.", "Server {X} stopped responding."),
        "US_SSN": ("His SSN is {X}, please keep it private.", "Social security number {X} is on file."),
        "CN_RESIDENT_ID": ("Her Chinese ID card number is {X}.",),
        "PASSPORT": ("Passport number: {X}", "He showed passport {X} at the gate."),
        "UK_NINO": ("National Insurance number {X} belongs to {name}.",),
        "ADDRESS": ("{name} lives at {X}.", "Please ship the parcel to {X}.", "Our new office: {X}."),
        "D": ("The package from {D} arrived late.", "See item {D} in the list.", "Ref: {D}",
              "We updated the app on {D}.", "Note: {D} was not accepted."),
    },
    "zh": {
        "EMAIL": ("请把材料发到{X}，谢谢。", "{name}的邮箱是{X}。"),
        "PHONE_NUMBER": ("请拨打{X}联系{name}。", "客服电话：{X}", "我的手机号是{X}。"),
        "CREDIT_CARD": ("信用卡号{X}已被冻结。",),
        "CN_BANK_CARD": ("请将退款转入银行卡{X}。", "银行卡号：{X}"),
        "IBAN": ("境外汇款账户IBAN：{X}。",),
        "IP_ADDRESS": ("登录地址为{X}，请核实。", "服务器{X}无法访问。"),
        "US_SSN": ("美国社会安全号码{X}需要保密。",),
        "CN_RESIDENT_ID": ("身份证号：{X}", "{name}的身份证号码是{X}。", "公民身份号码{X}已登记。"),
        "PASSPORT": ("护照号码：{X}", "{name}的护照号为{X}。"),
        "UK_NINO": ("英国国民保险号{X}已核对。",),
        "ADDRESS": ("收货地址：{X}。", "{name}住在{X}。", "请把合同寄到{X}，谢谢。"),
        "D": ("{D}已处理完毕。", "参考编号{D}。", "系统版本说明：{D}。", "附注：{D}无效。"),
    },
    "de": {
        "EMAIL": ("Bitte schreiben Sie an {X}.", "Die E-Mail von {name} lautet {X}."),
        "PHONE_NUMBER": ("Rufen Sie mich unter {X} an.", "Telefon: {X}", "Erreichbar unter {X} ab neun Uhr."),
        "CREDIT_CARD": ("Die Kreditkarte {X} wurde belastet.",),
        "CN_BANK_CARD": ("Die UnionPay-Karte {X} ist hinterlegt.",),
        "IBAN": ("Überweisen Sie den Betrag auf IBAN {X}.", "Kontoverbindung: {X}"),
        "IP_ADDRESS": ("Der Zugriff kam von {X}.",),
        "US_SSN": ("Seine US-Sozialversicherungsnummer (SSN) ist {X}.",),
        "CN_RESIDENT_ID": ("Chinesische Ausweisnummer: {X}",),
        "PASSPORT": ("Reisepassnummer: {X}", "Der Reisepass {X} läuft bald ab."),
        "UK_NINO": ("Die britische NINO {X} ist korrekt.",),
        "ADDRESS": ("Meine Adresse lautet {X}.", "{name} wohnt in der {X}.", "Lieferanschrift: {X}."),
        "D": ("Siehe {D} im Anhang.", "Hinweis: {D} ist ungültig.", "Stand: {D}."),
    },
    "fr": {
        "EMAIL": ("Écrivez-moi à {X} demain.", "L'adresse de {name} est {X}."),
        "PHONE_NUMBER": ("Appelez-moi au {X} ce soir.", "Téléphone : {X}", "Joignable au {X}."),
        "CREDIT_CARD": ("La carte bancaire {X} a été débitée.",),
        "CN_BANK_CARD": ("Carte UnionPay {X} enregistrée.",),
        "IBAN": ("Virement sur l'IBAN {X} svp.", "Coordonnées bancaires : {X}"),
        "IP_ADDRESS": ("Connexion depuis {X} refusée.",),
        "US_SSN": ("Son numéro SSN américain est {X}.",),
        "CN_RESIDENT_ID": ("Numéro de carte d'identité chinoise : {X}",),
        "PASSPORT": ("Numéro de passeport : {X}", "Le passeport {X} a expiré."),
        "UK_NINO": ("Le numéro NINO {X} est vérifié.",),
        "ADDRESS": ("J'habite au {X}.", "Adresse de livraison : {X}", "{name} a déménagé au {X}."),
        "D": ("Voir {D} ci-joint.", "Remarque : {D} est refusé.", "Mise à jour : {D}."),
    },
}
_FILLER_LOCALE = {"en": "en_US", "zh": "zh_CN", "de": "de_DE", "fr": "fr_FR"}
_MAKERS = {"EMAIL": "email", "PHONE_NUMBER": "phone", "CREDIT_CARD": "card", "CN_BANK_CARD": "cn_bank_card",
           "IBAN": "iban", "IP_ADDRESS": "ip", "US_SSN": "ssn", "CN_RESIDENT_ID": "cn_id", "PASSPORT": "passport",
           "UK_NINO": "nino", "ADDRESS": "address"}


def generate(n_docs: int, seed: int = 0) -> list[LabelledDoc]:
    """n_docs documents; each has 0-3 labelled values, 0-2 decoys and 1-3 Faker filler sentences (on average
    about 1.5 labelled values and 0.75 decoys per document of about 200 bytes)."""
    v = _Values(seed)
    docs = []
    for _ in range(n_docs):
        lang = v.pick(LANGUAGES)
        filler = v.fake[_FILLER_LOCALE[lang]]
        parts: list[tuple[str, str | None]] = []  # (text, type of a labelled value or None)
        slots = [v.pick(TYPES) for _ in range(v.rng.choice((0, 1, 1, 2, 2, 3)))]
        slots += ["D"] * v.rng.choice((0, 1, 1, 2))
        v.rng.shuffle(slots)
        parts.append((filler.sentence() + " ", None))
        for slot in slots:
            template = v.pick(TEMPLATES[lang][slot]).replace("{name}", filler.name())
            before, after = template.split("{X}" if slot != "D" else "{D}")
            if slot == "D":
                value = v.decoy()
            elif slot == "ADDRESS":
                value = v.address(lang)
            else:
                value = getattr(v, _MAKERS[slot])()
            parts += [(before, None), (value, slot if slot != "D" else None), (after + " ", None)]
        parts += [(filler.sentence() + " ", None) for _ in range(v.rng.randint(0, 2))]
        text, spans, pos = "", [], 0
        for chunk, kind in parts:
            if kind:
                spans.append((pos, pos + len(chunk), kind))
            text += chunk
            pos += len(chunk)
        docs.append(LabelledDoc(text=text.rstrip(" "), spans=tuple(spans), language=lang))
    return docs


@dataclass(frozen=True)
class TypeScore:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def evaluate(docs: list[LabelledDoc], predicted: list[list[tuple[int, int, str]]],
             types: tuple[str, ...] = TYPES) -> dict[str, TypeScore]:
    """Per type: a prediction is a true positive when it overlaps a labelled span of the same type that no
    other prediction has claimed; predictions of types outside `types` are ignored."""
    counts = {t: [0, 0, 0] for t in types}
    for doc, preds in zip(docs, predicted, strict=True):
        claimed: set[int] = set()
        for start, end, kind in preds:
            if kind not in counts:
                continue
            hit = next((i for i, (s, e, t) in enumerate(doc.spans)
                        if t == kind and i not in claimed and s < end and start < e), None)
            if hit is None:
                counts[kind][1] += 1
            else:
                claimed.add(hit)
                counts[kind][0] += 1
        for i, (_, _, t) in enumerate(doc.spans):
            if i not in claimed and t in counts:
                counts[t][2] += 1
    return {t: TypeScore(*c) for t, c in counts.items()}
