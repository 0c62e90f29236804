"""Postal street addresses (ADDRESS) of the US, the UK, France, Germany and China, found by their structure.

A street mention without a house number ("on Main Street", "in der Hauptstraße", "rue de la Paix", "中山路")
is not an address. The whole span is reported: from the sub-premise (UK "Flat 3,") or the house number (US,
UK, FR), the street name (DE) or the first administrative unit (CN) to the last valid part (postcode, town).

    US  house number + street name + USPS suffix [+ Apt/Suite/Unit n] [, city, STATE [ZIP(+4)]]
    UK  [Flat/Studio n,] house number + street name + suffix [, town] [, postcode]   (or Flat n, street...)
    FR  number [bis|ter|A-D] [,] type de voie + name [, code postal + commune [CEDEX]]
    DE  street name ending in a Grundwort (-straße, -weg, ...) + house number [, PLZ + Ort]
    CN  province and/or city and/or district [+ town] + road (路/街/道/巷/胡同/弄) + number 号 [+ 栋/单元/室]

Sources of the formats (comments below cite each table): USPS Publication 28 (Appendix B state abbreviations,
Appendix C1 street suffixes, §213 secondary unit designators); BS 7666 / Royal Mail postcode shape; La Poste's
address standard (AFNOR NF Z10-011: "5 bis" / "5 B", a 5-digit code postal before the commune, CEDEX);
Deutsche Post / DIN 5008 (street, house number, 5-digit PLZ, Ort); China Post's order of a postal address,
largest unit first (省/自治区/直辖市, 市, 区/县, 街道, 路, 号).

The locator fires only at a digit that starts a house number (US, UK, FR), follows a German street word, or
follows a Chinese road character and precedes 号; `address_start` then walks back to where the address
begins. Everything else about the match is decided by the recognizer patterns, in C.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, grouped by first character (one branch per letter, so `re`
    rejects a wrong first letter at once), longest first within a group."""
    groups: dict[str, set[str]] = defaultdict(set)
    for w in words:
        groups[w[0]].add(w[1:])
    branches = []
    for first in sorted(groups):
        rest = sorted(groups[first], key=lambda r: (-len(r), r))
        inner = "|".join(re.escape(r) for r in rest)
        branches.append(re.escape(first) + (f"(?:{inner})" if rest != [""] else ""))
    return "(?:" + "|".join(branches) + ")"


# ---------------------------------------------------------------- English (US and UK)
# USPS Publication 28, Appendix C1: primary street suffix names and their standard abbreviations.
US_SUFFIXES = (
    "Alley Aly Annex Anx Arcade Arc Avenue Ave Av Bayou Byu Beach Bch Bend Bnd Bluff Blf Bluffs Blfs Bottom Btm "
    "Boulevard Blvd Branch Br Bridge Brg Brook Brk Brooks Brks Burg Bg Burgs Bgs Bypass Byp Camp Cp Canyon Cyn "
    "Cape Cpe Causeway Cswy Center Ctr Centers Ctrs Circle Cir Circles Cirs Cliff Clf Cliffs Clfs Club Clb "
    "Common Cmn Commons Cmns Corner Cor Corners Cors Course Crse Court Ct Courts Cts Cove Cv Coves Cvs Creek Crk "
    "Crescent Cres Crest Crst Crossing Xing Crossroad Xrd Crossroads Xrds Curve Curv Dale Dl Dam Dm Divide Dv "
    "Drive Dr Drives Drs Estate Est Estates Ests Expressway Expy Extension Ext Extensions Exts Fall Falls Fls "
    "Ferry Fry Field Fld Fields Flds Flat Flt Flats Flts Ford Frd Fords Frds Forest Frst Forge Frg Forges Frgs "
    "Fork Frk Forks Frks Fort Ft Freeway Fwy Garden Gdn Gardens Gdns Gateway Gtwy Glen Gln Glens Glns Green Grn "
    "Greens Grns Grove Grv Groves Grvs Harbor Hbr Harbors Hbrs Haven Hvn Heights Hts Highway Hwy Hill Hl Hills "
    "Hls Hollow Holw Inlet Inlt Island Is Islands Iss Isle Junction Jct Junctions Jcts Key Ky Keys Kys Knoll Knl "
    "Knolls Knls Lake Lk Lakes Lks Land Landing Lndg Lane Ln Light Lgt Lights Lgts Loaf Lf Lock Lck Locks Lcks "
    "Lodge Ldg Loop Mall Manor Mnr Manors Mnrs Meadow Mdw Meadows Mdws Mews Mill Ml Mills Mls Mission Msn "
    "Motorway Mtwy Mount Mt Mountain Mtn Mountains Mtns Neck Nck Orchard Orch Oval Overpass Opas Park Parks "
    "Parkway Pkwy Parkways Pass Passage Psge Path Pike Pine Pne Pines Pnes Place Pl Plain Pln Plains Plns Plaza "
    "Plz Point Pt Points Pts Port Prt Ports Prts Prairie Pr Radial Radl Ramp Ranch Rnch Rapid Rpd Rapids Rpds "
    "Rest Rst Ridge Rdg Ridges Rdgs River Riv Road Rd Roads Rds Route Rte Row Rue Run Shoal Shl Shoals Shls "
    "Shore Shr Shores Shrs Skyway Skwy Spring Spg Springs Spgs Spur Spurs Square Sq Squares Sqs Station Sta "
    "Stravenue Stra Stream Strm Street St Streets Sts Summit Smt Terrace Ter Throughway Trwy Trace Trce Track "
    "Trak Trafficway Trfy Trail Trl Trailer Trlr Tunnel Tunl Turnpike Tpke Underpass Upas Union Un Unions Uns "
    "Valley Vly Valleys Vlys Via Viaduct View Vw Views Vws Village Vlg Villages Vlgs Ville Vl Vista Vis Walk "
    "Walks Wall Way Wy Ways Well Wl Wells Wls"
).split()
# UK road types beyond the USPS table (councils' street-naming guidance lists these; "Terrace", "Green" etc.
# are already above).
UK_SUFFIXES = ("Close", "Rise", "Parade", "Wharf", "Yard", "Vale", "Approach", "Embankment", "Gate", "Hill",
               "Crescent", "Drove", "Chase", "Croft", "Grange", "Quay", "Broadway", "Circus", "Wynd")
# USPS Publication 28, Appendix B: states, DC, territories, freely associated states, military "states".
US_STATES = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH "
    "OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI FM MH PW AA AE AP"
).split()
_CAP = r"[A-Z][A-Za-z'\-]*"
_ORDINAL = r"[0-9]{1,3}(?:st|nd|rd|th)"
_EN_SUFFIX = _alternation((*US_SUFFIXES, *UK_SUFFIXES)) + r"(?!\w)"  # "Br" is not the start of "Brückenau"
_SUB_PREMISE = r"(?:Flat|Studio|Apartment|Apt\.?|Unit|Suite)[ ]"
_HOUSE_REST = r"[0-9]{0,5}[A-Za-z]?(?:-[0-9]{1,4}[A-Za-z]?)?"  # after the first digit (the locator consumes it)
_HOUSE = "[0-9]" + _HOUSE_REST
_EN_STREET = rf"(?:{_CAP}|{_ORDINAL})(?:[ ]{_CAP}){{0,3}}[ ]{_EN_SUFFIX}"
# Royal Mail / BS 7666 postcode shape: outward AN, ANN, ANA, AAN, AANN, AANA with the letter rules per position;
# inward digit + two letters, never C I K M O V.
UK_POSTCODE = (r"(?:[A-PR-UWYZ][0-9][0-9A-HJKSTUW]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)[ ]?"
               r"[0-9][ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])")
_CITY = rf"{_CAP}(?:[ ]{_CAP}){{0,3}}"
_ZIP = r"(?!00000)[0-9]{5}(?:-[0-9]{4})?(?![0-9])"
_US_TAIL = rf",[ ]{_CITY},?[ ]{_alternation(US_STATES)}(?![A-Za-z0-9])(?:[ ]{_ZIP})?"
_UK_TAIL = rf"(?:,[ ]{_CITY})?,?[ ]{UK_POSTCODE}"
_SECONDARY = r",?[ ](?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Floor|Fl\.?|#)[ ]?[0-9]{1,5}[A-Z]?(?![A-Za-z0-9])"
EN_ADDRESS = (rf"(?:{_SUB_PREMISE}[0-9]{{1,4}}[A-Za-z]?,?[ ](?:{_HOUSE}[ ])?|{_HOUSE}[ ]){_EN_STREET}"
              rf"(?:[ ](?:N|S|E|W|NE|NW|SE|SW)(?![A-Za-z]))?(?:{_SECONDARY})?(?:{_US_TAIL}|{_UK_TAIL})?")

# ---------------------------------------------------------------- French
# Types de voie (La Poste / FANTOIR abbreviations list, the common ones), case-insensitive.
FR_VOIES = ("rue", "avenue", "av.", "boulevard", "bd", "bld", "place", "pl.", "chemin", "allée", "impasse", "quai",
            "route", "rte", "cours", "square", "passage", "voie", "sentier", "rond-point", "esplanade", "promenade",
            "faubourg", "parvis", "cité", "résidence", "hameau", "lieu-dit", "montée", "ruelle", "traverse",
            "villa", "carrefour", "chaussée", "galerie", "mail")
_FR_LETTER = "A-Za-zÀ-ÖØ-öø-ÿŒœ"
_FR_CAP = rf"[A-ZÀ-ÖØ-ÞŒ][{_FR_LETTER}'’\-]*"
_FR_LINK = r"(?:(?:de|du|des|la|le|les|aux|au|à|et|sur|sous|en)[ ]|[dlDL]['’])"
_FR_NAME = rf"{_FR_LINK}*{_FR_CAP}(?:[ ]{_FR_LINK}*{_FR_CAP}){{0,4}}"
# code postal: 2-digit département (01-95; 20 is Corsica) or 97x/98x overseas, then 3 digits (La Poste)
_FR_CP = r"(?:(?:0[1-9]|[1-8][0-9]|9[0-5])[0-9]{3}|97[1-8][0-9]{2}|98[0-9]{3})"
# a commune: words joined by hyphens ("Saint-Étienne", "Fontaine-sur-Voisin"), or by a space after an article or
# Saint(e) ("Le Havre", "Sainte Maryse"); a capitalised word after the commune is not taken
_FR_COMMUNE = (rf"(?:(?:Saint|Sainte|St|Ste|Le|La|Les|Da|De|Du|Des)[ ])?{_FR_CAP}"
               rf"(?:-(?:(?:sur|sous|lès|les|le|la|en|de|du|des|aux)-)?{_FR_CAP}){{0,3}}")
_FR_NUMBER_REST = r"[0-9]{0,3}(?:[ ]?(?:bis|ter|quater|[A-D])(?![A-Za-z]))?"  # "5 bis", "5B" (La Poste)
_FR_NUMBER = "[0-9]" + _FR_NUMBER_REST
FR_ADDRESS = (rf"{_FR_NUMBER},?[ ](?i:{_alternation(FR_VOIES)})(?![{_FR_LETTER}])[ ]{_FR_NAME}"
              rf"(?:,?[ ]{_FR_CP}[ ]{_FR_COMMUNE}(?:[ ]CEDEX(?:[ ][0-9]{{1,2}})?)?)?")

# ---------------------------------------------------------------- German
# Grundwörter of German street names: lower-case at the end of a compound ("Hauptstraße"), capitalised after a
# hyphen or on their own ("Karl-Marx-Allee", "Berliner Straße").
DE_STREET_WORDS = ("straße", "strasse", "str.", "weg", "platz", "allee", "gasse", "ring", "damm", "ufer",
                   "chaussee", "steig", "stieg", "pfad", "markt", "graben", "wall", "kai", "promenade", "bogen",
                   "zeile")
_DE_LETTERS = "A-Za-zÀ-ÖØ-öø-ÿ"  # German letters and the accented ones of names ("René-Spieß-Ring")
_DE_WORD = _alternation(w for word in DE_STREET_WORDS for w in (word, word.capitalize()))
_DE_STANDALONE = _alternation(w.capitalize() for w in DE_STREET_WORDS)
_DE_TOWN_WORD = r"[A-ZÄÖÜ][a-zäöüß]+"
# a town of several words: hyphenated, after a prefix word ("Bad Ems", "Schwäbisch Hall"), or joined by a
# preposition ("Frankfurt am Main", "Rothenburg ob der Tauber"); a capitalised word after a town is not taken
_DE_TOWN_PREFIX = (r"(?:Bad|Sankt|St\.|Groß|Klein|Neu|Alt|Hohen|Ober|Unter|Nieder|Königs|Schwäbisch|"
                   r"Hannoversch|Bergisch|Märkisch|Lutherstadt|Ostseebad|Seebad)")
_DE_TOWN = (rf"(?:{_DE_TOWN_PREFIX}[ ])?{_DE_TOWN_WORD}(?:(?:-|[ ](?:an|am|ob|im|in|bei|vor|auf|unter)"
            rf"(?:[ ](?:der|den|dem))?[ ]){_DE_TOWN_WORD}){{0,3}}")
_DE_PLZ = r"(?:0[1-9]|[1-9][0-9])[0-9]{3}"  # Deutsche Post: 5 digits, Leitzone 0-9, never 00
_DE_NUMBER = r"[1-9][0-9]{0,3}[a-z]?(?:[ ]?[-/][ ]?[0-9]{1,4}[a-z]?)?(?![0-9])"
_NOT_GERMAN = r"(?!(?:During|Bring|String|Spring|Offering|Bearing|Boring|Hearing|Wring)[ ])"  # English "-ring"
# the street: a capitalised compound ending in a Grundwort ("Hans-J.-Bonbach-Allee"), or an adjective and a
# Grundwort on its own ("Berliner Straße")
_DE_STREET = rf"(?:{_DE_TOWN_WORD}[ ]{_DE_STANDALONE}|[A-ZÄÖÜ][{_DE_LETTERS}.\-]*?{_DE_WORD})"
DE_ADDRESS = (rf"{_NOT_GERMAN}{_DE_STREET}"
              rf"[ ]{_DE_NUMBER}(?:,?[ ]{_DE_PLZ}[ ]{_DE_TOWN})?")

# ---------------------------------------------------------------- Chinese
# Provincial-level divisions (GB/T 2260), full names first, then the short forms people also write ("浙江杭州").
CN_PROVINCES = (
    "北京市 天津市 上海市 重庆市 河北省 山西省 辽宁省 吉林省 黑龙江省 "
    "江苏省 浙江省 安徽省 福建省 江西省 山东省 河南省 湖北省 湖南省 广东省 "
    "海南省 四川省 贵州省 云南省 陕西省 甘肃省 青海省 台湾省 内蒙古自治区 "
    "广西壮族自治区 西藏自治区 宁夏回族自治区 新疆维吾尔自治区 香港特别行政区 "
    "澳门特别行政区"
).split()
_CN_STOP = "在是到至址住的我他她你您请往寄送给于从"  # words that precede an address; not in place names here


def _cjk_except(stop: str) -> str:
    """A character class of the CJK Unified Ideographs block without the characters of `stop`."""
    cuts = sorted({ord(c) for c in stop})
    ranges = zip([0x4E00] + [c + 1 for c in cuts], [c - 1 for c in cuts] + [0x9FFF], strict=True)
    return "[" + "".join(chr(lo) if lo == hi else f"{chr(lo)}-{chr(hi)}" for lo, hi in ranges if lo <= hi) + "]"


_CN = _cjk_except(_CN_STOP)
_CN_PROVINCE = _alternation((*CN_PROVINCES, *{p.removesuffix(s) for p in CN_PROVINCES for s in ("省", "市")
                                              if p.endswith(s)}))
_CN_CITY = rf"{_CN}{{1,6}}?(?:市|自治州|地区|盟)"
_CN_DISTRICT = rf"{_CN}{{1,6}}?(?:区|县|旗|市)"
_CN_ADMIN = rf"(?:{_CN_PROVINCE}(?:{_CN_CITY})?(?:{_CN_DISTRICT})?|{_CN_CITY}(?:{_CN_DISTRICT})?|{_CN_DISTRICT})"
_CN_ROAD = rf"(?:{_CN}{{1,6}}?(?:镇|乡|街道))?{_CN}{{1,7}}?(?:路|街|大道|道|巷|胡同|弄)"
_CN_UNIT = r"(?:[0-9]{1,4}(?:号楼|栋|幢|座)|[A-Za-z]座)?(?:[0-9]{1,2}单元)?(?:[0-9]{1,5}(?:室|房))?"
CN_ADDRESS = rf"{_CN_ADMIN}{_CN_ROAD}[0-9]{{1,5}}(?:-[0-9]{{1,4}})?号院?{_CN_UNIT}"
_CN_ROAD_ENDS = "路街道巷同弄"

# ---------------------------------------------------------------- where a candidate starts
_DE_BEFORE_DIGIT = "|".join(f"(?<={re.escape(w)} [0-9])" for w in
                            sorted({w for word in DE_STREET_WORDS for w in (word, word.capitalize())}))
LOCATOR = re.compile(
    r"[0-9](?<![0-9A-Za-z_.,:/+#\-][0-9])(?:"
    # one cheap gate for the US, UK and FR shapes: after the number, a space and a word (or an ordinal street
    # name, or a house number and a capitalised word after a sub-premise number)
    rf"(?={_HOUSE_REST},?[ ](?:[a-zA-ZÀ-ÿ]|[0-9]{{1,6}}[A-Za-z]{{0,2}}[ ][A-Z]))"
    rf"(?:(?={_HOUSE_REST},?[ ](?:{_HOUSE}[ ])?{_EN_STREET})"
    rf"|(?={_FR_NUMBER_REST},?[ ](?i:{_alternation(FR_VOIES)})[ ]))"
    rf"|(?<=[a-zß.] [0-9])(?:{_DE_BEFORE_DIGIT})"  # the cheap look-behind first: a word's last letter
    rf"|(?<=[{_CN_ROAD_ENDS}][0-9])(?=[0-9]{{0,4}}(?:-[0-9]{{1,4}})?号))")
_BACK = 48
_SUB_PREMISE_BEFORE = re.compile(rf"(?<![A-Za-z]){_SUB_PREMISE}$")
_DE_BEFORE = re.compile(rf"(?<![{_DE_LETTERS}.\-])(?:{_DE_STREET}|{_DE_STANDALONE})[ ]$")
_CN_BEFORE = re.compile(rf"{_CN_ADMIN}{_CN_ROAD}$")
_CN_PROVINCE_RX = re.compile(_CN_PROVINCE)


def address_start(text: str, pos: int) -> int:
    """Where the address whose house number starts at `pos` begins: before a UK/US sub-premise ("Flat 3, "),
    a German street name, or a Chinese administrative unit; otherwise at the number itself."""
    window = text[max(0, pos - _BACK):pos]
    lo = pos - len(window)
    last = window[-1:]
    if last and last in _CN_ROAD_ENDS:
        m = _CN_BEFORE.search(window)
        if m is None:
            return pos
        province = _CN_PROVINCE_RX.search(window, m.start())  # a known province inside: the address starts there
        if province is not None and _CN_BEFORE.match(window, province.start()):
            return lo + province.start()
        return lo + m.start()
    if last == " ":
        m = None
        if window[-2:-1].isalpha() or window.endswith(". "):  # a German street is the last word or two
            m = _DE_BEFORE.search(window, max(0, window.rfind(" ", 0, window.rfind(" ", 0, len(window) - 1))))
        if m is None:
            m = _SUB_PREMISE_BEFORE.search(window, max(0, len(window) - 12))
        return lo + m.start() if m else pos
    return pos


def address_length(s: str) -> tuple[str, int] | None:
    """The recognizers' check: the pattern has validated every part (suffix, state, postcode and PLZ shapes,
    administrative units), so the whole match is the address."""
    return ("ADDRESS", len(s))
