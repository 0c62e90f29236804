"""National identity, tax and social-security numbers: one row per scheme, validated by python-stdnum.

Each scheme names its entity type (`<ISO 3166 country>_<scheme>`, e.g. `PL_PESEL`), the stdnum module that
validates it, the shapes it is written in, the words that name it in the local language (and English), and
whether its shape is distinctive enough to be reported without such a word (`bare`): letters in fixed places,
fixed separators or a fixed prefix, always with a check digit. Digit-only shapes are reported only after one of
their words, in the same sentence, at most 48 characters before the number.

`person`: the number identifies a natural person (counted as people in the scan summary); VAT and company
numbers are reported but counted apart. docs/privacy.md lists every scheme with its source.
"""

from __future__ import annotations

from dataclasses import dataclass

_EU_VAT_PREFIXES = ("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT",
                    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK")


@dataclass(frozen=True)
class Scheme:
    type: str  # entity type, country first
    country: str  # ISO 3166-1 alpha-2
    name: str  # the scheme's own name
    module: str  # python-stdnum module that validates it
    shapes: tuple[str, ...]  # regular expressions of the written forms (ASCII classes only)
    words: tuple[str, ...]  # context words, lower case
    bare: tuple[str, ...] = ()  # the shapes found without a context word (distinctive, with a check digit)
    person: bool = True  # identifies a natural person


def _s(type_: str, name: str, module: str, shapes: str | tuple[str, ...], words: tuple[str, ...], *,
       bare: bool | int = False, person: bool = True) -> Scheme:
    """`bare`: True for every shape, or the number of leading shapes that are distinctive."""
    all_shapes = (shapes,) if isinstance(shapes, str) else shapes
    count = len(all_shapes) if bare is True else int(bare)
    return Scheme(type_, type_.split("_", 1)[0], name, module, all_shapes, words, all_shapes[:count], person)


D = "[0-9]"
SCHEMES: tuple[Scheme, ...] = (
    # ---- EU and EEA
    _s("AT_SVNR", "Sozialversicherungsnummer", "at.vnr", rf"{D}{{4}} ?{D}{{6}}",
       ("sozialversicherungsnummer", "versicherungsnummer", "svnr", "sv-nr", "sv-nummer")),
    _s("BE_NN", "Rijksregisternummer / numéro de registre national", "be.nn",
       rf"{D}{{2}}\.?{D}{{2}}\.?{D}{{2}}[-. ]?{D}{{3}}[-. ]?{D}{{2}}",
       ("rijksregisternummer", "rijksregister", "registre national", "numéro national", "insz", "niss",
        "national number")),
    _s("BG_EGN", "ЕГН (единен граждански номер)", "bg.egn", rf"{D}{{10}}",
       ("егн", "egn", "единен граждански номер")),
    _s("CZ_RC", "Rodné číslo (CZ; the Slovak rodné číslo has the same form)", "cz.rc", rf"{D}{{6}}/?{D}{{3,4}}",
       ("rodné číslo", "rodného čísla", "rodne cislo", "r.č.", "birth number")),
    _s("DK_CPR", "CPR-nummer (no check digit since 2007: a date and four digits)", "dk.cpr", rf"{D}{{6}}-?{D}{{4}}",
       ("cpr", "cpr-nummer", "cpr-nr")),
    _s("EE_IK", "Isikukood", "ee.ik", rf"{D}{{11}}", ("isikukood", "isikukoodi", "personal code")),
    _s("FI_HETU", "Henkilötunnus", "fi.hetu", (rf"{D}{{6}}[A-FU-Y]{D}{{3}}[0-9A-FHJ-NPR-Y]",
                                              rf"{D}{{6}}[-+]{D}{{3}}[A-FHJ-NPR-Y]", rf"{D}{{6}}[-+]{D}{{3}}{D}"),
       ("henkilötunnus", "hetu", "personbeteckning"), bare=2),
    _s("FR_NIR", "Numéro de sécurité sociale (NIR)", "fr.nir",
       rf"[12] ?{D}{{2}} ?{D}{{2}} ?(?:{D}{{2}}|2[AB]) ?{D}{{3}} ?{D}{{3}} ?{D}{{2}}",
       ("sécurité sociale", "securite sociale", "numéro de sécu", "nir", "insee")),
    _s("FR_NIF", "Numéro fiscal de référence (SPI)", "fr.nif", rf"[0-3]{D} ?{D}{{2}} ?{D}{{3}} ?{D}{{3}} ?{D}{{3}}",
       ("numéro fiscal", "numero fiscal", "identifiant fiscal", "spi")),
    _s("DE_IDNR", "Steuerliche Identifikationsnummer", "de.idnr", rf"{D}{{2}} ?{D}{{3}} ?{D}{{3}} ?{D}{{3}}",
       ("steuer-id", "steuerid", "steueridentifikationsnummer", "identifikationsnummer", "idnr", "steuer-idnr",
        "tax id")),
    _s("GR_AMKA", "ΑΜΚΑ", "gr.amka", rf"{D}{{11}}", ("αμκα", "amka")),
    _s("GR_AFM", "ΑΦΜ (tax number)", "gr.vat", rf"{D}{{9}}", ("αφμ", "afm")),
    _s("HR_OIB", "Osobni identifikacijski broj", "hr.oib", rf"{D}{{11}}",
       ("oib", "osobni identifikacijski broj")),
    _s("IE_PPS", "Personal Public Service Number", "ie.pps", rf"{D}{{7}}[A-W][ABWTXZ]?",
       ("pps", "ppsn", "personal public service")),
    _s("IT_CF", "Codice fiscale", "it.codicefiscale",
       r"[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]",
       ("codice fiscale", "cod. fisc.", "c.f."), bare=True),
    _s("LV_PK", "Personas kods", "lv.pvn", rf"[0-3]{D}[01]{D}{{3}}-?[0-2]{D}{{4}}",
       ("personas kods", "personas koda", "personas kodu")),
    _s("LT_AK", "Asmens kodas", "lt.asmens", rf"[1-6]{D}{{10}}", ("asmens kodas", "asmens kodą", "asmens kodo")),
    _s("NL_BSN", "Burgerservicenummer", "nl.bsn", (rf"{D}{{4}}\.{D}{{2}}\.{D}{{3}}", rf"{D}{{3}} {D}{{3}} {D}{{3}}",
                                                    rf"{D}{{9}}"),
       ("bsn", "burgerservicenummer", "sofinummer", "sofi-nummer")),
    _s("PL_PESEL", "PESEL", "pl.pesel", rf"{D}{{11}}", ("pesel",)),
    _s("PL_NIP", "NIP (numer identyfikacji podatkowej)", "pl.nip",
       (rf"{D}{{3}}-{D}{{3}}-{D}{{2}}-{D}{{2}}", rf"{D}{{3}}-{D}{{2}}-{D}{{2}}-{D}{{3}}", rf"{D}{{10}}"),
       ("nip", "numer identyfikacji podatkowej")),
    _s("PT_NIF", "Número de identificação fiscal", "pt.nif", rf"[1-35-9]{D}{{2}} ?{D}{{3}} ?{D}{{3}}",
       ("nif", "contribuinte", "número fiscal", "numero fiscal")),
    _s("RO_CNP", "Cod numeric personal", "ro.cnp", rf"[1-9]{D}{{12}}", ("cnp", "cod numeric personal")),
    _s("SI_EMSO", "EMŠO", "si.emso", rf"[0-3]{D}{{12}}", ("emšo", "emso", "enotna matična številka")),
    _s("ES_DNI", "Documento nacional de identidad (DNI/NIF)", "es.dni", rf"{D}{{8}}-?[A-HJ-NP-TV-Z]",
       ("dni", "nif", "documento nacional de identidad"), bare=True),
    _s("ES_NIE", "Número de identidad de extranjero", "es.nie", rf"[XYZ]-?{D}{{7}}-?[A-HJ-NP-TV-Z]",
       ("nie", "número de identidad de extranjero"), bare=True),
    _s("SE_PNR", "Personnummer", "se.personnummer", rf"(?:19|20)?{D}{{6}}[-+]?{D}{{4}}",
       ("personnummer", "personnr", "person-nr", "samordningsnummer")),
    _s("IS_KT", "Kennitala", "is_.kennitala", rf"[0-7]{D}{{5}}-?{D}{{4}}", ("kennitala", "kt.")),
    _s("NO_FNR", "Fødselsnummer", "no.fodselsnummer", rf"{D}{{6}} ?{D}{{5}}",
       ("fødselsnummer", "fodselsnummer", "personnummer", "f.nr.")),
    _s("LI_PEID", "Personenidentifikationsnummer (no check digit: any 4 to 12 digits after its word)", "li.peid",
       rf"{D}{{4,12}}",
       ("personenidentifikationsnummer", "peid")),
    _s("EU_VAT", "VAT identification number (type reported as <country>_VAT)", "eu.vat",
       rf"(?:{'|'.join(_EU_VAT_PREFIXES)}) ?[0-9A-Za-z]{{2}} ?[0-9A-Z]{{6,10}}",
       ("vat", "ust-idnr", "umsatzsteuer-identifikationsnummer", "tva", "btw", "iva", "partita iva", "nip ue",
        "adószám", "dič", "moms"), bare=True, person=False),
    # ---- rest of Europe
    _s("CH_AHV", "AHV-Nummer / numéro AVS", "ch.ssn", (rf"756\.{D}{{4}}\.{D}{{4}}\.{D}{{2}}", rf"756{D}{{10}}"),
       ("ahv", "avs", "sozialversicherungsnummer"), bare=1),
    _s("GB_NHS", "NHS number", "gb.nhs", rf"{D}{{3}} ?{D}{{3}} ?{D}{{4}}", ("nhs number", "nhs no", "nhs")),
    _s("GB_UTR", "Unique Taxpayer Reference", "gb.utr", rf"{D}{{5}} ?{D}{{5}}", ("utr", "unique taxpayer reference")),
    _s("TR_TCKN", "T.C. Kimlik No", "tr.tckimlik", rf"[1-9]{D}{{10}}",
       ("kimlik", "tckn", "t.c. no", "tc no", "türkiye cumhuriyeti kimlik")),
    _s("UA_RNTRC", "РНОКПП (ІПН)", "ua.rntrc", rf"{D}{{10}}",
       ("рнокпп", "іпн", "ідентифікаційний код", "ідентифікаційний номер", "податковий номер")),
    _s("RU_INN", "ИНН", "ru.inn", (rf"{D}{{12}}", rf"{D}{{10}}"), ("инн",)),
    # ---- Asia
    _s("JP_MYNUMBER", "個人番号 (My Number)", "jp.in_", rf"{D}{{4}} ?{D}{{4}} ?{D}{{4}}",
       ("マイナンバー", "個人番号", "my number")),
    _s("KR_RRN", "주민등록번호", "kr.rrn", (rf"{D}{{6}}-[1-8]{D}{{6}}", rf"{D}{{13}}"),
       ("주민등록번호", "주민번호", "resident registration number", "rrn"), bare=1),
    _s("IN_AADHAAR", "Aadhaar", "in_.aadhaar", rf"[2-9]{D}{{3}} ?{D}{{4}} ?{D}{{4}}", ("aadhaar", "आधार", "uidai")),
    _s("IN_PAN", "Permanent Account Number (no check digit)", "in_.pan", r"[A-Z]{3}[ABCFGHJLPT][A-Z][0-9]{4}[A-Z]",
       ("pan", "permanent account number", "पैन")),
    _s("TW_UBN", "統一編號 (business number)", "tw.ubn", rf"{D}{{8}}", ("統一編號", "統編"), person=False),
    _s("TH_PIN", "เลขประจำตัวประชาชน", "th.pin", (rf"{D}-{D}{{4}}-{D}{{5}}-{D}{{2}}-{D}", rf"{D}{{13}}"),
       ("เลขประจำตัวประชาชน", "บัตรประชาชน", "thai id")),
    _s("MY_NRIC", "MyKad / NRIC", "my.nric", rf"{D}{{6}}-?{D}{{2}}-?{D}{{4}}",
       ("nric", "mykad", "kad pengenalan", "no. k/p")),
    _s("ID_NIK", "Nomor Induk Kependudukan", "id.nik", rf"{D}{{16}}", ("nik", "nomor induk kependudukan")),
    _s("PK_CNIC", "CNIC (no check digit)", "pk.cnic", rf"{D}{{5}}-?{D}{{7}}-?{D}", ("cnic", "شناختی کارڈ")),
    _s("IL_IDNR", "מספר זהות (Teudat Zehut)", "il.idnr", (rf"{D}{{8}}-{D}", rf"{D}{{9}}"),
       ("תעודת זהות", "ת.ז", "ת\"ז", "מספר זהות", "teudat zehut", "israeli id")),
    # ---- Americas, Oceania, Africa
    _s("BR_CPF", "Cadastro de Pessoas Físicas", "br.cpf", (rf"{D}{{3}}\.{D}{{3}}\.{D}{{3}}-{D}{{2}}", rf"{D}{{11}}"),
       ("cpf",), bare=1),
    _s("BR_CNPJ", "Cadastro Nacional da Pessoa Jurídica", "br.cnpj",
       (rf"{D}{{2}}\.{D}{{3}}\.{D}{{3}}/{D}{{4}}-{D}{{2}}", rf"{D}{{14}}"), ("cnpj",), bare=1, person=False),
    _s("MX_CURP", "Clave Única de Registro de Población", "mx.curp", rf"[A-Z]{{4}}{D}{{6}}[HMX][A-Z]{{5}}[0-9A-Z]{D}",
       ("curp",), bare=True),
    _s("MX_RFC", "Registro Federal de Contribuyentes", "mx.rfc", rf"[A-Z]{{3,4}}{D}{{6}}[0-9A-Z]{{3}}", ("rfc",)),
    _s("AR_CUIT", "CUIT / CUIL", "ar.cuit", rf"(?:20|23|24|27|30|33|34)-?{D}{{8}}-?{D}", ("cuit", "cuil")),
    _s("CL_RUT", "Rol Único Tributario / Nacional", "cl.rut", (rf"{D}{{1,2}}\.{D}{{3}}\.{D}{{3}}-[0-9K]",
                                                               rf"{D}{{7,8}}-?[0-9K]"), ("rut",), bare=1),
    _s("EC_CI", "Cédula de identidad", "ec.ci", rf"[0-2]{D}{{9}}", ("cédula", "cedula")),
    _s("CA_SIN", "Social Insurance Number / numéro d'assurance sociale", "ca.sin",
       rf"[1-79]{D}{{2}}[ -]?{D}{{3}}[ -]?{D}{{3}}",
       ("social insurance", "assurance sociale", "sin no", "sin number", "numéro nas")),
    _s("US_ITIN", "Individual Taxpayer Identification Number", "us.itin", rf"9{D}{{2}}-?{D}{{2}}-?{D}{{4}}", ("itin",)),
    _s("AU_TFN", "Tax File Number", "au.tfn", rf"{D}{{3}} ?{D}{{3}} ?{D}{{2,3}}", ("tfn", "tax file number")),
    _s("NZ_IRD", "IRD number", "nz.ird", rf"{D}{{2,3}}-?{D}{{3}}-?{D}{{3}}", ("ird",)),
    _s("ZA_IDNR", "South African identity number", "za.idnr", rf"{D}{{6}} ?{D}{{4}} ?{D}{{2}} ?{D}",
       ("id number", "identity number", "id-nommer", "identiteitsnommer")),
)

# VAT numbers are reported with the country of their prefix (EL is Greece's VAT prefix)
VAT_TYPES: tuple[str, ...] = tuple(f"{'GR' if p == 'EL' else p}_VAT" for p in _EU_VAT_PREFIXES)
NATIONAL_TYPES: tuple[str, ...] = tuple(t for s in SCHEMES for t in ((s.type,) if s.type != "EU_VAT" else VAT_TYPES))
COUNTRIES: frozenset[str] = frozenset(s.country for s in SCHEMES if s.country != "EU") | {t[:2] for t in VAT_TYPES}
