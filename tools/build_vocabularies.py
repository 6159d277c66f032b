"""Build the code lists in ``vocabularies/`` and ``mappings/languages.csv`` from LC's reference data.

Run from the repository root::

    .venv/bin/python tools/build_vocabularies.py            # (re)write the files
    .venv/bin/python tools/build_vocabularies.py --check    # exit 1 if a file is out of date

Reads, from ``--reference`` (default ``../shared/vocab-reference`` beside the repository):

- ``relators.ttl``: relator codes (last segment of the IRI) and their English labels;
- ``marc-languages-crosswalk.xml``: MARC language codes, English names and the xml:lang
  (ISO 639-1 where one exists) that LC's own converter uses;
- ``marc-languages.json``: the names of the obsolete MARC language codes the crosswalk lacks;
- ``marc-countries.json``: MARC country codes and their names;
- ``marc-gacs.json``: MARC geographic area codes (043) and their names;
- ``bibframe.rdf``, ``bflc.rdf``, ``madsrdf-v1.4.0.rdf``: every class and property written here
  must be defined there (``rdfs:label`` aside), or the build stops.

and the hand-maintained tables of ``mappings/`` (a cataloguer corrects these, then reruns):

- ``relator_terms.csv`` (term,language,code): relator terms as typed in $e/$j;
- ``relator_labels_vi.csv`` (code,label_vi): Vietnamese labels of relator codes;
- ``country_names_vi.csv`` (code,name_vi): Vietnamese names of MARC country codes.

plus the tables in this module: Vietnamese language names, IANA Suppress-Script values, the
successors of obsolete codes, the authorised names and Vietnamese names of geographic areas,
and the small code lists (RDA types, schemes, issuance …) that the reference folder does not hold.

Writes ``mappings/languages.csv`` and ``vocabularies/{relators,languages,countries,
geographic-areas,schemes,rda,admin}.ttl``.  Graphs are built with rdflib terms and serialised
by rdflib (sorted, prefixed), so two runs over the same input give byte-identical files.

Choices worth knowing:

- Language codes.  The crosswalk lists 486 ``<language>`` elements; twenty carry two ISO 639-2
  codes (bibliographic and terminological: ``chi``/``zho``, ``fre``/``fra`` …) in no fixed order.
  The MARC code is the one that ``marc-languages.json`` (the MARC list) knows.  The range
  ``qaa-qtz`` (local use) is not a code and is left out, giving 485 rows.  Twenty-nine obsolete MARC
  codes that appear in the MARC list but not in the crosswalk (``cam`` Khmer, ``scc`` Serbian,
  ``tag`` Tagalog …) are added with their successor's BCP 47 tag, because old records still
  carry them; ``ajm`` (Aljamía) and ``esk`` (Eskimo languages) have no single successor and
  are left out.
- ``suppress_script`` is the IANA Language Subtag Registry's ``Suppress-Script`` for the BCP 47
  tag (registry File-Date 2021-08-06); empty where IANA gives none (``sr``, ``zh``, ``az`` …).
- Countries.  ``marc-countries.json`` is a list of ``{"id": code, "text": name}`` sorted by name,
  one row per name: the program that made it (LibCrowds' ``update.py``) took every ``<name>``
  under each ``<country>`` of LC's ``countries.xml``, authorised form and "use for" variants
  alike, then sorted everything by text.  Neither the order nor any flag tells which name is
  authorised ("first" would give ``vm`` "Democratic People's Republic of Vietnam").  So: a code
  with one distinct name takes it; for the 163 codes with several, ``COUNTRY_AUTHORISED`` below
  names the authorised form (as in the MARC Code List for Countries of 2016) and the build checks
  that it is one of that code's names in the JSON.  The JSON has no obsolete codes; those that
  old records in Vietnamese libraries still carry (``vn``, ``vs``, ``ur``, the Soviet republics
  ``rur``, ``unr`` …) come from ``OBSOLETE_COUNTRIES``, typed ``madsrdf:DeprecatedAuthority``
  with ``madsrdf:useInstead`` where there is one successor.
- Geographic areas.  ``marc-gacs.json`` has the same shape and the same flaw (LibCrowds took
  every ``<name>`` under each ``<gac>`` of LC's ``gacs.xml``: the authorised heading and the
  "use for" names, which include other headings that take the same code, e.g. "Shan States" under
  ``a-br``).  Its ids are the codes with the trailing hyphens already removed (``a-vt``), which
  is also the last segment of the id.loc.gov IRI; ``bf:code`` gives the code as written in 043
  $a, padded with hyphens to seven characters (``a-vt---``).  Names are trimmed, runs of spaces
  collapsed, and two slips of LC's file undone: a name ending in its own code in brackets
  ("Czech Republic [e-xr]") and an unmatched closing bracket ("Macedonia (Republic)]").  A code
  with one distinct name takes it; for the 325 codes with several, ``GAC_AUTHORISED`` names the
  authorised heading (the top-level ``<name authorized="yes">`` of LC's ``gacs.xml``, 2013
  revision, as kept in the public repository rrasch/libpublishing), and the build checks that
  it is one of that code's names in the JSON.  Every other name becomes a
  ``madsrdf:variantLabel``.  Six choices were judgement rather than lookup (see the comment
  above ``GAC_AUTHORISED`` and vocabularies/README.md).  ``GAC_NAMES_VI`` gives Vietnamese names.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS

ROOT = Path(__file__).resolve().parent.parent
MAPPINGS = ROOT / "mappings"
VOCABULARIES = ROOT / "vocabularies"

BF = Namespace("http://id.loc.gov/ontologies/bibframe/")
BFLC = Namespace("http://id.loc.gov/ontologies/bflc/")
MADS = Namespace("http://www.loc.gov/mads/rdf/v1#")
ID = "http://id.loc.gov/vocabulary/"

HEADER = (
    "# Generated by tools/build_vocabularies.py from LC reference data and the tables in mappings/.\n"
    "# Do not edit by hand: correct the table or the script, then rerun it (see vocabularies/README.md).\n"
)

# ---------------------------------------------------------------------------------------------
# Hand tables
# ---------------------------------------------------------------------------------------------

# IANA Language Subtag Registry (File-Date 2021-08-06), Suppress-Script of every language subtag
# that the crosswalk uses as xml:lang.  Only IANA's own entries; none is guessed.
SUPPRESS_SCRIPT = {
    "ab": "Cyrl", "af": "Latn", "am": "Ethi", "ar": "Arab", "as": "Beng", "ay": "Latn",
    "be": "Cyrl", "bg": "Cyrl", "bn": "Beng", "bs": "Latn", "ca": "Latn", "ch": "Latn",
    "cs": "Latn", "cy": "Latn", "da": "Latn", "de": "Latn", "dsb": "Latn", "dv": "Thaa",
    "dz": "Tibt", "el": "Grek", "en": "Latn", "eo": "Latn", "es": "Latn", "et": "Latn",
    "eu": "Latn", "fa": "Arab", "fi": "Latn", "fj": "Latn", "fo": "Latn", "fr": "Latn",
    "frr": "Latn", "frs": "Latn", "fy": "Latn", "ga": "Latn", "gl": "Latn", "gn": "Latn",
    "gsw": "Latn", "gu": "Gujr", "gv": "Latn", "he": "Hebr", "hi": "Deva", "hr": "Latn",
    "hsb": "Latn", "ht": "Latn", "hu": "Latn", "hy": "Armn", "id": "Latn", "is": "Latn",
    "it": "Latn", "ja": "Jpan", "ka": "Geor", "kk": "Cyrl", "kl": "Latn", "km": "Khmr",
    "kn": "Knda", "ko": "Kore", "kok": "Deva", "la": "Latn", "lb": "Latn", "ln": "Latn",
    "lo": "Laoo", "lt": "Latn", "lv": "Latn", "mai": "Deva", "men": "Latn", "mg": "Latn",
    "mh": "Latn", "mk": "Cyrl", "ml": "Mlym", "mr": "Deva", "ms": "Latn", "mt": "Latn",
    "my": "Mymr", "na": "Latn", "nb": "Latn", "nd": "Latn", "nds": "Latn", "ne": "Deva",
    "niu": "Latn", "nl": "Latn", "nn": "Latn", "no": "Latn", "nqo": "Nkoo", "nr": "Latn",
    "nso": "Latn", "ny": "Latn", "om": "Latn", "or": "Orya", "pa": "Guru", "pl": "Latn",
    "ps": "Arab", "pt": "Latn", "qu": "Latn", "rm": "Latn", "rn": "Latn", "ro": "Latn",
    "ru": "Cyrl", "rw": "Latn", "sg": "Latn", "si": "Sinh", "sk": "Latn", "sl": "Latn",
    "sm": "Latn", "so": "Latn", "sq": "Latn", "ss": "Latn", "st": "Latn", "sv": "Latn",
    "sw": "Latn", "ta": "Taml", "te": "Telu", "tem": "Latn", "th": "Thai", "ti": "Ethi",
    "tkl": "Latn", "tl": "Latn", "tmh": "Latn", "tn": "Latn", "to": "Latn", "tpi": "Latn",
    "tr": "Latn", "ts": "Latn", "tvl": "Latn", "uk": "Cyrl", "ur": "Arab", "ve": "Latn",
    "vi": "Latn", "xh": "Latn", "yi": "Hebr", "zbl": "Blis", "zu": "Latn",
}

# Obsolete MARC language codes (in the MARC list, not in the crosswalk) -> the code to use instead,
# as the MARC Code List for Languages says.  ajm and esk are left out: no single successor.
OBSOLETE_LANGUAGES = {
    "cam": "khm", "esp": "epo", "eth": "gez", "far": "fao", "fri": "fry", "gae": "gla",
    "gag": "glg", "gal": "orm", "gua": "grn", "int": "ina", "iri": "gle", "kus": "kos",
    "lan": "oci", "lap": "smi", "max": "glv", "mla": "mlg", "mol": "rum", "sao": "smo",
    "scc": "srp", "scr": "hrv", "sho": "sna", "snh": "sin", "sso": "sot", "swz": "ssw",
    "tag": "tgl", "taj": "tgk", "tar": "tat", "tru": "chk", "tsw": "tsn",
}

# Vietnamese names of the languages a Vietnamese library meets most (and of the collective codes
# its records use for ethnic-minority languages: hmn, cmc, mkh, tai).
LANGUAGE_NAMES_VI = {
    "vie": "Tiếng Việt", "eng": "Tiếng Anh", "fre": "Tiếng Pháp", "rus": "Tiếng Nga",
    "chi": "Tiếng Trung", "jpn": "Tiếng Nhật", "kor": "Tiếng Hàn", "ger": "Tiếng Đức",
    "spa": "Tiếng Tây Ban Nha", "ita": "Tiếng Ý", "por": "Tiếng Bồ Đào Nha", "dut": "Tiếng Hà Lan",
    "lao": "Tiếng Lào", "khm": "Tiếng Khmer", "cam": "Tiếng Khmer", "tha": "Tiếng Thái",
    "bur": "Tiếng Miến Điện", "may": "Tiếng Mã Lai", "ind": "Tiếng Indonesia",
    "tgl": "Tiếng Tagalog", "tag": "Tiếng Tagalog", "fil": "Tiếng Filipino", "hin": "Tiếng Hindi",
    "ben": "Tiếng Bengal", "tam": "Tiếng Tamil", "urd": "Tiếng Urdu", "san": "Tiếng Phạn",
    "pli": "Tiếng Pali", "tib": "Tiếng Tây Tạng", "mon": "Tiếng Mông Cổ", "ara": "Tiếng Ả Rập",
    "per": "Tiếng Ba Tư", "heb": "Tiếng Hebrew", "tur": "Tiếng Thổ Nhĩ Kỳ",
    "gre": "Tiếng Hy Lạp", "grc": "Tiếng Hy Lạp cổ", "lat": "Tiếng Latinh", "pol": "Tiếng Ba Lan",
    "cze": "Tiếng Séc", "slo": "Tiếng Slovakia", "hun": "Tiếng Hungary", "rum": "Tiếng Romania",
    "mol": "Tiếng Moldova", "bul": "Tiếng Bulgaria", "ukr": "Tiếng Ukraina", "bel": "Tiếng Belarus",
    "srp": "Tiếng Serbia", "scc": "Tiếng Serbia", "hrv": "Tiếng Croatia", "scr": "Tiếng Croatia",
    "slv": "Tiếng Slovenia", "mac": "Tiếng Macedonia", "swe": "Tiếng Thụy Điển",
    "nor": "Tiếng Na Uy", "dan": "Tiếng Đan Mạch", "fin": "Tiếng Phần Lan", "ice": "Tiếng Iceland",
    "epo": "Tiếng Esperanto", "esp": "Tiếng Esperanto", "arm": "Tiếng Armenia", "geo": "Tiếng Gruzia",
    "kaz": "Tiếng Kazakh", "uzb": "Tiếng Uzbek", "hmn": "Tiếng H'Mông", "cmc": "Các ngôn ngữ Chăm",
    "mkh": "Các ngôn ngữ Môn-Khmer", "tai": "Các ngôn ngữ Tày-Thái", "sgn": "Ngôn ngữ ký hiệu",
    "mul": "Nhiều ngôn ngữ", "und": "Không xác định", "zxx": "Không có nội dung ngôn ngữ",
}

# Authorised English name of each country code that has several names in marc-countries.json
# (the MARC Code List for Countries as of 2016, the date of the JSON).  See the module docstring.
COUNTRY_AUTHORISED = {
    "ai": "Armenia (Republic)", "aj": "Azerbaijan", "am": "Anguilla", "ao": "Angola",
    "aq": "Antigua and Barbuda", "as": "American Samoa", "at": "Australia", "aw": "Aruba",
    "ba": "Bahrain", "bg": "Bangladesh", "bh": "Belize", "bi": "British Indian Ocean Territory",
    "bl": "Brazil", "bn": "Bosnia and Herzegovina", "bp": "Solomon Islands", "br": "Burma",
    "bs": "Botswana", "bw": "Belarus", "ca": "Caribbean Netherlands", "cb": "Cambodia",
    "cc": "China", "ce": "Sri Lanka", "cf": "Congo (Brazzaville)",
    "cg": "Congo (Democratic Republic)", "ch": "China (Republic : 1949- )", "ci": "Croatia",
    "cj": "Cayman Islands", "ck": "Colombia", "cl": "Chile", "cm": "Cameroon", "co": "Curaçao",
    "cq": "Comoros", "cr": "Costa Rica", "cu": "Cuba", "cv": "Cabo Verde", "cw": "Cook Islands",
    "cx": "Central African Republic", "dk": "Denmark", "dm": "Benin", "ea": "Eritrea",
    "ec": "Ecuador", "eg": "Equatorial Guinea", "em": "Timor-Leste", "es": "El Salvador",
    "fa": "Faroe Islands", "fg": "French Guiana", "fi": "Finland", "fj": "Fiji",
    "fk": "Falkland Islands", "fm": "Micronesia (Federated States)", "fp": "French Polynesia",
    "fr": "France", "fs": "Terres australes et antarctiques françaises", "ft": "Djibouti",
    "gb": "Kiribati", "gd": "Grenada", "gh": "Ghana", "gp": "Guadeloupe", "gr": "Greece",
    "gs": "Georgia (Republic)", "gv": "Guinea", "gw": "Germany", "gy": "Guyana", "ho": "Honduras",
    "ie": "Ireland", "ii": "India", "io": "Indonesia", "is": "Israel", "it": "Italy",
    "iv": "Côte d'Ivoire", "ja": "Japan", "ji": "Johnston Atoll", "jm": "Jamaica",
    "kg": "Kyrgyzstan", "kn": "Korea (North)", "ko": "Korea (South)", "kz": "Kazakhstan",
    "lo": "Lesotho", "mf": "Mauritius", "mg": "Madagascar", "mk": "Oman", "ml": "Mali",
    "mm": "Malta", "mo": "Montenegro", "mp": "Mongolia", "mr": "Morocco", "mv": "Moldova",
    "mw": "Malawi", "mx": "Mexico", "my": "Malaysia", "ne": "Netherlands",
    "nfc": "Newfoundland and Labrador", "nik": "Northern Ireland", "nl": "New Caledonia",
    "nn": "Vanuatu", "no": "Norway", "nq": "Nicaragua", "nr": "Nigeria",
    "nw": "Northern Mariana Islands", "nz": "New Zealand", "ot": "Mayotte", "pc": "Pitcairn Island",
    "pg": "Guinea-Bissau", "pk": "Pakistan", "pn": "Panama", "po": "Portugal",
    "pp": "Papua New Guinea", "pw": "Palau", "rb": "Serbia", "re": "Réunion", "rh": "Zimbabwe",
    "rm": "Romania", "ru": "Russia (Federation)", "sa": "South Africa", "sc": "Saint-Barthélemy",
    "sd": "South Sudan", "se": "Seychelles", "sh": "Spanish North Africa", "sn": "Sint Maarten",
    "so": "Somalia", "sp": "Spain", "sr": "Surinam", "ss": "Western Sahara", "st": "Saint-Martin",
    "sx": "Namibia", "sy": "Syria", "ta": "Tajikistan", "tc": "Turks and Caicos Islands",
    "th": "Thailand", "tk": "Turkmenistan", "tl": "Tokelau", "to": "Tonga",
    "tr": "Trinidad and Tobago", "ts": "United Arab Emirates", "tv": "Tuvalu", "tz": "Tanzania",
    "ua": "Egypt", "uc": "United States Misc. Caribbean Islands",
    "uik": "United Kingdom Misc. Islands", "up": "United States Misc. Pacific Islands",
    "uv": "Burkina Faso", "uz": "Uzbekistan", "vb": "British Virgin Islands", "vc": "Vatican City",
    "vm": "Vietnam", "wf": "Wallis and Futuna", "wj": "West Bank of the Jordan River",
    "ws": "Samoa", "xb": "Cocos (Keeling) Islands", "xc": "Maldives", "xd": "Saint Kitts-Nevis",
    "xe": "Marshall Islands", "xj": "Saint Helena", "xl": "Saint Pierre and Miquelon",
    "xm": "Saint Vincent and the Grenadines", "xn": "Macedonia", "xo": "Slovakia",
    "xr": "Czech Republic", "xs": "South Georgia and the South Sandwich Islands", "xv": "Slovenia",
    "xxk": "United Kingdom", "ye": "Yemen", "za": "Zambia",
}

# Obsolete MARC country codes still found in old records -> (English name, code to use instead).
# The name must occur in marc-countries.json (under the successor); None: no single successor.
OBSOLETE_COUNTRIES = {
    "vn": ("Vietnam, North", "vm"), "vs": ("Vietnam, South", "vm"),
    "ur": ("Soviet Union", None), "xxr": ("Soviet Union", None),
    "air": ("Armenian S.S.R.", "ai"), "ajr": ("Azerbaijan S.S.R.", "aj"),
    "bwr": ("Byelorussian S.S.R.", "bw"), "err": ("Estonia", "er"), "gsr": ("Georgian S.S.R.", "gs"),
    "kgr": ("Kirghiz S.S.R.", "kg"), "kzr": ("Kazakh S.S.R.", "kz"), "lir": ("Lithuania", "li"),
    "lvr": ("Latvia", "lv"), "mvr": ("Moldavian S.S.R.", "mv"), "rur": ("Russian S.F.S.R.", "ru"),
    "tar": ("Tajik S.S.R.", "ta"), "tkr": ("Turkmen S.S.R.", "tk"), "unr": ("Ukraine", "un"),
    "uzr": ("Uzbek S.S.R.", "uz"), "ge": ("Germany (East)", "gw"), "cs": ("Czechoslovakia", None),
    "hk": ("Hong Kong", "cc"), "mh": ("Macao", "cc"),
}

# Authorised English heading of each geographic area code that has several names in marc-gacs.json:
# the top-level <name authorized="yes"> of the <gac> in LC's gacs.xml (2013 revision), brackets and
# stray spaces removed as in read_gacs().  Judgement calls, listed in vocabularies/README.md for
# review: cc, mm, nl, r and t (two <gac> entries share the code: "Caribbean Area"/"Caribbean Sea",
# "Mediterranean Region"/"... Sea", "Great Lakes (North America)"/"Lake States", "Arctic Ocean"/
# "Arctic regions", "Antarctic Ocean"/"Antarctica"), and e-bn (gacs.xml 2013 has "Bosnia and
# Hercegovina"; the 2016 JSON adds LC's later spelling, which the country list also uses).
GAC_AUTHORISED = {
    "a": "Asia", "a-ai": "Armenia (Republic)", "a-aj": "Azerbaijan", "a-ba": "Bahrain",
    "a-bg": "Bangladesh", "a-br": "Burma", "a-cb": "Cambodia", "a-cc": "China",
    "a-cc-an": "Anhui Sheng (China)", "a-cc-ch": "Zhejiang Sheng (China)",
    "a-cc-cq": "Chongqing (China)", "a-cc-fu": "Fujian Sheng (China)",
    "a-cc-ha": "Hainan Sheng (China)", "a-cc-he": "Heilongjiang Sheng (China)",
    "a-cc-hh": "Hubei Sheng (China)", "a-cc-hk": "Hong Kong (China)",
    "a-cc-ho": "Henan Sheng (China)", "a-cc-hp": "Hebei Sheng (China)",
    "a-cc-hu": "Hunan Sheng (China)", "a-cc-im": "Inner Mongolia (China)",
    "a-cc-ka": "Gansu Sheng (China)", "a-cc-kc": "Guangxi Zhuangzu Zizhiqu (China)",
    "a-cc-ki": "Jiangxi Sheng (China)", "a-cc-kn": "Guangdong Sheng (China)",
    "a-cc-kr": "Jilin Sheng (China)", "a-cc-ku": "Jiangsu Sheng (China)",
    "a-cc-kw": "Guizhou Sheng (China)", "a-cc-lp": "Liaoning Sheng (China)",
    "a-cc-mh": "Macau (China : Special Administrative Region)",
    "a-cc-nn": "Ningxia Huizu Zizhiqu (China)", "a-cc-pe": "Beijing (China)",
    "a-cc-sh": "Shanxi Sheng (China)", "a-cc-sp": "Shandong Sheng (China)",
    "a-cc-ss": "Shaanxi Sheng (China)", "a-cc-su": "Xinjiang Uygur Zizhiqu (China)",
    "a-cc-sz": "Sichuan Sheng (China)", "a-cc-ti": "Tibet (China)", "a-cc-tn": "Tianjin (China)",
    "a-cc-ts": "Qinghai Sheng (China)", "a-cc-yu": "Yunnan Sheng (China)",
    "a-ccg": "Yangtze River (China)", "a-cck": "Kunlun Mountains (China and India)",
    "a-ccp": "Bo Hai (China)", "a-ccs": "Xi River (China)", "a-ccy": "Yellow River (China)",
    "a-ce": "Sri Lanka", "a-ch": "Taiwan", "a-em": "Timor-Leste", "a-gs": "Georgia (Republic)",
    "a-ii": "India", "a-io": "Indonesia", "a-iq": "Iraq", "a-ir": "Iran", "a-is": "Israel",
    "a-ja": "Japan", "a-jo": "Jordan", "a-kg": "Kyrgyzstan", "a-kn": "Korea (North)",
    "a-ko": "Korea (South)", "a-kz": "Kazakhstan", "a-mk": "Oman", "a-mp": "Mongolia",
    "a-my": "Malaysia", "a-nw": "New Guinea", "a-ph": "Philippines", "a-pk": "Pakistan",
    "a-pp": "Papua New Guinea", "a-si": "Singapore", "a-sy": "Syria", "a-ta": "Tajikistan",
    "a-th": "Thailand", "a-tk": "Turkmenistan", "a-ts": "United Arab Emirates", "a-tu": "Turkey",
    "a-uz": "Uzbekistan", "a-vt": "Vietnam", "a-ye": "Yemen (Republic)",
    "aa": "Amur River (China and Russia)", "ab": "Bengal, Bay of", "ac": "Asia, Central",
    "ae": "East Asia", "af": "Thailand, Gulf of", "ag": "Mekong River", "ai": "Indochina",
    "am": "Malaya", "ao": "South China Sea", "aopf": "Paracel Islands", "aoxp": "Spratly Islands",
    "ar": "Arabian Peninsula", "as": "Southeast Asia", "at": "Tien Shan", "au": "Arabian Sea",
    "aw": "Middle East", "awba": "West Bank", "awgz": "Gaza Strip", "ay": "Yellow Sea",
    "az": "South Asia", "b": "Commonwealth countries", "cc": "Caribbean Area",
    "cl": "Latin America", "d": "Developing countries", "dd": "Developed countries", "e": "Europe",
    "e-aa": "Albania", "e-au": "Austria", "e-bn": "Bosnia and Herzegovina", "e-bu": "Bulgaria",
    "e-bw": "Belarus", "e-ci": "Croatia", "e-fi": "Finland", "e-fr": "France",
    "e-ge": "Germany (East)", "e-gi": "Gibraltar", "e-gr": "Greece", "e-gw": "Germany (West)",
    "e-gx": "Germany", "e-hu": "Hungary", "e-ie": "Ireland", "e-it": "Italy", "e-mv": "Moldova",
    "e-ne": "Netherlands", "e-no": "Norway", "e-po": "Portugal", "e-rm": "Romania",
    "e-ru": "Russia (Federation)", "e-sp": "Spain", "e-sw": "Sweden", "e-uk": "Great Britain",
    "e-uk-en": "England", "e-uk-ni": "Northern Ireland", "e-uk-st": "Scotland",
    "e-uk-ui": "Great Britain Miscellaneous Island Dependencies", "e-un": "Ukraine",
    "e-ur": "Soviet Union", "e-urc": "Central Chernozem Region (Russia)",
    "e-ure": "Siberia, Eastern (Russia)", "e-urf": "Russian Far East (Russia)",
    "e-urn": "Soviet Union, Northwestern", "e-urr": "Caucasus, Northern (Russia)",
    "e-urs": "Siberia (Russia)", "e-urw": "Siberia, Western (Russia)", "e-vc": "Vatican City",
    "e-xn": "Macedonia (Republic)", "e-xo": "Slovakia", "e-xr": "Czech Republic",
    "e-yu": "Yugoslavia", "ec": "Europe, Central", "ed": "Balkan Peninsula",
    "ee": "Europe, Eastern", "el": "Benelux countries", "en": "Europe, Northern", "ep": "Pyrenees",
    "es": "Europe, Southern", "ew": "Europe, Western", "f": "Africa", "f-ae": "Algeria",
    "f-ao": "Angola", "f-bd": "Burundi", "f-bs": "Botswana", "f-cd": "Chad",
    "f-cf": "Congo (Brazzaville)", "f-cg": "Congo (Democratic Republic)", "f-cm": "Cameroon",
    "f-cx": "Central African Republic", "f-dm": "Benin", "f-eg": "Equatorial Guinea",
    "f-et": "Ethiopia", "f-ft": "Djibouti", "f-gh": "Ghana", "f-gv": "Guinea",
    "f-iv": "Côte d'Ivoire", "f-ke": "Kenya", "f-lo": "Lesotho", "f-ly": "Libya",
    "f-mg": "Madagascar", "f-ml": "Mali", "f-mr": "Morocco", "f-mw": "Malawi", "f-mz": "Mozambique",
    "f-ng": "Niger", "f-nr": "Nigeria", "f-pg": "Guinea-Bissau", "f-rh": "Zimbabwe",
    "f-rw": "Rwanda", "f-sa": "South Africa", "f-sd": "South Sudan",
    "f-sf": "Sao Tome and Principe", "f-sh": "Spanish North Africa", "f-sj": "Sudan",
    "f-so": "Somalia", "f-ss": "Western Sahara", "f-sx": "Namibia", "f-tg": "Togo",
    "f-tz": "Tanzania", "f-ua": "Egypt", "f-uv": "Burkina Faso", "f-za": "Zambia",
    "fb": "Africa, Sub-Saharan", "fc": "Africa, Central", "fd": "Sahara", "fe": "Africa, Eastern",
    "ff": "Africa, North", "fh": "Africa, Northeast", "fq": "Africa, French-speaking Equatorial",
    "fr": "Great Rift Valley", "fs": "Africa, Southern", "fw": "Africa, West",
    "fz": "Zambezi River", "h": "French Community", "i": "Indian Ocean",
    "i-bi": "British Indian Ocean Territory", "i-cq": "Comoros",
    "i-fs": "Terres australes et antarctiques françaises", "i-hm": "Heard and McDonald Islands",
    "i-xb": "Cocos (Keeling) Islands", "l": "Atlantic Ocean", "ln": "North Atlantic Ocean",
    "lnaz": "Azores", "lncv": "Cabo Verde", "lnfa": "Faroe Islands", "lnma": "Madeira Islands",
    "lnsb": "Svalbard (Norway)", "ls": "South Atlantic Ocean", "lsfk": "Falkland Islands",
    "lsxj": "Saint Helena", "lsxs": "South Georgia and South Sandwich Islands",
    "ma": "Arab countries", "me": "Eurasia", "mm": "Mediterranean Region", "mr": "Red Sea",
    "n": "North America", "n-cn": "Canada", "n-cn-bc": "British Columbia",
    "n-cn-nf": "Newfoundland and Labrador", "n-cnp": "Prairie Provinces", "n-mx": "Mexico",
    "n-us": "United States", "n-us-ar": "Arkansas", "n-us-ca": "California",
    "n-us-dc": "Washington (D.C.)", "n-us-hi": "Hawaii", "n-us-md": "Maryland",
    "n-us-mo": "Missouri", "n-us-ok": "Oklahoma", "n-us-or": "Oregon", "n-us-va": "Virginia",
    "n-us-wa": "Washington (State)", "n-usa": "Appalachian Mountains", "n-usc": "Middle West",
    "n-use": "Northeastern States", "n-usl": "Middle Atlantic States", "n-usp": "West (U.S.)",
    "n-ust": "Southwest, New", "n-usu": "Southern States", "n-xl": "Saint Pierre and Miquelon",
    "nc": "Central America", "ncbh": "Belize", "nccz": "Canal Zone", "nces": "El Salvador",
    "nl": "Great Lakes (North America)", "nm": "Mexico, Gulf of", "nw": "West Indies",
    "nwaq": "Antigua and Barbuda", "nwaw": "Aruba", "nwbn": "Bonaire", "nwco": "Curaçao",
    "nweu": "Sint Eustatius", "nwgd": "Grenada", "nwgp": "Guadeloupe", "nwla": "Antilles, Lesser",
    "nwsc": "Saint-Barthélemy", "nwsd": "Saba", "nwsn": "Sint Maarten", "nwst": "Saint-Martin",
    "nwtc": "Turks and Caicos Islands", "nwtr": "Trinidad and Tobago",
    "nwuc": "United States Miscellaneous Caribbean Islands", "nwvb": "British Virgin Islands",
    "nwvi": "Virgin Islands of the United States", "nwxa": "Anguilla",
    "nwxi": "Saint Kitts and Nevis", "nwxk": "Saint Lucia",
    "nwxm": "Saint Vincent and the Grenadines", "p": "Pacific Ocean", "pn": "North Pacific Ocean",
    "po": "Oceania", "poas": "American Samoa", "pobp": "Solomon Islands", "poea": "Easter Island",
    "pofp": "French Polynesia", "pokb": "Kiribati", "pomi": "Micronesia (Federated States)",
    "ponl": "New Caledonia", "ponn": "Vanuatu", "ponu": "Nauru", "popl": "Palau",
    "posh": "Samoan Islands", "potl": "Tokelau", "poto": "Tonga", "potv": "Tuvalu",
    "poup": "United States Miscellaneous Pacific Islands", "powf": "Wallis and Futuna Islands",
    "pows": "Samoa", "poxd": "Mariana Islands", "poxe": "Marshall Islands",
    "ps": "South Pacific Ocean", "r": "Arctic regions", "s": "South America",
    "s-fg": "French Guiana", "s-gy": "Guyana", "s-sr": "Suriname", "sn": "Andes",
    "sp": "Rio de la Plata (Argentina and Uruguay)", "t": "Antarctica", "u-at": "Australia",
    "u-at-ac": "Australian Capital Territory", "u-at-no": "Northern Territory",
    "u-at-qn": "Queensland", "u-at-we": "Western Australia", "u-atc": "Central Australia",
    "u-ate": "Eastern Australia", "u-atn": "Northern Australia", "w": "Tropics",
    "zma": "Mars (Planet)", "zo": "Outer space",
}

# Vietnamese names of the geographic areas Vietnamese libraries meet most (rdfs:label@vi).
GAC_NAMES_VI = {
    "a": "Châu Á", "e": "Châu Âu", "f": "Châu Phi", "n": "Bắc Mỹ", "s": "Nam Mỹ", "nc": "Trung Mỹ",
    "cl": "Mỹ Latinh", "po": "Châu Đại Dương", "t": "Châu Nam Cực", "x": "Trái Đất",
    "a-vt": "Việt Nam", "a-cc": "Trung Quốc", "a-ja": "Nhật Bản", "a-ko": "Hàn Quốc",
    "a-kn": "Triều Tiên", "a-kr": "Bán đảo Triều Tiên", "a-ls": "Lào", "a-cb": "Campuchia",
    "a-th": "Thái Lan", "a-br": "Myanmar", "a-my": "Malaysia", "a-si": "Singapore",
    "a-io": "Indonesia", "a-ph": "Philippines", "a-bx": "Brunei", "a-em": "Đông Timor",
    "a-ii": "Ấn Độ", "a-ch": "Đài Loan", "a-cc-hk": "Hồng Kông (Trung Quốc)",
    "a-cc-mh": "Ma Cao (Trung Quốc)", "a-cc-ti": "Tây Tạng (Trung Quốc)", "a-mp": "Mông Cổ",
    "a-pk": "Pakistan", "a-bg": "Bangladesh", "a-np": "Nepal", "a-ce": "Sri Lanka", "a-ir": "Iran",
    "a-iq": "Iraq", "a-is": "Israel", "a-tu": "Thổ Nhĩ Kỳ", "a-su": "Ả Rập Xê Út",
    "as": "Đông Nam Á", "ae": "Đông Á", "ac": "Trung Á", "az": "Nam Á", "aw": "Trung Đông",
    "ai": "Đông Dương", "ag": "Sông Mê Kông", "ao": "Biển Đông", "aopf": "Quần đảo Hoàng Sa",
    "aoxp": "Quần đảo Trường Sa", "af": "Vịnh Thái Lan", "n-us": "Hoa Kỳ", "n-cn": "Canada",
    "n-mx": "Mexico", "nwcu": "Cuba", "s-bl": "Brazil", "s-ag": "Argentina", "u-at": "Úc",
    "u-nz": "New Zealand", "f-ua": "Ai Cập", "f-sa": "Nam Phi", "e-fr": "Pháp", "e-uk": "Anh",
    "e-uk-st": "Scotland", "e-uk-wl": "Xứ Wales", "e-uk-ni": "Bắc Ireland", "e-gx": "Đức",
    "e-gw": "Tây Đức", "e-ge": "Đông Đức", "e-ru": "Nga", "e-ur": "Liên Xô", "e-it": "Ý",
    "e-sp": "Tây Ban Nha", "e-po": "Bồ Đào Nha", "e-ne": "Hà Lan", "e-be": "Bỉ", "e-sz": "Thụy Sĩ",
    "e-au": "Áo", "e-sw": "Thụy Điển", "e-no": "Na Uy", "e-dk": "Đan Mạch", "e-fi": "Phần Lan",
    "e-pl": "Ba Lan", "e-cs": "Tiệp Khắc", "e-xr": "Cộng hòa Séc", "e-xo": "Slovakia",
    "e-hu": "Hungary", "e-rm": "Romania", "e-bu": "Bulgaria", "e-un": "Ukraina", "e-bw": "Belarus",
    "e-gr": "Hy Lạp", "e-ie": "Ireland", "e-yu": "Nam Tư", "ee": "Đông Âu", "ew": "Tây Âu",
}

# Schemes: (IRI, code, English label, Vietnamese label)
CLASS_SCHEMES = [
    ("ddc", "Dewey Decimal Classification", "Khung phân loại thập phân Dewey (DDC)"),
    ("lcc", "Library of Congress Classification", "Khung phân loại Thư viện Quốc hội Hoa Kỳ (LCC)"),
    ("udc", "Universal Decimal Classification", "Khung phân loại thập phân bách khoa (UDC)"),
    ("nlm", "National Library of Medicine Classification",
     "Khung phân loại Thư viện Y khoa Quốc gia Hoa Kỳ (NLM)"),
    ("bbk", "Library-Bibliographic Classification (Bibliotechno-bibliograficheskaia klassifikatsiia)",
     "Khung phân loại thư viện - thư mục (BBK)"),
    ("sudocs", "Superintendent of Documents Classification System",
     "Khung phân loại tài liệu chính phủ Hoa Kỳ (SuDocs)"),
    ("cacodoc", "Government of Canada Publications: Outline of Classification",
     "Khung phân loại xuất bản phẩm của Chính phủ Canada"),
    ("agricola", "AGRICOLA subject category codes (National Agricultural Library)",
     "Mã chủ đề AGRICOLA (Thư viện Nông nghiệp Quốc gia Hoa Kỳ)"),
    ("bisacsh", "BISAC Subject Headings", "Tiêu đề chủ đề BISAC"),
]
AUTHORITY_SCHEMES = [
    ("http://id.loc.gov/authorities/subjects", "lcsh", "Library of Congress Subject Headings",
     "Tiêu đề đề mục Thư viện Quốc hội Hoa Kỳ (LCSH)"),
    ("http://id.loc.gov/authorities/childrensSubjects", "lcshac",
     "Library of Congress Subject Headings for Children's Literature",
     "Tiêu đề đề mục thiếu nhi của Thư viện Quốc hội Hoa Kỳ"),
    ("http://id.loc.gov/authorities/genreForms", "lcgft", "Library of Congress Genre/Form Terms",
     "Thuật ngữ thể loại/hình thức của Thư viện Quốc hội Hoa Kỳ (LCGFT)"),
]
SUBJECT_SCHEMES = [
    ("mesh", "Medical Subject Headings", "Tiêu đề đề mục y học (MeSH)"),
    ("nal", "National Agricultural Library subject authority file",
     "Tệp tiêu đề chủ đề của Thư viện Nông nghiệp Quốc gia Hoa Kỳ"),
    ("cash", "Canadian Subject Headings", "Tiêu đề đề mục Canada"),
    ("rvm", "Répertoire de vedettes-matière", "Bộ tiêu đề đề mục tiếng Pháp (RVM)"),
    ("fast", "Faceted Application of Subject Terminology", "Tiêu đề đề mục FAST"),
    ("gnd", "Gemeinsame Normdatei", "Tệp chuẩn tích hợp của Thư viện Quốc gia Đức (GND)"),
    ("aat", "Art & Architecture Thesaurus", "Từ điển từ chuẩn nghệ thuật và kiến trúc (AAT)"),
    ("tgn", "Thesaurus of Geographic Names", "Từ điển từ chuẩn địa danh (TGN)"),
]

# RDA content, media and carrier types (MARC 336/337/338): code, English, Vietnamese or "".
CONTENT_TYPES = [
    ("crd", "cartographic dataset", "bộ dữ liệu bản đồ"),
    ("cri", "cartographic image", "hình ảnh bản đồ"),
    ("crm", "cartographic moving image", "hình ảnh động bản đồ"),
    ("crt", "cartographic tactile image", ""),
    ("crn", "cartographic tactile three-dimensional form", ""),
    ("crf", "cartographic three-dimensional form", "hình khối ba chiều bản đồ"),
    ("cod", "computer dataset", "bộ dữ liệu máy tính"),
    ("cop", "computer program", "chương trình máy tính"),
    ("ntv", "notated movement", "ký hiệu chuyển động"),
    ("ntm", "notated music", "bản nhạc"),
    ("prm", "performed music", "âm nhạc biểu diễn"),
    ("snd", "sounds", "âm thanh"),
    ("spw", "spoken word", "lời nói"),
    ("sti", "still image", "hình ảnh tĩnh"),
    ("tci", "tactile image", "hình ảnh xúc giác"),
    ("tcm", "tactile notated music", "bản nhạc chữ nổi"),
    ("tcn", "tactile notated movement", ""),
    ("tct", "tactile text", "văn bản chữ nổi"),
    ("tcf", "tactile three-dimensional form", "hình khối ba chiều xúc giác"),
    ("txt", "text", "văn bản"),
    ("tdf", "three-dimensional form", "hình khối ba chiều"),
    ("tdm", "three-dimensional moving image", "hình ảnh động ba chiều"),
    ("tdi", "two-dimensional moving image", "hình ảnh động hai chiều"),
    ("xxx", "other", "khác"),
    ("zzz", "unspecified", "không xác định"),
]
MEDIA_TYPES = [
    ("s", "audio", "âm thanh"),
    ("c", "computer", "máy tính"),
    ("h", "microform", "vi hình"),
    ("p", "microscopic", "hiển vi"),
    ("g", "projected", "chiếu"),
    ("e", "stereographic", "lập thể"),
    ("n", "unmediated", "không qua thiết bị"),
    ("v", "video", "video"),
    ("x", "other", "khác"),
    ("z", "unspecified", "không xác định"),
]
CARRIER_TYPES = [
    ("sg", "audio cartridge", "hộp băng âm thanh"),
    ("sb", "audio belt", ""),
    ("se", "audio cylinder", "ống trụ âm thanh"),
    ("sd", "audio disc", "đĩa âm thanh"),
    ("si", "sound track reel", ""),
    ("sq", "audio roll", ""),
    ("sw", "audio wire reel", ""),
    ("ss", "audiocassette", "băng cát-xét âm thanh"),
    ("st", "audiotape reel", "cuộn băng âm thanh"),
    ("sz", "other audio carrier", "vật mang âm thanh khác"),
    ("ck", "computer card", "thẻ máy tính"),
    ("cb", "computer chip cartridge", ""),
    ("cd", "computer disc", "đĩa máy tính"),
    ("ce", "computer disc cartridge", ""),
    ("ca", "computer tape cartridge", ""),
    ("cf", "computer tape cassette", ""),
    ("ch", "computer tape reel", ""),
    ("cr", "online resource", "tài nguyên trực tuyến"),
    ("cz", "other computer carrier", "vật mang máy tính khác"),
    ("ha", "aperture card", ""),
    ("he", "microfiche", "vi phiếu"),
    ("hf", "microfiche cassette", ""),
    ("hb", "microfilm cartridge", ""),
    ("hc", "microfilm cassette", ""),
    ("hd", "microfilm reel", "cuộn vi phim"),
    ("hj", "microfilm roll", "vi phim dạng cuộn"),
    ("hh", "microfilm slip", ""),
    ("hg", "microopaque", ""),
    ("hz", "other microform carrier", "vật mang vi hình khác"),
    ("pp", "microscope slide", "tiêu bản hiển vi"),
    ("pz", "other microscopic carrier", ""),
    ("mc", "film cartridge", ""),
    ("mf", "film cassette", ""),
    ("mr", "film reel", "cuộn phim"),
    ("mo", "film roll", ""),
    ("gd", "filmslip", ""),
    ("gf", "filmstrip", "phim dải"),
    ("gc", "filmstrip cartridge", ""),
    ("gt", "overhead transparency", "phim chiếu overhead"),
    ("gs", "slide", "phim dương bản (slide)"),
    ("mz", "other projected image carrier", ""),
    ("eh", "stereograph card", ""),
    ("es", "stereograph disc", ""),
    ("ez", "other stereographic carrier", ""),
    ("no", "card", "thẻ"),
    ("nn", "flipchart", "bảng lật"),
    ("na", "roll", "cuộn"),
    ("nb", "sheet", "tờ"),
    ("nc", "volume", "tập"),
    ("nr", "object", "vật thể"),
    ("nz", "other unmediated carrier", "vật mang không qua thiết bị khác"),
    ("vc", "video cartridge", ""),
    ("vf", "videocassette", "băng video cát-xét"),
    ("vd", "videodisc", "đĩa hình"),
    ("vr", "videotape reel", "cuộn băng video"),
    ("vz", "other video carrier", "vật mang video khác"),
    ("zu", "unspecified", "không xác định"),
]

ISSUANCE = [
    ("mono", "single unit", "xuất bản một lần"),
    ("mulm", "multipart monograph", "ấn phẩm nhiều tập"),
    ("serl", "serial", "xuất bản nhiều kỳ"),
    ("intg", "integrating resource", "tài nguyên tích hợp"),
]
RECORD_STATUS = [
    ("n", "new", "mới"),
    ("c", "corrected or revised", "đã sửa chữa hoặc hiệu đính"),
    ("d", "deleted", "đã xóa"),
    ("p", "increase in encoding level from prepublication", "nâng mức từ biên mục trước xuất bản"),
    # status of identifiers (MARC $z "canceled/invalid"), as LC's converter writes it
    ("cancinv", "canceled or invalid", "đã hủy hoặc không hợp lệ"),
]
ENCODING_LEVELS = [
    ("f", "full", "đầy đủ"),
    ("1", "full, material not examined", "đầy đủ, không xem tài liệu"),
    ("3", "abbreviated", "rút gọn"),
    ("4", "core", "cốt lõi"),
    ("5", "partial (preliminary)", "sơ bộ"),
    ("7", "minimal", "tối thiểu"),
    ("8", "prepublication", "biên mục trước xuất bản (CIP)"),
]
DESCRIPTION_CONVENTIONS = [
    ("aacr", "Anglo-American cataloguing rules", "Quy tắc biên mục Anh-Mỹ (AACR)"),
    ("isbd", "International standard bibliographic description",
     "Mô tả thư mục theo tiêu chuẩn quốc tế (ISBD)"),
    ("rda", "Resource description and access", "Mô tả và truy cập tài nguyên (RDA)"),
]
AUDIENCES = [
    ("pre", "Preschool", "Trẻ mẫu giáo (0-5 tuổi)"),
    ("pri", "Primary", "Tiểu học (6-8 tuổi)"),
    ("pad", "Pre-adolescent", "Thiếu niên (9-13 tuổi)"),
    ("ado", "Adolescent", "Vị thành niên (14-17 tuổi)"),
    ("adu", "Adult", "Người lớn"),
    ("spe", "Specialized", "Chuyên ngành"),
    ("gen", "General", "Đại chúng"),
    ("juv", "Juvenile", "Thiếu nhi"),
]
# MARC genre terms (marcgt) that 008/006 positions lead to.  The computer-file and visual-material
# codes and their labels are those of LC's conversion specification (ConvSpec-006-008).
GENRES = [
    ("abs", "abstract or summary", "tóm tắt"),
    ("bib", "bibliography", "thư mục"),
    ("bio", "biography", "tiểu sử"),
    ("cal", "calendar", "lịch"),
    ("cat", "catalog", "catalô"),
    ("cgn", "comic or graphic novel", "truyện tranh"),
    ("cpb", "conference publication", "kỷ yếu hội nghị"),
    ("dic", "dictionary", "từ điển"),
    ("dir", "directory", "danh bạ"),
    ("dis", "discography", "danh mục đĩa hát"),
    ("dra", "drama", "kịch"),
    ("enc", "encyclopedia", "bách khoa thư"),
    ("ess", "essay", "tiểu luận"),
    ("fes", "festschrift", "tuyển tập tưởng niệm, vinh danh"),
    ("fic", "fiction", "tiểu thuyết, truyện hư cấu"),
    ("fil", "filmography", "danh mục phim"),
    ("gov", "government publication", "xuất bản phẩm của cơ quan nhà nước"),
    ("han", "handbook", "sổ tay"),
    ("hum", "humor, satire", "hài hước, châm biếm"),
    ("ind", "index", "bảng tra"),
    ("law", "law report or digest", "tập báo cáo án lệ"),
    ("lec", "legal case and case notes", "vụ án và ghi chú vụ án"),
    ("leg", "legislation", "văn bản pháp luật"),
    ("let", "letter", "thư"),
    ("nov", "novel", "tiểu thuyết"),
    ("off", "offprint", "bản in tách"),
    ("pat", "patent", "bằng sáng chế"),
    ("poe", "poetry", "thơ"),
    ("pro", "programmed text", "giáo trình chương trình hóa"),
    ("rev", "review", "bài điểm sách, tổng quan"),
    ("sho", "short story", "truyện ngắn"),
    ("spe", "speech", "diễn văn"),
    ("sta", "statistics", "thống kê"),
    ("sur", "survey of literature", "tổng quan tài liệu"),
    ("ter", "technical report", "báo cáo kỹ thuật"),
    ("the", "thesis", "luận văn, luận án"),
    ("tre", "treaty", "điều ước quốc tế"),
    ("yea", "yearbook", "niên giám"),
    # 008/26 of computer files
    ("num", "numeric data", "dữ liệu số"),
    ("com", "computer program", "chương trình máy tính"),
    ("rep", "representational", "dữ liệu biểu diễn"),
    ("doc", "document (computer)", "tài liệu (máy tính)"),
    ("bda", "bibliographic data", "dữ liệu thư mục"),
    ("fon", "font", "phông chữ"),
    ("gam", "game", "trò chơi"),
    ("sou", "sound", "âm thanh"),
    ("inm", "interactive multimedia", "đa phương tiện tương tác"),
    ("ons", "online system or service", "hệ thống hoặc dịch vụ trực tuyến"),
    # 008/33 of visual materials
    ("arr", "art reproduction", "bản sao tác phẩm nghệ thuật"),
    ("cha", "chart", "biểu đồ"),
    ("dio", "diorama", "mô hình cảnh"),
    ("fla", "flash card", "thẻ học"),
    ("fls", "filmstrip", "phim dải"),
    ("gra", "graphic", "tranh ảnh"),
    ("kit", "kit", "bộ học liệu"),
    ("mic", "microscope slide", "tiêu bản hiển vi"),
    ("rea", "realia", "hiện vật"),
    ("sli", "slide", "phim dương bản (slide)"),
    ("ted", "technical drawing", "bản vẽ kỹ thuật"),
    ("toy", "toy", "đồ chơi"),
    ("tra", "transparency", "phim trong"),
    # 008/30-31 of sound recordings
    ("his", "history", "lịch sử"),
    ("lan", "language instruction", "dạy ngôn ngữ"),
    ("reh", "rehearsal", "buổi tập"),
]
RELATIONSHIPS = [
    ("series", "series", "tùng thư"),
    ("subseries", "subseries", "tùng thư con"),
    ("translationof", "translation of", "là bản dịch của"),
    ("translatedas", "translated as", "được dịch thành"),
    ("supplement", "supplement", "phụ bản"),
    ("supplementto", "supplement to", "là phụ bản của"),
    ("partof", "part of", "là một phần của"),
    ("part", "has part", "có phần"),
    ("otheredition", "other edition", "lần xuất bản khác"),
    ("otherphysicalformat", "other physical format", "hình thức vật lý khác"),
    ("issuedwith", "issued with", "xuất bản cùng với"),
    ("continuationof", "continuation of", "tiếp tục của"),
    ("continuedinpart", "continues in part", "tiếp tục một phần của"),
    ("precededby", "preceded by", "kế tục của"),
    ("mergerof", "merger of", "hợp nhất từ"),
    ("absorptionof", "absorption of", "sáp nhập"),
    ("absorptioninpartof", "absorption in part of", "sáp nhập một phần"),
    ("separatedfrom", "separated from", "tách ra từ"),
    ("continuedby", "continued by", "được tiếp tục bởi"),
    ("continuedinpartby", "continued in part by", "được tiếp tục một phần bởi"),
    ("succeededby", "succeeded by", "được kế tục bởi"),
    ("absorbedby", "absorbed by", "được sáp nhập vào"),
    ("absorbedinpartby", "absorbed in part by", "được sáp nhập một phần vào"),
    ("splitinto", "split into", "tách thành"),
    ("mergedtoform", "merged to form", "hợp nhất thành"),
    ("datasource", "data source", "nguồn dữ liệu"),
    ("relatedwork", "related work", "tác phẩm liên quan"),
    ("indexedin", "indexed in", "được định chỉ mục trong"),
]

# Code-list schemes (madsrdf:MADSScheme): path under http://id.loc.gov/vocabulary/, en, vi
SCHEME_LABELS = {
    "relators": ("MARC Code List for Relators", "Danh mục mã vai trò MARC"),
    "languages": ("MARC List for Languages", "Danh mục mã ngôn ngữ MARC"),
    "countries": ("MARC List for Countries", "Danh mục mã quốc gia MARC"),
    "geographicAreas": ("MARC List for Geographic Areas", "Danh mục mã khu vực địa lý MARC"),
    "classSchemes": ("Classification Scheme Source Codes", "Mã nguồn khung phân loại"),
    "subjectSchemes": ("Subject Heading and Term Source Codes", "Mã nguồn tiêu đề đề mục"),
    "contentTypes": ("Content Types", "Loại nội dung"),
    "mediaTypes": ("Media Types", "Loại phương tiện"),
    "carriers": ("Carrier Types", "Loại vật mang tin"),
    "issuance": ("Issuance", "Phương thức xuất bản"),
    "mstatus": ("MARC Record Status", "Trạng thái biểu ghi MARC"),
    "menclvl": ("MARC Encoding Levels", "Mức mã hóa MARC"),
    "descriptionConventions": ("Description Conventions", "Quy tắc mô tả"),
    "maudience": ("MARC Target Audiences", "Đối tượng người đọc MARC"),
    "marcgt": ("MARC Genre Terms", "Thuật ngữ thể loại MARC"),
    "relationship": ("Relationship Terms", "Thuật ngữ quan hệ"),
}

CSV_HEADERS = {
    "languages.csv": ["code", "bcp47", "suppress_script", "name_en", "name_vi"],
    "relator_terms.csv": ["term", "language", "code"],
    "relator_labels_vi.csv": ["code", "label_vi"],
    "country_names_vi.csv": ["code", "name_vi"],
}


class BuildError(Exception):
    """The reference data or a hand table is inconsistent; the message says where."""


# ---------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below


def normalise_term(term: str) -> str:
    """A relator term as ``kg.convert.tables`` looks it up: NFC, case-folded, outer punctuation off.

    >>> normalise_term(" Ed. ")
    'ed'
    >>> normalise_term("Chủ biên.")
    'chủ biên'
    """
    return unicodedata.normalize("NFC", term).strip().casefold().strip(" ,.;:()[]/=+")


def tone_variant(term: str) -> str:
    """The other accepted tone placement of a Vietnamese term ("minh họa" <-> "minh hoạ").

    Only open syllables ending in oa, oe or uy have two spellings (old style puts the tone on the
    first vowel, new style on the second); "qu" + y ("quý") and closed syllables ("hoàn") do not.

    >>> tone_variant("minh họa")
    'minh hoạ'
    >>> tone_variant("hoà âm")
    'hòa âm'
    >>> tone_variant("quý")
    'quý'
    """
    return " ".join(_tone_variant_word(w) for w in term.split(" "))


def _tone_variant_word(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    marks = [c for c in decomposed if c in _TONES]
    if len(marks) != 1:
        return word
    tone = marks[0]
    bare = unicodedata.normalize("NFC", decomposed.replace(tone, ""))
    m = re.fullmatch(r"([^aeiouyăâêôơư]*)(oa|oe|uy)", bare)
    if not m or m.group(1).endswith("q"):
        return word
    first = len(m.group(1))
    on_first = decomposed.index(tone) <= len(unicodedata.normalize("NFD", bare[: first + 1]))
    p = first + 1 if on_first else first
    return unicodedata.normalize("NFC", bare[: p + 1] + tone + bare[p + 1 :])


# ---------------------------------------------------------------------------------------------
# Readers
# ---------------------------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    name = path.name
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != CSV_HEADERS[name]:
            raise BuildError(f"{path}: header must be {','.join(CSV_HEADERS[name])}, is {reader.fieldnames}")
        out = []
        for lineno, row in enumerate(reader, start=2):
            for key, value in row.items():
                if value is None or key is None:
                    raise BuildError(f"{path}:{lineno}: wrong number of columns")
                if value != unicodedata.normalize("NFC", value) or value != value.strip():
                    raise BuildError(f"{path}:{lineno}: {key} {value!r} is not trimmed NFC text")
            row["_line"] = str(lineno)
            out.append(row)
        return out


def read_relators(ref: Path) -> dict[str, str]:
    g = Graph().parse(ref / "relators.ttl", format="turtle")
    prefix = ID + "relators/"
    out = {}
    for s, label in g.subject_objects(MADS.authoritativeLabel):
        if str(s).startswith(prefix):
            out[str(s)[len(prefix) :]] = str(label).strip()
    if not out:
        raise BuildError(f"no relators in {ref / 'relators.ttl'}")
    return out


def read_marc_language_names(ref: Path) -> dict[str, list[str]]:
    names: dict[str, list[str]] = defaultdict(list)
    for row in json.loads((ref / "marc-languages.json").read_text(encoding="utf-8")):
        names[row["id"].strip().lower()].append(row["text"].strip())
    return names


def read_languages(ref: Path) -> list[dict[str, str]]:
    """Rows of languages.csv: crosswalk languages plus the obsolete codes of OBSOLETE_LANGUAGES."""
    marc_names = read_marc_language_names(ref)
    root = ET.parse(ref / "marc-languages-crosswalk.xml").getroot()
    rows: dict[str, dict[str, str]] = {}
    for lang in root.iter("language"):
        codes = [c.text.strip().lower() for c in lang.findall("iso6392") if c.text]
        if codes == ["qaa-qtz"]:
            continue  # a range reserved for local use, not a code
        marc = [c for c in codes if c in marc_names] if len(codes) > 1 else codes
        if len(marc) != 1:
            raise BuildError(f"crosswalk {lang.get('language-name')!r}: cannot tell the MARC code among {codes}")
        bcp47 = (lang.get("xmllang") or lang.get("iso6391") or marc[0]).strip()
        rows[marc[0]] = {
            "code": marc[0],
            "bcp47": bcp47,
            "suppress_script": SUPPRESS_SCRIPT.get(bcp47, ""),
            "name_en": lang.get("language-name", "").strip(),
            "name_vi": "",
        }
    for old, new in OBSOLETE_LANGUAGES.items():
        if old in rows or old not in marc_names or new not in rows:
            raise BuildError(f"obsolete language {old} -> {new}: {old} must be only in the MARC list, {new} in the crosswalk")
        if len(marc_names[old]) != 1:
            raise BuildError(f"obsolete language {old} has several names {marc_names[old]}")
        rows[old] = dict(rows[new], code=old, name_en=marc_names[old][0])
    for code, name in LANGUAGE_NAMES_VI.items():
        if code not in rows:
            raise BuildError(f"LANGUAGE_NAMES_VI: {code} is not a language code")
        rows[code]["name_vi"] = unicodedata.normalize("NFC", name)
    return [rows[c] for c in sorted(rows)]


def read_countries(ref: Path) -> dict[str, tuple[str, str | None]]:
    """code -> (authorised English name, successor code or None for a current code)."""
    names: dict[str, set[str]] = defaultdict(set)
    for row in json.loads((ref / "marc-countries.json").read_text(encoding="utf-8")):
        names[row["id"].strip().lower()].add(row["text"].strip())
    everywhere = set().union(*names.values())
    out: dict[str, tuple[str, str | None]] = {}
    for code, forms in names.items():
        if len(forms) == 1:
            (name,) = forms
            if code in COUNTRY_AUTHORISED and COUNTRY_AUTHORISED[code] != name:
                raise BuildError(f"COUNTRY_AUTHORISED[{code!r}] is not its only name {name!r}")
        else:
            name = COUNTRY_AUTHORISED.get(code, "")
            if name not in forms:
                raise BuildError(f"country {code}: COUNTRY_AUTHORISED must name one of {sorted(forms)}")
        out[code] = (name, None)
    for code, (name, successor) in OBSOLETE_COUNTRIES.items():
        if code in out or name not in everywhere or (successor and successor not in out):
            raise BuildError(f"OBSOLETE_COUNTRIES[{code!r}] clashes with the JSON or names an unknown successor")
        out[code] = (name, successor)
    return out


def gac_name(text: str, code: str) -> str:
    """A name of marc-gacs.json as LC meant it: NFC, trimmed, no own code in brackets.

    >>> gac_name("Czech Republic [e-xr]", "e-xr")
    'Czech Republic'
    >>> gac_name("Macedonia (Republic)]", "e-xn")
    'Macedonia (Republic)'
    >>> gac_name("Jiangsu Sheng (China)  ", "a-cc-ku")
    'Jiangsu Sheng (China)'
    """
    name = " ".join(unicodedata.normalize("NFC", text).split())
    name = re.sub(r"\s*\[" + re.escape(code) + r"\]$", "", name)
    if name.endswith("]") and "[" not in name:
        name = name[:-1].rstrip()
    return name


# Codes LibCrowds' 2016 snapshot lost (its rows are keyed by name text, and these three states'
# names collide with other rows): current codes of LC's list that real records use (LC's Books
# All 2014 sample in shared/data/marc has n-us-ma).
GAC_MISSING = {"n-us-fl": "Florida", "n-us-ma": "Massachusetts", "n-us-ne": "Nebraska"}


def read_gacs(ref: Path) -> dict[str, tuple[str, list[str]]]:
    """code -> (authorised English name, the other names sorted)."""
    names: dict[str, set[str]] = defaultdict(set)
    for code, name in GAC_MISSING.items():
        names[code].add(name)
    for row in json.loads((ref / "marc-gacs.json").read_text(encoding="utf-8")):
        code = row["id"].strip().lower()
        if not re.fullmatch(r"[a-z]{1,4}(-[a-z]{1,3}){0,2}", code) or len(code) > 7:
            raise BuildError(f"marc-gacs.json: {code!r} is not a geographic area code")
        names[code].add(gac_name(row["text"], code))
    out: dict[str, tuple[str, list[str]]] = {}
    for code, forms in names.items():
        forms.discard("")
        if len(forms) == 1:
            (name,) = forms
            if code in GAC_AUTHORISED and GAC_AUTHORISED[code] != name:
                raise BuildError(f"GAC_AUTHORISED[{code!r}] is not its only name {name!r}")
        else:
            name = GAC_AUTHORISED.get(code, "")
            if name not in forms:
                raise BuildError(f"geographic area {code}: GAC_AUTHORISED must name one of {sorted(forms)}")
        out[code] = (name, sorted(forms - {name}))
    for table in (GAC_AUTHORISED, GAC_NAMES_VI):
        unknown = sorted(set(table) - set(out))
        if unknown:
            raise BuildError(f"geographic areas not in marc-gacs.json: {', '.join(unknown)}")
    return out


def defined_terms(ref: Path) -> set[URIRef]:
    """Every class and property that bibframe.rdf, bflc.rdf and madsrdf define."""
    logging.getLogger("rdflib").setLevel(logging.ERROR)  # the dcterms:modified dateTime warnings
    g = Graph()
    for name in ("bibframe.rdf", "bflc.rdf", "madsrdf-v1.4.0.rdf"):
        g.parse(ref / name, format="xml")
    kinds = (OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)
    return {s for kind in kinds for s in g.subjects(RDF.type, kind) if isinstance(s, URIRef)}


# ---------------------------------------------------------------------------------------------
# Checks of the hand tables
# ---------------------------------------------------------------------------------------------


def check_relator_terms(rows: list[dict[str, str]], relators: dict[str, str]) -> None:
    problems = []
    by_term: dict[str, str] = {}
    for row in rows:
        where = f"relator_terms.csv:{row['_line']}"
        term, code, language = row["term"], row["code"], row["language"]
        if code not in relators:
            problems.append(f"{where}: {code!r} is not a relator code in relators.ttl")
        if term != normalise_term(term) or not term:
            problems.append(f"{where}: write the term as {normalise_term(term)!r} (lower case, no outer punctuation)")
        if not re.fullmatch(r"[a-z]{2,3}", language):
            problems.append(f"{where}: language {language!r} is not a 2- or 3-letter code")
        if by_term.setdefault(term, code) != code:
            problems.append(f"{where}: {term!r} already maps to {by_term[term]}")
    for code, label in relators.items():
        if normalise_term(label) not in by_term:
            problems.append(f"relator_terms.csv: add the English label {normalise_term(label)!r},en,{code}")
    for row in rows:
        if row["language"] == "vi":
            other = tone_variant(row["term"])
            if other != row["term"] and by_term.get(other) != row["code"]:
                problems.append(f"relator_terms.csv: add the other tone placement {other!r},vi,{row['code']}")
    if problems:
        raise BuildError("\n".join(problems))


def check_coded_table(rows: list[dict[str, str]], known: dict, table: str, label: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for row in rows:
        where = f"{table}:{row['_line']}"
        if row["code"] not in known:
            raise BuildError(f"{where}: {row['code']!r} is not a code of the list")
        if row["code"] in out:
            raise BuildError(f"{where}: {row['code']!r} appears twice")
        if not row[label]:
            raise BuildError(f"{where}: empty {label}")
        out[row["code"]] = row[label]
    return out


# ---------------------------------------------------------------------------------------------
# Graphs
# ---------------------------------------------------------------------------------------------


def new_graph() -> Graph:
    g = Graph(bind_namespaces="none")
    g.bind("rdfs", RDFS)
    g.bind("bf", BF)
    g.bind("bflc", BFLC)
    g.bind("madsrdf", MADS)
    return g


def add_scheme(g: Graph, path: str) -> URIRef:
    scheme = URIRef(ID + path)
    g.bind(path, Namespace(f"{ID}{path}/"))
    en, vi = SCHEME_LABELS[path]
    g.add((scheme, RDF.type, MADS.MADSScheme))
    g.add((scheme, RDFS.label, Literal(en, lang="en")))
    g.add((scheme, RDFS.label, Literal(vi, lang="vi")))
    return scheme


def add_concept(g: Graph, iri: str, types: list[URIRef], code: str, en: str, vi: str,
                scheme: URIRef | None, code_props: tuple[URIRef, ...] = (BF.code,)) -> URIRef:
    node = URIRef(iri)
    for t in types:
        g.add((node, RDF.type, t))
    for p in code_props:
        g.add((node, p, Literal(code)))
    g.add((node, RDFS.label, Literal(en, lang="en")))
    if vi:
        g.add((node, RDFS.label, Literal(unicodedata.normalize("NFC", vi), lang="vi")))
    if scheme is not None:
        g.add((node, MADS.isMemberOfMADSScheme, scheme))
    return node


def code_list(g: Graph, path: str, entries: list[tuple[str, str, str]], cls: URIRef) -> None:
    scheme = add_scheme(g, path)
    seen = set()
    for code, en, vi in entries:
        if code in seen:
            raise BuildError(f"{path}: code {code!r} listed twice")
        seen.add(code)
        add_concept(g, f"{ID}{path}/{code}", [cls], code, en, vi, scheme)


def relators_graph(relators: dict[str, str], labels_vi: dict[str, str]) -> Graph:
    g = new_graph()
    scheme = add_scheme(g, "relators")
    for code, en in relators.items():
        node = add_concept(g, f"{ID}relators/{code}", [MADS.Authority, BF.Role], code, en,
                           labels_vi.get(code, ""), scheme, code_props=(MADS.code, BF.code))
        g.add((node, MADS.authoritativeLabel, Literal(en, lang="en")))
        if code in labels_vi:
            g.add((node, MADS.authoritativeLabel, Literal(labels_vi[code], lang="vi")))
    return g


def languages_graph(rows: list[dict[str, str]]) -> Graph:
    g = new_graph()
    scheme = add_scheme(g, "languages")
    for row in rows:
        code = row["code"]
        node = add_concept(g, f"{ID}languages/{code}", [BF.Language], code, row["name_en"], row["name_vi"], scheme)
        if code in OBSOLETE_LANGUAGES:
            g.add((node, RDF.type, MADS.DeprecatedAuthority))
            g.add((node, MADS.useInstead, URIRef(f"{ID}languages/{OBSOLETE_LANGUAGES[code]}")))
    return g


def countries_graph(countries: dict[str, tuple[str, str | None]], names_vi: dict[str, str]) -> Graph:
    g = new_graph()
    scheme = add_scheme(g, "countries")
    for code, (name, successor) in countries.items():
        node = add_concept(g, f"{ID}countries/{code}", [BF.Place], code, name, names_vi.get(code, ""), scheme)
        if code in OBSOLETE_COUNTRIES:
            g.add((node, RDF.type, MADS.DeprecatedAuthority))
            if successor:
                g.add((node, MADS.useInstead, URIRef(f"{ID}countries/{successor}")))
    return g


def gacs_graph(gacs: dict[str, tuple[str, list[str]]]) -> Graph:
    g = new_graph()
    scheme = add_scheme(g, "geographicAreas")
    for code, (name, variants) in gacs.items():
        node = add_concept(g, f"{ID}geographicAreas/{code}", [BF.GeographicCoverage], code.ljust(7, "-"),
                           name, GAC_NAMES_VI.get(code, ""), scheme)
        for variant in variants:
            g.add((node, MADS.variantLabel, Literal(variant, lang="en")))
    return g


def schemes_graph() -> Graph:
    g = new_graph()
    classes = add_scheme(g, "classSchemes")
    for code, en, vi in CLASS_SCHEMES:
        add_concept(g, f"{ID}classSchemes/{code}", [BF.Source], code, en, vi, classes)
    subjects = add_scheme(g, "subjectSchemes")
    for code, en, vi in SUBJECT_SCHEMES:
        add_concept(g, f"{ID}subjectSchemes/{code}", [BF.Source], code, en, vi, subjects)
    for iri, code, en, vi in AUTHORITY_SCHEMES:
        add_concept(g, iri, [BF.Source], code, en, vi, None)
    return g


def rda_graph() -> Graph:
    g = new_graph()
    code_list(g, "contentTypes", CONTENT_TYPES, BF.Content)
    code_list(g, "mediaTypes", MEDIA_TYPES, BF.Media)
    code_list(g, "carriers", CARRIER_TYPES, BF.Carrier)
    return g


def admin_graph() -> Graph:
    g = new_graph()
    code_list(g, "issuance", ISSUANCE, BF.Issuance)
    code_list(g, "mstatus", RECORD_STATUS, BF.Status)
    code_list(g, "menclvl", ENCODING_LEVELS, BFLC.EncodingLevel)
    code_list(g, "descriptionConventions", DESCRIPTION_CONVENTIONS, BF.DescriptionConventions)
    code_list(g, "maudience", AUDIENCES, BF.IntendedAudience)
    code_list(g, "marcgt", GENRES, BF.GenreForm)
    code_list(g, "relationship", RELATIONSHIPS, BF.Relationship)
    return g


def check_vocabulary(graphs: dict[str, Graph], defined: set[URIRef]) -> None:
    allowed = defined | {RDF.type, RDFS.label}
    for name, g in graphs.items():
        used = set(g.predicates()) | set(g.objects(None, RDF.type))
        unknown = sorted(str(t) for t in used - allowed)
        if unknown:
            raise BuildError(f"{name}: terms not defined in the ontologies: {', '.join(unknown)}")


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------


def turtle(g: Graph) -> str:
    return HEADER + g.serialize(format="turtle")


def csv_text(header: list[str], rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def build(ref: Path) -> dict[Path, str]:
    """Every output file and its text; raises BuildError on any inconsistency."""
    relators = read_relators(ref)
    check_relator_terms(read_csv(MAPPINGS / "relator_terms.csv"), relators)
    labels_vi = check_coded_table(read_csv(MAPPINGS / "relator_labels_vi.csv"), relators,
                                  "relator_labels_vi.csv", "label_vi")
    languages = read_languages(ref)
    countries = read_countries(ref)
    names_vi = check_coded_table(read_csv(MAPPINGS / "country_names_vi.csv"), countries,
                                 "country_names_vi.csv", "name_vi")
    graphs = {
        "relators.ttl": relators_graph(relators, labels_vi),
        "languages.ttl": languages_graph(languages),
        "countries.ttl": countries_graph(countries, names_vi),
        "geographic-areas.ttl": gacs_graph(read_gacs(ref)),
        "schemes.ttl": schemes_graph(),
        "rda.ttl": rda_graph(),
        "admin.ttl": admin_graph(),
    }
    check_vocabulary(graphs, defined_terms(ref))
    out = {VOCABULARIES / name: turtle(g) for name, g in graphs.items()}
    out[MAPPINGS / "languages.csv"] = csv_text(CSV_HEADERS["languages.csv"], languages)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reference", type=Path, default=ROOT.parent / "shared" / "vocab-reference",
                        help="folder holding relators.ttl, the MARC code lists and the ontologies "
                             "(default: ../shared/vocab-reference from the repository root)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a generated file differs from what the build would write")
    args = parser.parse_args(argv)
    try:
        files = build(args.reference.resolve())
    except (BuildError, OSError) as exc:
        print(f"build_vocabularies: {exc}", file=sys.stderr)
        return 2
    stale = []
    for path, text in sorted(files.items()):
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
    for path in stale:
        print(f"{'out of date' if args.check else 'wrote'}: {path.relative_to(ROOT)}")
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
