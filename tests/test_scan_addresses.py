"""ADDRESS: the whole span of real-format postal addresses of the five locales, and look-alikes that are not
addresses (streets without a number, rooms, chapters, order numbers, postcodes, Chinese "号" that is no house)."""

from __future__ import annotations

import pytest

from accord.scan import Scanner

SCANNER = Scanner(["ADDRESS"])

ADDRESSES = [
    # US: number + name + suffix [+ secondary] [, city, STATE ZIP(+4)]
    "1600 Pennsylvania Avenue NW, Washington, DC 20500",
    "350 5th Ave, New York, NY 10118-0110",
    "083 Crosby Plaza Apt. 533, Farleytown, MT 73436",
    "42 Elm St",
    "7070 Warner Ridges Suite 228",
    # UK: [Flat n,] number + street + suffix [, town] [, postcode]
    "10 Downing Street, London, SW1A 2AA",
    "Flat 37, Bennett Mall, East Harrietport, N8 8HN",
    "Studio 48m, Suzanne Forge, Sarahview E1 0QX",
    "221B Baker Street",
    # FR: number [bis|ter] [,] voie + name [, code postal + commune]
    "55 rue du Faubourg Saint-Honoré, 75008 Paris",
    "5, avenue Samson, 57583 LacroixBourg",
    "12 bis rue de la Paix",
    "3 place de l'Église, 97200 Fort-de-France",
    # DE: street (Grundwort) + number [, PLZ + Ort]
    "Drubinstraße 47-26, 06690 Groß-Gerau",
    "Berliner Straße 12, 10115 Berlin",
    "Karl-Marx-Allee 90/68",
    "Hauptstr. 5, 60311 Frankfurt am Main",
    "René-Spieß-Ring 33-74, 32566 Günzburg",
    "Hans-J.-Bonbach-Allee 25/29, 33606 Bad Lobenstein",
    # CN: admin unit(s) + road + number 号 [+ building, unit, room]
    "上海市徐汇区漕溪北路88号",
    "北京市朝阳区建国路88号3号楼2单元501室",
    "浙江杭州市西湖区文三路90号",
    "广西壮族自治区南宁市青秀区民族大道100号",
]


@pytest.mark.parametrize("address", ADDRESSES)
def test_the_whole_address_is_one_span(address: str) -> None:
    for before, after in (("Please send it to ", " today."), ("请寄到", "，谢谢。"), ("Neue Adresse ", ""), ("", "")):
        text = before + address + after
        spans = SCANNER.scan(text)
        assert [(text[s.start:s.end], s.type) for s in spans] == [(address, "ADDRESS")], text


@pytest.mark.parametrize("text", [
    "We met on Main Street last week.", "Room 5 is on the left.", "Chapter 12 Street Fighter", "Room 12, Oak Court",
    "in der Hauptstraße vor dem Kino", "rue de la Paix", "Le 14 juillet 1789 à Paris.", "Wir treffen uns um 12 Uhr.",
    "der 5. Mai", "中山路站", "第5号文件", "地铁10号线", "中山路10号线", "5号楼",
    "SW1A 2AA", "75008 Paris", "10115 Berlin", "48025 Bad Brückenau",
    "order 4521 from the Oak Street shop", "commande n° 4521, rue Dupont", "Bestellung 4711 für Hauptstraße",
    "During 2020 we moved.", "In 2019 the street was renamed.", "3.5 Street-level", "Released on 12/05/2024",
    "Platz 5 im Ranking", "the top 10 Green ideas", "Straße 5", "PO Box 123, Springfield, IL 62704",
])
def test_look_alikes_are_not_addresses(text: str) -> None:
    assert SCANNER.scan(text) == [], text


def test_invalid_tails_are_left_out_of_the_span() -> None:
    # PLZ 00xxx is not allocated; ZIP 00000 is never used; a UK inward code never has C, I, K, M, O or V
    for text, expected in (("Wagenknechtplatz 4, 00275 Cuxhaven", "Wagenknechtplatz 4"),
                           ("12 Oak Street, Springfield, IL 00000", "12 Oak Street, Springfield, IL"),
                           ("17 Jones Light, North Holly, S6 7CI", "17 Jones Light")):
        assert [text[s.start:s.end] for s in SCANNER.scan(text)] == [expected]


def test_addresses_and_other_identifiers_side_by_side() -> None:
    text = "Call 13812345678 or visit 42 Elm St, Springfield, IL 62704; 身份证11010519491231002X"
    assert [(text[s.start:s.end], s.type) for s in Scanner().scan(text)] == [
        ("13812345678", "PHONE_NUMBER"), ("42 Elm St, Springfield, IL 62704", "ADDRESS"),
        ("11010519491231002X", "CN_RESIDENT_ID")]
