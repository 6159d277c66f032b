#!/usr/bin/env python3
"""Write the bundled demo catalogues of Thư viện Liên thông (``kg/demo/data``).

The demo is three small Vietnamese library catalogues and their authority files, written by
us (not copied from any library) about REAL Vietnamese books and writers, so that the converter
and the linked-data hub have something true to show and to link across libraries.

Libraries
---------
NLV   Thư viện Quốc gia Việt Nam (National Library of Vietnam) — ``nlv.xml``, MARCXML.
      Full-level RDA cataloguing as a national agency would do it: complete 008, 040 $e rda,
      041, 082 (DDC 23), 100/700 with dates and Vietnamese relator terms, 240/246/250/264/300,
      336-338, 490/830, notes, 600/650/651/655 (LCSH ind2 0 *and* Vietnamese terms), 765 for
      translations, 880 with Chữ Nôm / Chữ Hán, 852 holdings.
VNU   Trung tâm Thư viện và Tri thức số, Đại học Quốc gia Hà Nội — ``vnu.mrc``, ISO 2709.
      Libol style: inverted names with a comma ("Nguyễn, Du"), no dates, 260 "H. :",
      "tr." page counts, 020 with only a price, 653 keywords, 852 $b VNU $a store $j số ĐKCB,
      Libol local 925/927, and no 008 on several records (Libol often writes none).
TVHN  Thư viện Hà Nội (provincial public library) — ``tvhn.mrc``, ISO 2709.
      Koha style: numeric biblionumbers in 001 and 999, names typed without dates (and with
      ind1 1 although not inverted), 942 + one 952 per copy (branch TVHN, call number,
      barcode, item type BK, not-for-loan 0/1, collection code), 1980 "school" tone placement
      (Thuỷ, hoá, Thuý), and one record typed in decomposed Unicode (NFD).
{nlv,vnu,tvhn}-authorities.xml  MARCXML authority records (leader/06 z), one file per library
      (001/003/040 say whose): persons (100 with dates, 400 variant forms incl. inverted, unaccented, old
      tone placement and Chữ Hán/Nôm forms, 670 sources, 678 biographies), corporate bodies
      (110), topical terms (150, 450, 550 $w g) and places (151, 451, 551 $w g).

Cross-library overlaps this demonstrates (the links a later step builds)
-------------------------------------------------------------------------
* Truyện Kiều (Nguyễn Du) in all three: NLV "Nguyễn Du, 1765-1820" (and a Nôm edition whose 100
  and 245 have 880 partners 阮攸 / 斷腸新聲, and the 1925 Bùi Kỷ–Trần Trọng Kim text titled
  "Truyện Thúy Kiều"), VNU "Nguyễn, Du", TVHN "Nguyễn Du"; 246 Đoạn trường tân thanh /
  Kim Vân Kiều; the English translation The tale of Kiều (Huỳnh Sanh Thông, Yale University
  Press, 1983) at NLV and VNU with 041 $h vie, 240 and 765 pointing at the original; Đào Duy
  Anh's Từ điển Truyện Kiều has the work as subject (600 $t) at NLV and VNU.
* Số đỏ (Vũ Trọng Phụng) in all three; Giông tố at VNU.
* Dế Mèn phiêu lưu ký in all three: NLV "Tô Hoài, 1920-2014", TVHN "Tô Hoài", VNU under the
  writer's real name "Nguyễn, Sen" — reachable only through the authority's 400 Nguyễn Sen.
* Nam Cao: Chí Phèo at NLV (analytic 700 $t in an anthology with 245 $n/$p), VNU, TVHN;
  Lão Hạc at NLV (analytic) and TVHN; Sống mòn at VNU. Authority 400 Trần, Hữu Tri.
* Thơ Hồ Xuân Hương in all three (TVHN's copy typed in NFD; NLV has the 880 胡春香).
* Nguyễn Nhật Ánh: Mắt biếc (VNU, TVHN), Cho tôi xin một vé đi tuổi thơ (all three; NLV and VNU
  the 2008 first printing, TVHN a later printing), Tôi thấy hoa vàng trên cỏ xanh (NLV, TVHN).
* Nhật ký Đặng Thùy Trâm (Hội Nhà văn, 2005) in all three (TVHN writes "Thuỳ"); its English
  translation Last night I dreamed of peace (Harmony Books, 2007) at NLV with 765.
* Bình Ngô đại cáo (Nguyễn Trãi; NLV with 880 平吳大誥 / 阮廌; VNU), Lục Vân Tiên (Nguyễn Đình
  Chiểu; NLV "Truyện Lục Vân Tiên", TVHN "Lục Vân Tiên"), Vang bóng một thời (Nguyễn Tuân;
  NLV, VNU), Thơ thơ (Xuân Diệu; NLV, TVHN), Nhật ký trong tù (Hồ Chí Minh; NLV with 880
  獄中日記, TVHN), Điện Biên Phủ: điểm hẹn lịch sử (Võ Nguyên Giáp, Hữu Mai; NLV, VNU),
  Tắt đèn (Ngô Tất Tố; VNU, TVHN).
* Traps for the name matcher:
  - homonyms: Hoàng Cầm the poet (1922-2010, "Bên kia sông Đuống") and Hoàng Cầm the general
    (1920-2013); NLV has one book by each, TVHN has the poet's book under an undated "Hoàng Cầm";
  - a name that differs from another only by its diacritics: Nguyễn Dữ (16th century, author of
    Truyền kỳ mạn lục; NLV with 880 阮嶼, VNU "Nguyễn, Dữ") and Nguyễn Du — both fold to
    "nguyen du", and both authorities carry the unaccented 400 "Nguyen Du";
  - tone placement: Thùy/Thuỳ, Thúy/Thuý, hóa/hoá (both NFC, different code points);
  - decomposed Unicode: TVHN biblionumber 10236 (Thơ Hồ Xuân Hương) has 100 and 245 in NFD.
    These are the ONLY deliberately non-NFC strings in the demo (see NFD below).
* Authorities are duplicated across libraries the way real files are: Nguyễn Du at NLV
  ("Nguyễn Du, 1765-1820") and VNU ("Nguyễn, Du, 1765-1820"); Tô Hoài at NLV and TVHN; Vũ Trọng
  Phụng at NLV and VNU; Hồ Xuân Hương at NLV (dated) and TVHN (undated). VNU's 150 Thơ Việt Nam
  and Tiểu thuyết Việt Nam point (550 $w g) at NLV's 150 Văn học Việt Nam; TVHN's 151 Hà Nội
  (451 Thăng Long) points at NLV's 151 Việt Nam.

What is real and what is illustrative
-------------------------------------
Real (stated only where we are sure): names, real names and pen names, dates of birth and
death, titles of works, years of first publication and the notes about them (Số đỏ in Hà Nội
báo 1936; Dế Mèn phiêu lưu ký 1941; Chí Phèo 1941 as "Đôi lứa xứng đôi"; Vang bóng một thời
1940; Thơ thơ 1938; Mắt biếc 1990; Cho tôi xin một vé đi tuổi thơ 2008; Tôi thấy hoa vàng trên
cỏ xanh 2010; Nhật ký Đặng Thùy Trâm, Hội Nhà văn 2005; The tale of Kiều, Yale 1983; Last night
I dreamed of peace, Harmony Books 2007), and the publishers' names, which are all real houses.

Illustrative: every bibliographic record describes a plausible printing, not a checked one —
page counts, sizes, prices, reprint years, edition statements, series of reprints, call
numbers, barcodes, registration numbers and shelf locations are made up, and every
bibliographic record therefore carries the 500 note "Bản ghi minh họa (dữ liệu mẫu)."
No ISBN is given (we could not verify any), and no external identifier (VIAF, ISNI, Wikidata,
LCCN) appears anywhere. Subject source code "tvqg" in 650/651/655 $2 is our local,
unregistered code standing for a Vietnamese subject list. Hồ Xuân Hương's dates 1772-1822 are
the conventional ones; her authority says they are uncertain.

Notation
--------
Each record is a dict; its ``marc`` text has one field per line in the mnemonic form cataloguers
know from MarcEdit/LC documentation: tag, two indicators ("_" = blank), then "$a value $b
value". A "$" starts a subfield only at the beginning of the data or after a space, so the
script code in "$6 245-01/$1" stays literal. Added automatically to every record: leader, 001,
003, 005 (fixed timestamps, so the output is byte-for-byte reproducible), 008 built from the
``f008`` keywords, the library's 040, for NLV the RDA 336/337/338 (text / unmediated / volume),
and for bibliographic records the illustrative 500 note.

Usage:  python tools/make_demo.py [--out DIR]   (default: kg/demo/data next to this script)
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pymarc
from pymarc import Field, Leader, Record, Subfield
from pymarc.marcxml import record_to_xml_node

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "kg" / "demo" / "data"
MARC_NS = "http://www.loc.gov/MARC21/slim"
ILLUSTRATIVE = "Bản ghi minh họa (dữ liệu mẫu)."
LOCAL_SUBJECTS = "tvqg"  # our local, unregistered subject source code (see docstring)

# ---------------------------------------------------------------------------------------------
# Libraries: leader template, fixed 005 date, 008 "date entered", 040, 008/39 cataloguing source
# ---------------------------------------------------------------------------------------------
LIBRARIES = {
    "NLV": dict(
        name="Thư viện Quốc gia Việt Nam",
        leader="00000nam a2200000 i 4500",  # full level, ISBD punctuation (RDA)
        stamp="20250315", entered="250315", source=" ",  # 008/39 blank: national agency
        f040="040 __ $a NLV $b vie $e rda $c NLV",
        rda=True,
    ),
    "VNU": dict(
        name="Trung tâm Thư viện và Tri thức số, Đại học Quốc gia Hà Nội",
        leader="00000nam a2200000 a 4500",  # Libol: AACR2 flag, full level
        stamp="20250318", entered="250318", source="d",
        f040="040 __ $a VNU",
        rda=False,
    ),
    "TVHN": dict(
        name="Thư viện Hà Nội",
        leader="00000nam a22000007a 4500",  # Koha's default leader (encoding level 7)
        stamp="20250320", entered="250320", source="d",
        f040="040 __ $a TVHN $b vie $c TVHN",
        rda=False,
    ),
}
AUTH_LEADER = "00000nz  a2200000n  4500"


# =============================================================================================
# NLV — Thư viện Quốc gia Việt Nam (nlv.xml)
# =============================================================================================
NLV = [
    dict(id="NLV000001", f008=dict(date="s2015", lit="p"), marc="""
041 0_ $a vie
082 04 $a 895.9221 $2 23
100 0_ $a Nguyễn Du, $d 1765-1820, $e tác giả.
245 10 $a Truyện Kiều / $c Nguyễn Du.
246 3_ $a Đoạn trường tân thanh
246 3_ $a Kim Vân Kiều
250 __ $a Tái bản.
264 _1 $a Hà Nội : $b Văn học, $c 2015.
300 __ $a 263 trang ; $c 21 cm
490 1_ $a Danh tác văn học Việt Nam
500 __ $a Truyện thơ Nôm gồm 3254 câu lục bát, dựa theo cốt truyện Kim Vân Kiều truyện của Thanh Tâm Tài Nhân.
520 __ $a Mười lăm năm lưu lạc của Thúy Kiều, người con gái tài sắc bán mình chuộc cha.
650 _0 $a Vietnamese poetry.
650 _7 $a Văn học trung đại $z Việt Nam $2 tvqg
655 _7 $a Truyện thơ Nôm $2 tvqg
830 _0 $a Danh tác văn học Việt Nam.
852 1_ $a NLV $b Kho đọc $h 895.9221 $i TR527K $p VV.15.00231 $t 1
852 1_ $a NLV $b Kho lưu chiểu $h 895.9221 $i TR527K $p LC.15.04410 $t 2
"""),
    # Chữ Nôm edition: 100 and 245 have 880 partners in Han script ($1 = CJK)
    dict(id="NLV000002", f008=dict(date="s2016", lit="p", ill="a"), marc="""
041 0_ $a vie
082 04 $a 895.9221 $2 23
100 0_ $6 880-02 $a Nguyễn Du, $d 1765-1820, $e tác giả.
240 10 $a Truyện Kiều
245 10 $6 880-01 $a Đoạn trường tân thanh : $b bản chữ Nôm đối chiếu phiên âm Quốc ngữ / $c Nguyễn Du.
246 3_ $a Truyện Kiều
246 3_ $a Kim Vân Kiều
264 _1 $a Hà Nội : $b Văn học, $c 2016.
300 __ $a 431 trang : $b ảnh ; $c 24 cm
546 __ $a Tiếng Việt ; $b chữ Nôm và chữ Quốc ngữ.
500 __ $a Chính văn chữ Nôm in đối chiếu với bản phiên âm chữ Quốc ngữ.
650 _0 $a Vietnamese poetry.
650 _7 $a Chữ Nôm $v Văn bản $2 tvqg
655 _7 $a Truyện thơ Nôm $2 tvqg
852 1_ $a NLV $b Kho Hán Nôm $h 895.9221 $i Đ406TR $p HN.16.00057 $t 1
880 0_ $6 100-02/$1 $a 阮攸, $d 1765-1820, $e tác giả.
880 10 $6 245-01/$1 $a 斷腸新聲 / $c 阮攸.
"""),
    # the 1925 text established by Bùi Kỷ and Trần Trọng Kim, reprinted (008/06 r)
    dict(id="NLV000003", f008=dict(date="r20181925", lit="p"), marc="""
041 0_ $a vie
082 04 $a 895.9221 $2 23
100 0_ $a Nguyễn Du, $d 1765-1820, $e tác giả.
240 10 $a Truyện Kiều
245 10 $a Truyện Thúy Kiều / $c Nguyễn Du ; Bùi Kỷ, Trần Trọng Kim hiệu khảo.
246 3_ $a Truyện Kiều
264 _1 $a Hà Nội : $b Hội Nhà văn, $c 2018.
300 __ $a 239 trang ; $c 21 cm
500 __ $a Bản hiệu khảo của Bùi Kỷ và Trần Trọng Kim in lần đầu năm 1925.
650 _7 $a Thơ Việt Nam $2 tvqg
655 _7 $a Truyện thơ Nôm $2 tvqg
700 0_ $a Bùi Kỷ, $e hiệu đính.
700 0_ $a Trần Trọng Kim, $d 1883-1953, $e hiệu đính.
852 1_ $a NLV $b Kho đọc $h 895.9221 $i TR527TH $p VV.18.01972 $t 1
"""),
    dict(id="NLV000004", f008=dict(date="s1983", place="ctu", lit="p", cont="b", index="0", lang="eng"), marc="""
041 1_ $a eng $a vie $h vie
082 04 $a 895.9221 $2 23
100 0_ $a Nguyễn Du, $d 1765-1820, $e tác giả.
240 10 $a Truyện Kiều. $l Tiếng Anh
245 14 $a The tale of Kiều / $c Nguyễn Du ; translated and annotated by Huỳnh Sanh Thông ; with a historical essay by Alexander B. Woodside.
246 3_ $a Tale of Kieu
264 _1 $a New Haven : $b Yale University Press, $c 1983.
300 __ $a xlii, 236 trang ; $c 24 cm
504 __ $a Có tài liệu tham khảo.
546 __ $a Song ngữ Việt - Anh.
650 _0 $a Vietnamese poetry $v Translations into English.
650 _7 $a Thơ Việt Nam $v Bản dịch $2 tvqg
700 0_ $a Huỳnh Sanh Thông, $d 1926-2008, $e dịch.
700 1_ $a Woodside, Alexander B., $e giới thiệu.
765 0_ $a Nguyễn Du, 1765-1820. $t Truyện Kiều
852 1_ $a NLV $b Kho ngoại văn $h 895.9221 $i T103K $p NV.83.00118 $t 1
"""),
    dict(id="NLV000005", f008=dict(date="s2016", cont="d", lit="0", index="1"), marc="""
041 0_ $a vie
082 04 $a 895.9221003 $2 23
100 0_ $a Đào Duy Anh, $d 1904-1988, $e biên soạn.
245 10 $a Từ điển Truyện Kiều / $c Đào Duy Anh.
264 _1 $a Hà Nội : $b Khoa học xã hội, $c 2016.
300 __ $a 551 trang ; $c 24 cm
500 __ $a Có bảng tra.
600 04 $a Nguyễn Du, $d 1765-1820. $t Truyện Kiều $v Từ điển.
600 10 $a Nguyễn, Du, $d 1765-1820 $x Language $v Glossaries, etc.
650 _7 $a Tiếng Việt $x Từ vựng $2 tvqg
852 1_ $a NLV $b Kho tra cứu $h 895.9221003 $i T550Đ $p TC.16.00902 $t 1
"""),
    dict(id="NLV000006", f008=dict(date="s2016", lit="f"), marc="""
041 0_ $a vie
082 04 $a 895.9223 $2 23
100 0_ $a Vũ Trọng Phụng, $d 1912-1939, $e tác giả.
245 10 $a Số đỏ : $b tiểu thuyết / $c Vũ Trọng Phụng.
264 _1 $a Hà Nội : $b Văn học, $c 2016.
300 __ $a 271 trang ; $c 21 cm
490 1_ $a Danh tác văn học Việt Nam
500 __ $a Đăng lần đầu trên Hà Nội báo năm 1936.
520 __ $a Tiểu thuyết trào phúng về xã hội thành thị Hà Nội những năm 1930 qua con đường tiến thân của Xuân Tóc Đỏ.
650 _0 $a Vietnamese fiction $y 20th century.
651 _0 $a Hanoi (Vietnam) $v Fiction.
650 _7 $a Văn học hiện đại $z Việt Nam $2 tvqg
655 _7 $a Tiểu thuyết $2 tvqg
830 _0 $a Danh tác văn học Việt Nam.
852 1_ $a NLV $b Kho đọc $h 895.9223 $i S450Đ $p VV.16.02288 $t 1
"""),
    dict(id="NLV000007", f008=dict(date="s2019", lit="f", ill="a", aud="j"), marc="""
041 0_ $a vie
082 04 $a 895.9223 $2 23
100 0_ $a Tô Hoài, $d 1920-2014, $e tác giả.
245 10 $a Dế Mèn phiêu lưu ký / $c Tô Hoài ; minh họa: Tạ Huy Long.
264 _1 $a Hà Nội : $b Kim Đồng, $c 2019.
300 __ $a 143 trang : $b tranh màu ; $c 21 cm
490 1_ $a Tác phẩm chọn lọc dành cho thiếu nhi
500 __ $a Tác phẩm in lần đầu năm 1941.
520 __ $a Những cuộc phiêu lưu của chú Dế Mèn qua thế giới loài vật.
650 _0 $a Crickets $v Juvenile fiction.
650 _7 $a Văn học thiếu nhi $z Việt Nam $2 tvqg
655 _7 $a Truyện dài $2 tvqg
700 0_ $a Tạ Huy Long, $e minh họa.
830 _0 $a Tác phẩm chọn lọc dành cho thiếu nhi.
852 1_ $a NLV $b Kho đọc thiếu nhi $h 895.9223 $i D250M $p TN.19.00411 $t 1
"""),
    # anthology: 245 $n/$p, contents note and analytic added entries (700 ind2 2 with $t)
    dict(id="NLV000008", f008=dict(date="s2017", lit="j"), marc="""
041 0_ $a vie
082 04 $a 895.9223 $2 23
100 0_ $a Nam Cao, $d 1915-1951, $e tác giả.
245 10 $a Tuyển tập Nam Cao. $n Tập 1, $p Truyện ngắn / $c Nam Cao.
264 _1 $a Hà Nội : $b Văn học, $c 2017.
300 __ $a 415 trang ; $c 21 cm
500 __ $a Chí Phèo in lần đầu năm 1941 với nhan đề Đôi lứa xứng đôi.
505 0_ $a Chí Phèo -- Trăng sáng -- Đời thừa -- Lão Hạc -- Một bữa no -- Đôi mắt.
650 _0 $a Short stories, Vietnamese.
650 _7 $a Văn học hiện đại $z Việt Nam $2 tvqg
655 _7 $a Truyện ngắn $2 tvqg
700 02 $a Nam Cao, $d 1915-1951. $t Chí Phèo.
700 02 $a Nam Cao, $d 1915-1951. $t Lão Hạc.
852 1_ $a NLV $b Kho đọc $h 895.9223 $i T527T $p VV.17.03015 $t 1
"""),
    dict(id="NLV000009", f008=dict(date="s2014", lit="p"), marc="""
041 0_ $a vie
082 04 $a 895.9221 $2 23
100 0_ $6 880-01 $a Hồ Xuân Hương, $d 1772-1822, $e tác giả.
245 10 $a Thơ Hồ Xuân Hương.
264 _1 $a Hà Nội : $b Văn học, $c 2014.
300 __ $a 175 trang ; $c 19 cm
500 __ $a Nhiều bài thơ được truyền tụng dưới tên Hồ Xuân Hương vẫn còn tồn nghi về tác giả.
650 _0 $a Vietnamese poetry.
650 _7 $a Thơ Nôm $2 tvqg
852 1_ $a NLV $b Kho đọc $h 895.9221 $i TH460H $p VV.14.01133 $t 1
880 0_ $6 100-01/$1 $a 胡春香, $d 1772-1822, $e tác giả.
"""),
    dict(id="NLV000010", f008=dict(date="s2008", lit="f"), marc="""
041 0_ $a vie
082 04 $a 895.9223 $2 23
100 0_ $a Nguyễn Nhật Ánh, $d 1955-, $e tác giả.
245 10 $a Cho tôi xin một vé đi tuổi thơ : $b truyện / $c Nguyễn Nhật Ánh.
264 _1 $a Thành phố Hồ Chí Minh : $b Trẻ, $c 2008.
300 __ $a 218 trang ; $c 20 cm
650 _7 $a Văn học hiện đại $z Việt Nam $2 tvqg
655 _7 $a Truyện dài $2 tvqg
852 1_ $a NLV $b Kho lưu chiểu $h 895.9223 $i CH400T $p LC.08.11802 $t 1
"""),
    dict(id="NLV000011", f008=dict(date="s2010", lit="f"), marc="""
041 0_ $a vie
082 04 $a 895.9223 $2 23
100 0_ $a Nguyễn Nhật Ánh, $d 1955-, $e tác giả.
245 10 $a Tôi thấy hoa vàng trên cỏ xanh : $b truyện / $c Nguyễn Nhật Ánh.
264 _1 $a Thành phố Hồ Chí Minh : $b Trẻ, $c 2010.
300 __ $a 378 trang ; $c 20 cm
500 __ $a Tác phẩm được chuyển thể thành phim điện ảnh năm 2015.
650 _7 $a Văn học hiện đại $z Việt Nam $2 tvqg
655 _7 $a Truyện dài $2 tvqg
852 1_ $a NLV $b Kho đọc $h 895.9223 $i T452TH $p VV.10.07764 $t 1
"""),
    dict(id="NLV000012", f008=dict(date="s2005", lit="0", bio="a", ill="a"), marc="""
041 0_ $a vie
082 04 $a 959.7043092 $2 23
100 0_ $a Đặng Thùy Trâm, $d 1942-1970, $e tác giả.
245 10 $a Nhật ký Đặng Thùy Trâm.
264 _1 $a Hà Nội : $b Hội Nhà văn, $c 2005.
300 __ $a 295 trang : $b ảnh ; $c 21 cm
520 __ $a Nhật ký của nữ bác sĩ Đặng Thùy Trâm, viết trong những năm 1968-1970 khi công tác ở chiến trường Đức Phổ, Quảng Ngãi.
600 04 $a Đặng Thùy Trâm, $d 1942-1970 $v Nhật ký.
600 10 $a Đặng, Thùy Trâm, $d 1942-1970 $v Diaries.
650 _0 $a Vietnam War, 1961-1975 $v Personal narratives, Vietnamese.
650 _0 $a Women physicians $z Vietnam $v Diaries.
651 _7 $a Quảng Ngãi (Việt Nam) $x Lịch sử $y 1961-1975 $2 tvqg
852 1_ $a NLV $b Kho đọc $h 959.7043092 $i NH600K $p VV.05.04120 $t 1
852 1_ $a NLV $b Kho lưu chiểu $h 959.7043092 $i NH600K $p LC.05.09377 $t 2
"""),
    dict(id="NLV000013", f008=dict(date="s2007", place="nyu", lit="0", bio="a", lang="eng"), marc="""
041 1_ $a eng $h vie
082 04 $a 959.7043092 $2 23
100 0_ $a Đặng Thùy Trâm, $d 1942-1970, $e tác giả.
240 10 $a Nhật ký Đặng Thùy Trâm. $l Tiếng Anh
245 10 $a Last night I dreamed of peace : $b the diary of Dang Thuy Tram / $c translated by Andrew X. Pham ; introduction by Frances FitzGerald.
264 _1 $a New York : $b Harmony Books, $c 2007.
300 __ $a xxviii, 225 trang : $b ảnh ; $c 22 cm
600 10 $a Đặng, Thùy Trâm, $d 1942-1970 $v Diaries.
650 _0 $a Vietnam War, 1961-1975 $v Personal narratives, Vietnamese.
700 1_ $a Pham, Andrew X., $e dịch.
700 1_ $a FitzGerald, Frances, $e giới thiệu.
765 0_ $a Đặng Thùy Trâm, 1942-1970. $t Nhật ký Đặng Thùy Trâm $d Hà Nội : Hội Nhà văn, 2005
852 1_ $a NLV $b Kho ngoại văn $h 959.7043092 $i L110N $p NV.07.00563 $t 1
"""),
    # Chữ Hán original with Vietnamese translation: 880 for 100 and 245
    dict(id="NLV000014", f008=dict(date="s2012", lit="0"), marc="""
041 1_ $a vie $a chi $h chi
082 04 $a 895.9228 $2 23
100 0_ $6 880-01 $a Nguyễn Trãi, $d 1380-1442, $e tác giả.
245 10 $6 880-02 $a Bình Ngô đại cáo / $c Nguyễn Trãi ; Bùi Kỷ dịch.
246 3_ $a Đại cáo bình Ngô
264 _1 $a Hà Nội : $b Giáo dục Việt Nam, $c 2012.
300 __ $a 63 trang ; $c 19 cm
500 __ $a Soạn năm 1428, thay lời Lê Lợi tuyên cáo việc dẹp yên giặc Minh.
546 __ $a Nguyên văn chữ Hán kèm bản dịch tiếng Việt.
650 _7 $a Văn học trung đại $z Việt Nam $2 tvqg
651 _7 $a Việt Nam $x Lịch sử $y Thế kỷ 15 $2 tvqg
700 0_ $a Bùi Kỷ, $e dịch.
852 1_ $a NLV $b Kho đọc $h 895.9228 $i B312NG $p VV.12.03561 $t 1
880 0_ $6 100-01/$1 $a 阮廌, $d 1380-1442, $e tác giả.
880 10 $6 245-02/$1 $a 平吳大誥 / $c 阮廌.
"""),
    dict(id="NLV000015", f008=dict(date="s2013", lit="p"), marc="""
041 0_ $a vie
082 04 $a 895.9221 $2 23
100 0_ $a Nguyễn Đình Chiểu, $d 1822-1888, $e tác giả.
245 10 $a Truyện Lục Vân Tiên / $c Nguyễn Đình Chiểu.
246 3_ $a Lục Vân Tiên
264 _1 $a Hà Nội : $b Văn học, $c 2013.
300 __ $a 187 trang ; $c 19 cm
490 1_ $a Danh tác văn học Việt Nam
500 __ $a Truyện thơ Nôm, sáng tác khoảng giữa thế kỷ 19.
650 _7 $a Văn học trung đại $z Việt Nam $2 tvqg
655 _7 $a Truyện thơ Nôm $2 tvqg
830 _0 $a Danh tác văn học Việt Nam.
852 1_ $a NLV $b Kho đọc $h 895.9221 $i TR527L $p VV.13.02047 $t 1
"""),
    dict(id="NLV000016", f008=dict(date="s2017", lit="j"), marc="""
041 0_ $a vie
082 04 $a 895.9223 $2 23
100 0_ $a Nguyễn Tuân, $d 1910-1987, $e tác giả.
245 10 $a Vang bóng một thời / $c Nguyễn Tuân.
264 _1 $a Hà Nội : $b Văn học, $c 2017.
300 __ $a 203 trang ; $c 21 cm
490 1_ $a Danh tác văn học Việt Nam
500 __ $a In lần đầu năm 1940.
650 _0 $a Short stories, Vietnamese.
655 _7 $a Truyện ngắn $2 tvqg
830 _0 $a Danh tác văn học Việt Nam.
852 1_ $a NLV $b Kho đọc $h 895.9223 $i V106B $p VV.17.05530 $t 1
"""),
    dict(id="NLV000017", f008=dict(date="s2016", lit="p"), marc="""
041 0_ $a vie
082 04 $a 895.9221 $2 23
100 0_ $a Xuân Diệu, $d 1916-1985, $e tác giả.
245 10 $a Thơ thơ / $c Xuân Diệu.
264 _1 $a Hà Nội : $b Hội Nhà văn, $c 2016.
300 __ $a 95 trang ; $c 19 cm
500 __ $a Tập thơ đầu tay của tác giả, in lần đầu năm 1938.
650 _0 $a Vietnamese poetry $y 20th century.
650 _7 $a Thơ Việt Nam $2 tvqg
852 1_ $a NLV $b Kho đọc $h 895.9221 $i TH460TH $p VV.16.06612 $t 1
"""),
    dict(id="NLV000018", f008=dict(date="s2000", lit="0", bio="a", ill="a"), marc="""
041 0_ $a vie
082 04 $a 959.7041 $2 23
100 0_ $a Võ Nguyên Giáp, $d 1911-2013, $e tác giả.
245 10 $a Điện Biên Phủ : $b điểm hẹn lịch sử : hồi ức / $c Võ Nguyên Giáp ; Hữu Mai thể hiện.
264 _1 $a Hà Nội : $b Quân đội nhân dân, $c 2000.
300 __ $a 435 trang : $b ảnh ; $c 22 cm
600 04 $a Võ Nguyên Giáp, $d 1911-2013.
650 _0 $a Dien Bien Phu (Vietnam), Battle of, 1954 $v Personal narratives, Vietnamese.
650 _7 $a Chiến dịch Điện Biên Phủ $y 1954 $2 tvqg
655 _7 $a Hồi ký $2 tvqg
700 0_ $a Hữu Mai, $d 1926-2007, $e thể hiện.
852 1_ $a NLV $b Kho đọc $h 959.7041 $i Đ305B $p VV.00.01288 $t 1
"""),
    # Chữ Hán title with 880; the Vietnamese translated title as parallel title
    dict(id="NLV000019", f008=dict(date="s2015", lit="p"), marc="""
041 1_ $a vie $a chi $h chi
082 04 $a 895.9221 $2 23
100 0_ $a Hồ Chí Minh, $d 1890-1969, $e tác giả.
245 10 $6 880-01 $a Ngục trung nhật ký = $b Nhật ký trong tù / $c Hồ Chí Minh.
246 31 $a Nhật ký trong tù
264 _1 $a Hà Nội : $b Văn học, $c 2015.
300 __ $a 239 trang ; $c 21 cm
500 __ $a Tập thơ viết bằng chữ Hán trong thời gian tác giả bị giam giữ ở Quảng Tây, Trung Quốc (1942-1943).
546 __ $a Nguyên văn chữ Hán, phiên âm và dịch thơ tiếng Việt.
650 _7 $a Thơ Việt Nam $2 tvqg
852 1_ $a NLV $b Kho đọc $h 895.9221 $i NG506TR $p VV.15.04479 $t 1
880 10 $6 245-01/$1 $a 獄中日記 / $c 胡志明.
"""),
    # homonym trap, part 1: Hoàng Cầm the poet (1922-2010) ...
    dict(id="NLV000020", f008=dict(date="s2012", lit="p"), marc="""
041 0_ $a vie
082 04 $a 895.9221 $2 23
100 0_ $a Hoàng Cầm, $d 1922-2010, $e tác giả.
245 10 $a Thơ Hoàng Cầm.
264 _1 $a Hà Nội : $b Hội Nhà văn, $c 2012.
300 __ $a 207 trang ; $c 21 cm
500 __ $a Bài thơ Bên kia sông Đuống viết năm 1948.
505 0_ $a Bên kia sông Đuống -- Lá diêu bông.
650 _7 $a Thơ Việt Nam $2 tvqg
852 1_ $a NLV $b Kho đọc $h 895.9221 $i TH460H $p VV.12.05218 $t 1
"""),
    # ... and part 2: Hoàng Cầm the general (1920-2013)
    dict(id="NLV000021", f008=dict(date="s2001", lit="0", bio="a"), marc="""
041 0_ $a vie
082 04 $a 959.704092 $2 23
100 0_ $a Hoàng Cầm, $d 1920-2013, $e tác giả.
245 10 $a Chặng đường mười nghìn ngày : $b hồi ức / $c Hoàng Cầm.
264 _1 $a Hà Nội : $b Quân đội nhân dân, $c 2001.
300 __ $a 471 trang : $b ảnh ; $c 21 cm
655 _7 $a Hồi ký $2 tvqg
651 _7 $a Việt Nam $x Lịch sử quân sự $y 1945-1975 $2 tvqg
852 1_ $a NLV $b Kho đọc $h 959.704092 $i CH116Đ $p VV.01.00994 $t 1
"""),
    # Nguyễn Dữ, not Nguyễn Du: both fold to "nguyen du"
    dict(id="NLV000022", f008=dict(date="s2013", lit="j"), marc="""
041 1_ $a vie $h chi
082 04 $a 895.9223 $2 23
100 0_ $6 880-01 $a Nguyễn Dữ, $d thế kỷ 16, $e tác giả.
245 10 $6 880-02 $a Truyền kỳ mạn lục / $c Nguyễn Dữ.
264 _1 $a Hà Nội : $b Văn học, $c 2013.
300 __ $a 359 trang ; $c 21 cm
500 __ $a Tập truyện truyền kỳ viết bằng chữ Hán, gồm 20 truyện.
650 _7 $a Văn học trung đại $z Việt Nam $2 tvqg
655 _7 $a Truyện truyền kỳ $2 tvqg
852 1_ $a NLV $b Kho đọc $h 895.9223 $i TR527K $p VV.13.06620 $t 1
880 0_ $6 100-01/$1 $a 阮嶼, $d thế kỷ 16, $e tác giả.
880 10 $6 245-02/$1 $a 傳奇漫錄 / $c 阮嶼.
"""),
    # reference work with four editors (chủ biên); cited in the authorities' 670
    dict(id="NLV000023", f008=dict(date="s2004", cont="d", lit="0", index="0"), marc="""
041 0_ $a vie
082 04 $a 803 $2 23
245 00 $a Từ điển văn học / $c Đỗ Đức Hiểu, Nguyễn Huệ Chi, Phùng Văn Tửu, Trần Hữu Tá (chủ biên).
250 __ $a Bộ mới.
264 _1 $a Hà Nội : $b Thế giới, $c 2004.
300 __ $a 2182 trang ; $c 27 cm
650 _0 $a Literature $v Dictionaries.
650 _7 $a Văn học $v Từ điển $2 tvqg
700 0_ $a Đỗ Đức Hiểu, $e chủ biên.
700 0_ $a Nguyễn Huệ Chi, $e chủ biên.
700 0_ $a Phùng Văn Tửu, $e chủ biên.
700 0_ $a Trần Hữu Tá, $e chủ biên.
852 1_ $a NLV $b Kho tra cứu $h 803 $i T550Đ $p TC.04.00213 $t 1
"""),
]


# =============================================================================================
# VNU — Trung tâm Thư viện và Tri thức số, ĐHQGHN (vnu.mrc), Libol style
# f008=None: the record has no 008, as many Libol exports
# =============================================================================================
VNU = [
    dict(id="VNU000001", f008=None, marc="""
020 __ $c 45000đ
041 0_ $a vie
044 __ $a vm
082 __ $a 895.9221 $b TR527K
100 1_ $a Nguyễn, Du
245 10 $a Truyện Kiều / $c Nguyễn Du
246 1_ $a Đoạn trường tân thanh
260 __ $a H. : $b Giáo dục, $c 2012
300 __ $a 239 tr. ; $c 21 cm
653 __ $a Truyện Kiều
653 __ $a Thơ Nôm
653 __ $a Văn học cổ điển
653 __ $a Văn học Việt Nam
852 __ $b VNU $a D2 $j VV-D2/00127
852 __ $b VNU $a D2 $j VV-D2/00128
852 __ $b VNU $a M1 $j VV-M1/04511
925 __ $a G
927 __ $a SH
"""),
    dict(id="VNU000002", f008=dict(date="s1983", place="ctu", lit="p", lang="eng"), marc="""
041 1_ $a eng $a vie $h vie
082 __ $a 895.9221 $b T103K
100 1_ $a Nguyễn, Du
240 10 $a Truyện Kiều
245 14 $a The tale of Kiều / $c Nguyễn Du ; translated and annotated by Huỳnh Sanh Thông
260 __ $a New Haven : $b Yale University Press, $c 1983
300 __ $a xlii, 236 p. ; $c 24 cm
546 __ $a Song ngữ Việt - Anh
653 __ $a Truyện Kiều
653 __ $a Bản dịch
653 __ $a Tiếng Anh
700 1_ $a Huỳnh, Sanh Thông
765 0_ $a Nguyễn, Du $t Truyện Kiều
852 __ $b VNU $a NV $j NV-D3/00412
925 __ $a G
927 __ $a SH
"""),
    dict(id="VNU000003", f008=None, marc="""
020 __ $c 98000đ
041 0_ $a vie
082 __ $a 895.9221003 $b T550Đ
100 1_ $a Đào, Duy Anh
245 10 $a Từ điển Truyện Kiều / $c Đào Duy Anh
260 __ $a H. : $b Khoa học xã hội, $c 2016
300 __ $a 551 tr. ; $c 24 cm
600 14 $a Nguyễn, Du $t Truyện Kiều $v Từ điển
653 __ $a Từ điển
653 __ $a Truyện Kiều
653 __ $a Nguyễn Du
852 __ $b VNU $a TC $j TC-D1/00088
927 __ $a TD
"""),
    dict(id="VNU000004", f008=dict(date="s2016", lit="f"), marc="""
020 __ $c 65000đ
041 0_ $a vie
082 __ $a 895.9223 $b S450Đ
100 1_ $a Vũ, Trọng Phụng
245 10 $a Số đỏ : $b tiểu thuyết / $c Vũ Trọng Phụng
260 __ $a H. : $b Văn học, $c 2016
300 __ $a 271 tr. ; $c 21 cm
520 __ $a Tiểu thuyết trào phúng về xã hội Hà Nội những năm 1930 qua nhân vật Xuân Tóc Đỏ.
653 __ $a Tiểu thuyết
653 __ $a Văn học hiện đại
653 __ $a Văn học Việt Nam
653 __ $a Trào phúng
852 __ $b VNU $a D2 $j VV-D2/01530
852 __ $b VNU $a D4 $j VV-D4/00762
925 __ $a G
927 __ $a SH
"""),
    dict(id="VNU000005", f008=None, marc="""
020 __ $c 72000đ
041 0_ $a vie
082 __ $a 895.9223 $b GI-455T
100 1_ $a Vũ, Trọng Phụng
245 10 $a Giông tố : $b tiểu thuyết / $c Vũ Trọng Phụng
260 __ $a H. : $b Văn học, $c 2015
300 __ $a 367 tr. ; $c 21 cm
500 __ $a Tiểu thuyết đăng báo lần đầu năm 1936.
653 __ $a Tiểu thuyết
653 __ $a Văn học hiện đại
653 __ $a Văn học Việt Nam
852 __ $b VNU $a D2 $j VV-D2/01533
925 __ $a G
927 __ $a SH
"""),
    # the author entered under his real name: only the authority's 400 Nguyễn Sen links it
    dict(id="VNU000006", f008=None, marc="""
020 __ $c 35000đ
041 0_ $a Vie
082 __ $a 895.9223 $b D250M
100 1_ $a Nguyễn, Sen
245 10 $a Dế Mèn phiêu lưu ký / $c Tô Hoài
260 __ $a H. : $b Kim Đồng, $c 2011
300 __ $a 139 tr. : $b tranh vẽ ; $c 21 cm
653 __ $a Văn học thiếu nhi
653 __ $a Truyện dài
653 __ $a Văn học Việt Nam
852 __ $b VNU $a M1 $j VV-M1/05102
925 __ $a G
927 __ $a SH
"""),
    dict(id="VNU000007", f008=dict(date="s2018", lit="j"), marc="""
020 __ $c 56000đ
041 0_ $a vie
082 __ $a 895.9223 $b CH300PH
100 __ $a Nam Cao
245 10 $a Chí Phèo : $b tập truyện ngắn / $c Nam Cao
246 1_ $a Đôi lứa xứng đôi
260 __ $a H. : $b Văn học, $c 2018
300 __ $a 283 tr. ; $c 21 cm
505 0_ $a Chí Phèo -- Lão Hạc -- Đời thừa -- Đôi mắt
653 __ $a Truyện ngắn
653 __ $a Văn học hiện đại
653 __ $a Văn học Việt Nam
852 __ $b VNU $a D2 $j VV-D2/01871
852 __ $b VNU $a D5 $j VV-D5/00310
925 __ $a G
927 __ $a SH
"""),
    dict(id="VNU000008", f008=None, marc="""
020 __ $c 60000đ
041 0_ $a vie
082 __ $a 895.9223 $b S455M
100 __ $a Nam Cao
245 10 $a Sống mòn : $b tiểu thuyết / $c Nam Cao
260 __ $a H. : $b Văn học, $c 2016
300 __ $a 247 tr. ; $c 21 cm
653 __ $a Tiểu thuyết
653 __ $a Văn học Việt Nam
852 __ $b VNU $a D2 $j VV-D2/01872
925 __ $a G
927 __ $a SH
"""),
    dict(id="VNU000009", f008=None, marc="""
020 __ $c 30000đ
041 0_ $a vie
082 __ $a 895.9221 $b TH460H
100 1_ $a Hồ, Xuân Hương
245 10 $a Thơ Hồ Xuân Hương / $c Hồ Xuân Hương
260 __ $a H. : $b Văn học, $c 2014
300 __ $a 175 tr. ; $c 19 cm
653 __ $a Thơ Nôm
653 __ $a Văn học trung đại
653 __ $a Văn học Việt Nam
852 __ $b VNU $a D2 $j VV-D2/01204
925 __ $a G
927 __ $a SH
"""),
    dict(id="VNU000010", f008=dict(date="s2019", lit="f"), marc="""
020 __ $c 110000đ
041 0_ $a vie
082 __ $a 895.9223 $b M118B
100 1_ $a Nguyễn, Nhật Ánh
245 10 $a Mắt biếc : $b truyện dài / $c Nguyễn Nhật Ánh
250 __ $a Tái bản
260 __ $a Tp. Hồ Chí Minh : $b Trẻ, $c 2019
300 __ $a 299 tr. ; $c 20 cm
500 __ $a In lần đầu năm 1990.
653 __ $a Truyện dài
653 __ $a Văn học hiện đại
653 __ $a Văn học Việt Nam
852 __ $b VNU $a M1 $j VV-M1/07731
852 __ $b VNU $a M1 $j VV-M1/07732
925 __ $a G
927 __ $a SH
"""),
    dict(id="VNU000011", f008=dict(date="s2008", lit="f"), marc="""
020 __ $c 42000đ
041 0_ $a vie
082 __ $a 895.9223 $b CH400T
100 1_ $a Nguyễn, Nhật Ánh
245 10 $a Cho tôi xin một vé đi tuổi thơ : $b truyện / $c Nguyễn Nhật Ánh
260 __ $a Tp. Hồ Chí Minh : $b Trẻ, $c 2008
300 __ $a 218 tr. ; $c 20 cm
653 __ $a Truyện dài
653 __ $a Tuổi thơ
653 __ $a Văn học Việt Nam
852 __ $b VNU $a M1 $j VV-M1/06040
925 __ $a G
927 __ $a SH
"""),
    dict(id="VNU000012", f008=dict(date="s2005", lit="0", bio="a"), marc="""
020 __ $c 48000đ
041 0_ $a vie
082 __ $a 959.7043092 $b NH600K
100 1_ $a Đặng, Thùy Trâm
245 10 $a Nhật ký Đặng Thùy Trâm
260 __ $a H. : $b Hội Nhà văn, $c 2005
300 __ $a 295 tr. ; $c 21 cm
650 __ $a Chiến tranh Việt Nam $v Nhật ký
653 __ $a Nhật ký
653 __ $a Chiến tranh
653 __ $a Liệt sĩ
852 __ $b VNU $a D2 $j VV-D2/00964
852 __ $b VNU $a D4 $j VV-D4/00412
925 __ $a G
927 __ $a SH
"""),
    dict(id="VNU000013", f008=None, marc="""
020 __ $c 25000đ
041 1_ $a vie $a chi
082 __ $a 895.9228 $b B312NG
100 1_ $a Nguyễn, Trãi
245 10 $a Bình Ngô đại cáo / $c Nguyễn Trãi ; Bùi Kỷ dịch
260 __ $a H. : $b Giáo dục Việt Nam, $c 2012
300 __ $a 63 tr. ; $c 19 cm
653 __ $a Văn học trung đại
653 __ $a Hán văn
653 __ $a Văn học Việt Nam
700 1_ $a Bùi, Kỷ
852 __ $b VNU $a D2 $j VV-D2/00711
925 __ $a G
927 __ $a SH
"""),
    dict(id="VNU000014", f008=dict(date="s2017", lit="j"), marc="""
020 __ $c 52000đ
041 0_ $a vie
082 __ $a 895.9223 $b V106B
100 1_ $a Nguyễn, Tuân
245 10 $a Vang bóng một thời / $c Nguyễn Tuân
260 __ $a H. : $b Văn học, $c 2017
300 __ $a 203 tr. ; $c 21 cm
653 __ $a Truyện ngắn
653 __ $a Văn học Việt Nam
852 __ $b VNU $a D2 $j VV-D2/01990
925 __ $a G
927 __ $a SH
"""),
    # Nguyễn Dữ (16th century) — one diacritic away from Nguyễn Du
    dict(id="VNU000015", f008=None, marc="""
020 __ $c 80000đ
041 1_ $a vie $h chi
082 __ $a 895.9223 $b TR527K
100 1_ $a Nguyễn, Dữ
245 10 $a Truyền kỳ mạn lục / $c Nguyễn Dữ
260 __ $a H. : $b Văn học, $c 2013
300 __ $a 359 tr. ; $c 21 cm
653 __ $a Truyện truyền kỳ
653 __ $a Văn học trung đại
653 __ $a Văn học Việt Nam
852 __ $b VNU $a D4 $j VV-D4/00835
925 __ $a G
927 __ $a SH
"""),
    dict(id="VNU000016", f008=dict(date="s2000", lit="0", bio="a"), marc="""
020 __ $c 62000đ
041 0_ $a vie
082 __ $a 959.7041 $b Đ305B
100 1_ $a Võ, Nguyên Giáp
245 10 $a Điện Biên Phủ : $b điểm hẹn lịch sử : hồi ức / $c Võ Nguyên Giáp ; Hữu Mai thể hiện
260 __ $a H. : $b Quân đội nhân dân, $c 2000
300 __ $a 435 tr. ; $c 22 cm
653 __ $a Điện Biên Phủ
653 __ $a Hồi ký
653 __ $a Lịch sử Việt Nam
700 0_ $a Hữu Mai
852 __ $b VNU $a D5 $j VV-D5/00188
925 __ $a G
927 __ $a SH
"""),
    dict(id="VNU000017", f008=None, marc="""
020 __ $c 40000đ
041 0_ $a vie
082 __ $a 895.9223 $b T118Đ
100 1_ $a Ngô, Tất Tố
245 10 $a Tắt đèn : $b tiểu thuyết / $c Ngô Tất Tố
260 __ $a H. : $b Văn học, $c 2015
300 __ $a 223 tr. ; $c 19 cm
500 __ $a In thành sách lần đầu năm 1939.
653 __ $a Tiểu thuyết
653 __ $a Văn học hiện đại
653 __ $a Nông thôn
852 __ $b VNU $a D2 $j VV-D2/01406
925 __ $a G
927 __ $a SH
"""),
]


# =============================================================================================
# TVHN — Thư viện Hà Nội (tvhn.mrc), Koha style; 001 = biblionumber = 999 $c $d
# 952: $a home / $b holding branch, $c shelving location, $d date acquired, $o call number,
#      $p barcode, $t copy, $y item type, $7 not for loan (1 = reference copy), $8 collection
# =============================================================================================
TVHN = [
    dict(id="10231", f008=dict(date="s2015", lit="p"), marc="""
041 __ $a vie
082 04 $a 895.9221 $2 23
100 1_ $a Nguyễn Du
245 10 $a Truyện Kiều / $c Nguyễn Du
246 1_ $a Kim Vân Kiều
260 __ $a H. : $b Văn học, $c 2015
300 __ $a 263tr. ; $c 21cm
520 __ $a Câu chuyện về cuộc đời Thuý Kiều, truyện thơ gồm 3254 câu lục bát.
653 __ $a Văn học cổ điển
653 __ $a Truyện thơ
942 __ $2 ddc $c BK
952 __ $0 0 $1 0 $4 0 $7 0 $a TVHN $b TVHN $c PM $d 2015-09-14 $o 895.9221 TR527K $p 2015004412 $t 1 $y BK $8 VHVN
952 __ $0 0 $1 0 $4 0 $7 1 $a TVHN $b TVHN $c PD $d 2015-09-14 $o 895.9221 TR527K $p 2015004413 $t 2 $y BK $8 VHVN
"""),
    dict(id="10232", f008=dict(date="s2016", lit="f"), marc="""
041 __ $a vie
082 04 $a 895.9223 $2 23
100 1_ $a Vũ Trọng Phụng
245 10 $a Số đỏ : $b tiểu thuyết / $c Vũ Trọng Phụng
260 __ $a H. : $b Văn học, $c 2016
300 __ $a 271tr. ; $c 21cm
653 __ $a Tiểu thuyết
653 __ $a Văn học hiện đại
942 __ $2 ddc $c BK
952 __ $0 0 $1 0 $4 0 $7 0 $a TVHN $b TVHN $c PM $d 2016-11-02 $o 895.9223 S450Đ $p 2016010287 $t 1 $y BK $8 VHVN
"""),
    dict(id="10233", f008=dict(date="s2019", lit="f", aud="j"), marc="""
041 __ $a vie
082 04 $a 895.9223 $2 23
100 0_ $a Tô Hoài
245 10 $a Dế Mèn phiêu lưu ký / $c Tô Hoài ; minh hoạ: Tạ Huy Long
260 __ $a H. : $b Kim Đồng, $c 2019
300 __ $a 143tr. : $b tranh màu ; $c 21cm
653 __ $a Văn học thiếu nhi
653 __ $a Truyện dài
700 1_ $a Tạ Huy Long
942 __ $2 ddc $c BK
952 __ $0 0 $1 0 $4 0 $7 0 $a TVHN $b TVHN $c PTN $d 2019-06-03 $o 895.9223 D250M $p 2019003310 $t 1 $y BK $8 TN
952 __ $0 0 $1 0 $4 0 $7 0 $a TVHN $b TVHN $c PTN $d 2019-06-03 $o 895.9223 D250M $p 2019003311 $t 2 $y BK $8 TN
952 __ $0 0 $1 0 $4 0 $7 1 $a TVHN $b TVHN $c PD $d 2019-06-03 $o 895.9223 D250M $p 2019003312 $t 3 $y BK $8 TN
"""),
    dict(id="10234", f008=dict(date="s2017", lit="j"), marc="""
041 __ $a vie
082 04 $a 895.9223 $2 23
100 1_ $a Nam Cao
245 10 $a Lão Hạc : $b tập truyện ngắn / $c Nam Cao
260 __ $a H. : $b Văn học, $c 2017
300 __ $a 247tr. ; $c 21cm
500 __ $a Truyện ngắn Lão Hạc đăng lần đầu năm 1943.
505 0_ $a Lão Hạc -- Trăng sáng -- Một bữa no
653 __ $a Truyện ngắn
653 __ $a Văn học hiện đại
942 __ $2 ddc $c BK
952 __ $0 0 $1 0 $4 0 $7 0 $a TVHN $b TVHN $c PM $d 2017-04-20 $o 895.9223 L108H $p 2017002245 $t 1 $y BK $8 VHVN
"""),
    dict(id="10235", f008=dict(date="s2018", lit="j"), marc="""
041 __ $a vie
082 04 $a 895.9223 $2 23
100 1_ $a Nam Cao
245 10 $a Chí Phèo / $c Nam Cao
260 __ $a H. : $b Văn học, $c 2018
300 __ $a 283tr. ; $c 21cm
653 __ $a Truyện ngắn
653 __ $a Văn học hiện đại
942 __ $2 ddc $c BK
952 __ $0 0 $1 0 $4 0 $7 0 $a TVHN $b TVHN $c PM $d 2018-08-08 $o 895.9223 CH300PH $p 2018005120 $t 1 $y BK $8 VHVN
"""),
    # DELIBERATELY NFD (decomposed): 100 and 245 are typed with combining marks (see nfd=)
    dict(id="10236", f008=dict(date="s2014", lit="p"), nfd=("100", "245"), marc="""
041 __ $a vie
082 04 $a 895.9221 $2 23
100 1_ $a Hồ Xuân Hương
245 10 $a Thơ Hồ Xuân Hương / $c Hồ Xuân Hương
260 __ $a H. : $b Văn học, $c 2014
300 __ $a 175tr. ; $c 19cm
653 __ $a Thơ Nôm
653 __ $a Văn học cổ điển
942 __ $2 ddc $c BK
952 __ $0 0 $1 0 $4 0 $7 0 $a TVHN $b TVHN $c PM $d 2014-12-01 $o 895.9221 TH460H $p 2014008870 $t 1 $y BK $8 VHVN
"""),
    dict(id="10237", f008=dict(date="s2019", lit="f"), marc="""
041 __ $a vie
082 04 $a 895.9223 $2 23
100 1_ $a Nguyễn Nhật Ánh
245 10 $a Mắt biếc : $b truyện dài / $c Nguyễn Nhật Ánh
250 __ $a Tái bản
260 __ $a Tp. Hồ Chí Minh : $b Trẻ, $c 2019
300 __ $a 299tr. ; $c 20cm
653 __ $a Truyện dài
653 __ $a Tình yêu
942 __ $2 ddc $c BK
952 __ $0 0 $1 0 $4 0 $7 0 $a TVHN $b TVHN $c PM $d 2019-10-15 $o 895.9223 M118B $p 2019007701 $t 1 $y BK $8 VHVN
952 __ $0 0 $1 0 $4 0 $7 0 $a TVHN $b TVHN $c PM $d 2019-10-15 $o 895.9223 M118B $p 2019007702 $t 2 $y BK $8 VHVN
"""),
    dict(id="10238", f008=dict(date="s2018", lit="f"), marc="""
041 __ $a vie
082 04 $a 895.9223 $2 23
100 1_ $a Nguyễn Nhật Ánh
245 10 $a Cho tôi xin một vé đi tuổi thơ / $c Nguyễn Nhật Ánh
250 __ $a Tái bản
260 __ $a Tp. Hồ Chí Minh : $b Trẻ, $c 2018
300 __ $a 218tr. ; $c 20cm
500 __ $a In lần đầu năm 2008.
653 __ $a Truyện dài
653 __ $a Tuổi thơ
942 __ $2 ddc $c BK
952 __ $0 0 $1 0 $4 0 $7 0 $a TVHN $b TVHN $c PTN $d 2018-03-22 $o 895.9223 CH400T $p 2018001904 $t 1 $y BK $8 TN
"""),
    dict(id="10239", f008=dict(date="s2010", lit="f"), marc="""
041 __ $a vie
082 04 $a 895.9223 $2 23
100 1_ $a Nguyễn Nhật Ánh
245 10 $a Tôi thấy hoa vàng trên cỏ xanh / $c Nguyễn Nhật Ánh
260 __ $a Tp. Hồ Chí Minh : $b Trẻ, $c 2010
300 __ $a 378tr. ; $c 20cm
653 __ $a Truyện dài
653 __ $a Tuổi thơ
942 __ $2 ddc $c BK
952 __ $0 0 $1 0 $4 0 $7 0 $a TVHN $b TVHN $c PM $d 2011-01-10 $o 895.9223 T452TH $p 2011000318 $t 1 $y BK $8 VHVN
"""),
    # 1980 "school" tone placement: Thuỳ (not Thùy)
    dict(id="10240", f008=dict(date="s2005", lit="0", bio="a"), marc="""
041 __ $a vie
082 04 $a 959.7043092 $2 23
100 1_ $a Đặng Thuỳ Trâm
245 10 $a Nhật ký Đặng Thuỳ Trâm
260 __ $a H. : $b Hội Nhà văn, $c 2005
300 __ $a 295tr. ; $c 21cm
653 __ $a Nhật ký
653 __ $a Kháng chiến chống Mỹ
942 __ $2 ddc $c BK
952 __ $0 0 $1 0 $4 0 $7 0 $a TVHN $b TVHN $c PM $d 2005-10-05 $o 959.7043092 NH600K $p 2005006630 $t 1 $y BK $8 LSVN
952 __ $0 0 $1 0 $4 0 $7 1 $a TVHN $b TVHN $c PD $d 2005-10-05 $o 959.7043092 NH600K $p 2005006631 $t 2 $y BK $8 LSVN
"""),
    dict(id="10241", f008=dict(date="s2013", lit="p"), marc="""
041 __ $a vie
082 04 $a 895.9221 $2 23
100 1_ $a Nguyễn Đình Chiểu
245 10 $a Lục Vân Tiên / $c Nguyễn Đình Chiểu
260 __ $a H. : $b Văn hoá - Thông tin, $c 2013
300 __ $a 191tr. ; $c 19cm
653 __ $a Truyện thơ Nôm
653 __ $a Văn học cổ điển
942 __ $2 ddc $c BK
952 __ $0 0 $1 0 $4 0 $7 0 $a TVHN $b TVHN $c PM $d 2013-07-29 $o 895.9221 L506V $p 2013004127 $t 1 $y BK $8 VHVN
"""),
    dict(id="10242", f008=dict(date="s2015", lit="p"), marc="""
041 __ $a vie
082 04 $a 895.9221 $2 23
100 1_ $a Hồ Chí Minh
245 10 $a Nhật ký trong tù / $c Hồ Chí Minh
260 __ $a H. : $b Văn học, $c 2015
300 __ $a 239tr. ; $c 21cm
653 __ $a Thơ
653 __ $a Hồ Chí Minh
942 __ $2 ddc $c BK
952 __ $0 0 $1 0 $4 0 $7 1 $a TVHN $b TVHN $c PD $d 2015-05-19 $o 895.9221 NH600K $p 2015003001 $t 1 $y BK $8 HCM
"""),
    dict(id="10243", f008=dict(date="s2016", lit="p"), marc="""
041 __ $a vie
082 04 $a 895.9221 $2 23
100 1_ $a Xuân Diệu
245 10 $a Thơ thơ / $c Xuân Diệu
260 __ $a H. : $b Hội Nhà văn, $c 2016
300 __ $a 95tr. ; $c 19cm
653 __ $a Thơ mới
653 __ $a Thơ tình
942 __ $2 ddc $c BK
952 __ $0 0 $1 0 $4 0 $7 0 $a TVHN $b TVHN $c PM $d 2016-12-12 $o 895.9221 TH460TH $p 2016011542 $t 1 $y BK $8 VHVN
"""),
    # 1980 placement again: Văn hoá
    dict(id="10244", f008=dict(date="s2014", lit="f"), marc="""
041 __ $a vie
082 04 $a 895.9223 $2 23
100 1_ $a Ngô Tất Tố
245 10 $a Tắt đèn / $c Ngô Tất Tố
260 __ $a H. : $b Văn hoá - Thông tin, $c 2014
300 __ $a 219tr. ; $c 19cm
653 __ $a Tiểu thuyết
653 __ $a Nông thôn
942 __ $2 ddc $c BK
952 __ $0 0 $1 0 $4 0 $7 0 $a TVHN $b TVHN $c PM $d 2014-09-09 $o 895.9223 T118Đ $p 2014006028 $t 1 $y BK $8 VHVN
"""),
    # undated "Hoàng Cầm": the poet (1922-2010), not the general — only the context tells
    dict(id="10245", f008=dict(date="s2012", lit="p"), marc="""
041 __ $a vie
082 04 $a 895.9221 $2 23
100 1_ $a Hoàng Cầm
245 10 $a Thơ Hoàng Cầm / $c Hoàng Cầm
260 __ $a H. : $b Hội Nhà văn, $c 2012
300 __ $a 207tr. ; $c 21cm
505 0_ $a Bên kia sông Đuống -- Lá diêu bông
653 __ $a Thơ
653 __ $a Kinh Bắc
942 __ $2 ddc $c BK
952 __ $0 0 $1 0 $4 0 $7 0 $a TVHN $b TVHN $c PM $d 2012-11-30 $o 895.9221 TH460H $p 2012009413 $t 1 $y BK $8 VHVN
"""),
]


# =============================================================================================
# Authorities (authorities.xml). kind: person | corporate | topic | geo
# =============================================================================================
AUTHORITIES = [
    # ---------------------------------------------------------------- NLV
    dict(lib="NLV", id="NLVA00001", kind="person", marc="""
046 __ $f 1765 $g 1820 $2 edtf
100 0_ $a Nguyễn Du, $d 1765-1820
370 __ $a Thăng Long (Hà Nội) $b Huế
374 __ $a Nhà thơ
400 1_ $a Nguyễn, Du, $d 1765-1820
400 0_ $a Nguyen Du, $d 1765-1820
400 1_ $a Nguyen, Du, $d 1765-1820
400 0_ $a Tố Như, $d 1765-1820
400 0_ $a Thanh Hiên, $d 1765-1820
400 0_ $a 阮攸, $d 1765-1820
670 __ $a Truyện Kiều, 2015: $b trang tên sách (Nguyễn Du)
670 __ $a Từ điển văn học (bộ mới), 2004 $b (mục từ: Nguyễn Du)
678 0_ $a Nhà thơ, tự Tố Như, hiệu Thanh Hiên; sinh năm 1765 tại Thăng Long, quê làng Tiên Điền, huyện Nghi Xuân, Hà Tĩnh; mất năm 1820 tại Huế. Tác giả Truyện Kiều (Đoạn trường tân thanh).
"""),
    dict(lib="NLV", id="NLVA00002", kind="person", marc="""
100 0_ $a Hồ Xuân Hương, $d 1772-1822
400 1_ $a Hồ, Xuân Hương, $d 1772-1822
400 0_ $a Ho Xuan Huong, $d 1772-1822
400 0_ $a 胡春香, $d 1772-1822
667 __ $a Năm sinh, năm mất theo cách ghi quy ước; chưa được xác định chắc chắn.
670 __ $a Thơ Hồ Xuân Hương, 2014
670 __ $a Từ điển văn học (bộ mới), 2004 $b (mục từ: Hồ Xuân Hương)
678 0_ $a Nữ thi sĩ, được Xuân Diệu gọi là "Bà chúa thơ Nôm". Nhiều bài thơ truyền tụng dưới tên bà còn tồn nghi về tác giả.
"""),
    dict(lib="NLV", id="NLVA00003", kind="person", marc="""
046 __ $f 1915 $g 1951 $2 edtf
100 0_ $a Nam Cao, $d 1915-1951
400 1_ $a Trần, Hữu Tri, $d 1915-1951
400 0_ $a Trần Hữu Tri, $d 1915-1951
400 0_ $a Nam Cao, $d 1917-1951
670 __ $a Tuyển tập Nam Cao. Tập 1, 2017
670 __ $a Từ điển văn học (bộ mới), 2004 $b (mục từ: Nam Cao)
678 0_ $a Nhà văn, tên thật Trần Hữu Tri, quê làng Đại Hoàng, phủ Lý Nhân, tỉnh Hà Nam; hy sinh năm 1951 khi đang công tác. Có tài liệu ghi năm sinh 1917. Tác giả Chí Phèo, Lão Hạc, Đời thừa, Sống mòn.
"""),
    dict(lib="NLV", id="NLVA00004", kind="person", marc="""
046 __ $f 1912-10-20 $g 1939-10-13 $2 edtf
100 0_ $a Vũ Trọng Phụng, $d 1912-1939
400 1_ $a Vũ, Trọng Phụng, $d 1912-1939
400 0_ $a Vu Trong Phung, $d 1912-1939
670 __ $a Số đỏ, 2016
670 __ $a Từ điển văn học (bộ mới), 2004 $b (mục từ: Vũ Trọng Phụng)
678 0_ $a Nhà văn, nhà báo, sống và mất tại Hà Nội. Tác giả Số đỏ, Giông tố (1936).
"""),
    dict(lib="NLV", id="NLVA00005", kind="person", marc="""
046 __ $f 1920-09-27 $g 2014-07-06 $2 edtf
100 0_ $a Tô Hoài, $d 1920-2014
400 1_ $a Tô, Hoài, $d 1920-2014
400 0_ $a To Hoai, $d 1920-2014
400 0_ $a Nguyễn Sen, $d 1920-2014
400 1_ $a Nguyễn, Sen, $d 1920-2014
670 __ $a Dế Mèn phiêu lưu ký, 2019
670 __ $a Từ điển văn học (bộ mới), 2004 $b (mục từ: Tô Hoài)
678 0_ $a Nhà văn, tên khai sinh Nguyễn Sen, sinh ở làng Nghĩa Đô, Hà Nội. Tác giả Dế Mèn phiêu lưu ký (1941), Vợ chồng A Phủ.
"""),
    dict(lib="NLV", id="NLVA00006", kind="person", marc="""
046 __ $f 1380 $g 1442 $2 edtf
100 0_ $a Nguyễn Trãi, $d 1380-1442
400 1_ $a Nguyễn, Trãi, $d 1380-1442
400 0_ $a Nguyen Trai, $d 1380-1442
400 0_ $a Ức Trai, $d 1380-1442
400 0_ $a 阮廌, $d 1380-1442
670 __ $a Bình Ngô đại cáo, 2012
670 __ $a Từ điển văn học (bộ mới), 2004 $b (mục từ: Nguyễn Trãi)
678 0_ $a Nhà chính trị, nhà văn, nhà thơ, hiệu Ức Trai. Tác giả Bình Ngô đại cáo (1428), Quốc âm thi tập, Ức Trai thi tập.
"""),
    dict(lib="NLV", id="NLVA00007", kind="person", marc="""
046 __ $f 1822-07-01 $g 1888-07-03 $2 edtf
100 0_ $a Nguyễn Đình Chiểu, $d 1822-1888
400 1_ $a Nguyễn, Đình Chiểu, $d 1822-1888
400 0_ $a Nguyen Dinh Chieu, $d 1822-1888
400 0_ $a Đồ Chiểu, $d 1822-1888
670 __ $a Truyện Lục Vân Tiên, 2013
670 __ $a Từ điển văn học (bộ mới), 2004 $b (mục từ: Nguyễn Đình Chiểu)
678 0_ $a Nhà thơ, thường gọi là Đồ Chiểu; sinh tại Gia Định, mất tại Ba Tri, Bến Tre. Tác giả Lục Vân Tiên, Văn tế nghĩa sĩ Cần Giuộc.
"""),
    dict(lib="NLV", id="NLVA00008", kind="person", marc="""
100 0_ $a Huỳnh Sanh Thông, $d 1926-2008
400 1_ $a Huỳnh, Sanh Thông, $d 1926-2008
400 0_ $a Huynh Sanh Thong, $d 1926-2008
400 1_ $a Huynh, Sanh Thong, $d 1926-2008
670 __ $a The tale of Kiều, 1983: $b trang tên sách (translated and annotated by Huỳnh Sanh Thông)
678 0_ $a Dịch giả, nhà nghiên cứu văn học Việt Nam tại Đại học Yale (Hoa Kỳ); người dịch Truyện Kiều sang tiếng Anh.
"""),
    dict(lib="NLV", id="NLVA00009", kind="person", marc="""
046 __ $f 1911-08-25 $g 2013-10-04 $2 edtf
100 0_ $a Võ Nguyên Giáp, $d 1911-2013
400 1_ $a Võ, Nguyên Giáp, $d 1911-2013
400 0_ $a Vo Nguyen Giap, $d 1911-2013
670 __ $a Điện Biên Phủ : điểm hẹn lịch sử, 2000
678 0_ $a Đại tướng Quân đội nhân dân Việt Nam, sinh tại làng An Xá, huyện Lệ Thủy, tỉnh Quảng Bình.
"""),
    dict(lib="NLV", id="NLVA00010", kind="person", marc="""
100 0_ $a Hữu Mai, $d 1926-2007
400 0_ $a Huu Mai, $d 1926-2007
670 __ $a Điện Biên Phủ : điểm hẹn lịch sử, 2000: $b trang tên sách (Hữu Mai thể hiện)
678 0_ $a Nhà văn quân đội; người thể hiện nhiều tập hồi ức của Đại tướng Võ Nguyên Giáp.
"""),
    # homonyms
    dict(lib="NLV", id="NLVA00011", kind="person", marc="""
046 __ $f 1922-02-22 $g 2010-05-06 $2 edtf
100 0_ $a Hoàng Cầm, $d 1922-2010
400 0_ $a Bùi Tằng Việt, $d 1922-2010
400 1_ $a Bùi, Tằng Việt, $d 1922-2010
400 0_ $a Hoang Cam, $d 1922-2010
667 __ $a Không nhầm với Hoàng Cầm, 1920-2013, Thượng tướng Quân đội nhân dân Việt Nam.
670 __ $a Thơ Hoàng Cầm, 2012
670 __ $a Từ điển văn học (bộ mới), 2004 $b (mục từ: Hoàng Cầm)
678 0_ $a Nhà thơ, tên thật Bùi Tằng Việt, quê Thuận Thành, Bắc Ninh. Tác giả bài thơ Bên kia sông Đuống (1948).
"""),
    dict(lib="NLV", id="NLVA00012", kind="person", marc="""
046 __ $f 1920 $g 2013 $2 edtf
100 0_ $a Hoàng Cầm, $d 1920-2013
400 0_ $a Đỗ Văn Cầm, $d 1920-2013
400 1_ $a Đỗ, Văn Cầm, $d 1920-2013
400 0_ $a Hoang Cam, $d 1920-2013
667 __ $a Không nhầm với nhà thơ Hoàng Cầm, 1922-2010.
670 __ $a Chặng đường mười nghìn ngày, 2001: $b trang tên sách (Hoàng Cầm)
678 0_ $a Thượng tướng Quân đội nhân dân Việt Nam, tên khai sinh Đỗ Văn Cầm.
"""),
    # one diacritic away from Nguyễn Du
    dict(lib="NLV", id="NLVA00013", kind="person", marc="""
100 0_ $a Nguyễn Dữ, $d thế kỷ 16
400 1_ $a Nguyễn, Dữ, $d thế kỷ 16
400 0_ $a Nguyen Du, $d thế kỷ 16
400 0_ $a 阮嶼, $d thế kỷ 16
667 __ $a Không nhầm với Nguyễn Du, 1765-1820, tác giả Truyện Kiều.
670 __ $a Truyền kỳ mạn lục, 2013
670 __ $a Từ điển văn học (bộ mới), 2004 $b (mục từ: Nguyễn Dữ)
678 0_ $a Nhà văn thế kỷ 16, người Hải Dương; tác giả Truyền kỳ mạn lục, viết bằng chữ Hán.
"""),
    dict(lib="NLV", id="NLVA00014", kind="person", marc="""
046 __ $f 1890-05-19 $g 1969-09-02 $2 edtf
100 0_ $a Hồ Chí Minh, $d 1890-1969
400 1_ $a Hồ, Chí Minh, $d 1890-1969
400 0_ $a Ho Chi Minh, $d 1890-1969
400 0_ $a Nguyễn Sinh Cung, $d 1890-1969
400 0_ $a Nguyễn Tất Thành, $d 1890-1969
400 0_ $a Nguyễn Ái Quốc, $d 1890-1969
400 0_ $a 胡志明, $d 1890-1969
670 __ $a Ngục trung nhật ký = Nhật ký trong tù, 2015
678 0_ $a Chủ tịch nước Việt Nam Dân chủ Cộng hòa (1945-1969); tên khai sinh Nguyễn Sinh Cung, sinh tại Nghệ An.
"""),
    dict(lib="NLV", id="NLVA00015", kind="person", marc="""
046 __ $f 1942-11-26 $g 1970-06-22 $2 edtf
100 0_ $a Đặng Thùy Trâm, $d 1942-1970
400 1_ $a Đặng, Thùy Trâm, $d 1942-1970
400 0_ $a Đặng Thuỳ Trâm, $d 1942-1970
400 0_ $a Dang Thuy Tram, $d 1942-1970
400 1_ $a Dang, Thuy Tram, $d 1942-1970
670 __ $a Nhật ký Đặng Thùy Trâm, 2005
670 __ $a Last night I dreamed of peace, 2007
678 0_ $a Bác sĩ, liệt sĩ; sinh tại Huế, hy sinh ngày 22 tháng 6 năm 1970 tại Đức Phổ, Quảng Ngãi. Nhật ký của bà được xuất bản năm 2005.
"""),
    dict(lib="NLV", id="NLVA00016", kind="person", marc="""
046 __ $f 1910-07-10 $g 1987-07-28 $2 edtf
100 0_ $a Nguyễn Tuân, $d 1910-1987
400 1_ $a Nguyễn, Tuân, $d 1910-1987
400 0_ $a Nguyen Tuan, $d 1910-1987
670 __ $a Vang bóng một thời, 2017
670 __ $a Từ điển văn học (bộ mới), 2004 $b (mục từ: Nguyễn Tuân)
678 0_ $a Nhà văn, sinh tại Hà Nội. Tác giả Vang bóng một thời (1940).
"""),
    dict(lib="NLV", id="NLVA00017", kind="corporate", marc="""
110 2_ $a Nhà xuất bản Văn học
410 2_ $a NXB Văn học
410 2_ $a Văn học (Nhà xuất bản)
670 __ $a Số đỏ, 2016: $b trang tên sách (Hà Nội : Văn học)
"""),
    dict(lib="NLV", id="NLVA00018", kind="topic", marc="""
150 __ $a Văn học Việt Nam
450 __ $a Văn chương Việt Nam
450 __ $a Vietnamese literature
550 __ $w g $a Văn học
"""),
    dict(lib="NLV", id="NLVA00019", kind="geo", marc="""
151 __ $a Việt Nam
451 __ $a Vietnam
451 __ $a Viet Nam
451 __ $a Cộng hòa xã hội chủ nghĩa Việt Nam
"""),
    # ---------------------------------------------------------------- VNU (Libol: inverted names)
    dict(lib="VNU", id="VNUA00001", kind="person", marc="""
100 1_ $a Nguyễn, Du, $d 1765-1820
400 0_ $a Nguyễn Du, $d 1765-1820
400 0_ $a Tố Như, $d 1765-1820
670 __ $a Truyện Kiều, 2012
"""),
    dict(lib="VNU", id="VNUA00002", kind="person", marc="""
046 __ $f 1955-05-07 $2 edtf
100 1_ $a Nguyễn, Nhật Ánh, $d 1955-
400 0_ $a Nguyễn Nhật Ánh, $d 1955-
400 0_ $a Nguyen Nhat Anh, $d 1955-
670 __ $a Mắt biếc, 2019
678 0_ $a Nhà văn, sinh ngày 7 tháng 5 năm 1955 tại huyện Thăng Bình, tỉnh Quảng Nam. Tác giả Mắt biếc (1990), Cho tôi xin một vé đi tuổi thơ (2008), Tôi thấy hoa vàng trên cỏ xanh (2010).
"""),
    dict(lib="VNU", id="VNUA00003", kind="person", marc="""
046 __ $f 1916-02-02 $g 1985-12-18 $2 edtf
100 0_ $a Xuân Diệu, $d 1916-1985
400 0_ $a Ngô Xuân Diệu, $d 1916-1985
400 1_ $a Ngô, Xuân Diệu, $d 1916-1985
400 0_ $a Xuan Dieu, $d 1916-1985
670 __ $a Thơ thơ, 2016
678 0_ $a Nhà thơ, tên đầy đủ Ngô Xuân Diệu. Tập thơ đầu tay Thơ thơ (1938).
"""),
    dict(lib="VNU", id="VNUA00004", kind="person", marc="""
046 __ $f 1904-04-25 $g 1988-04-01 $2 edtf
100 1_ $a Đào, Duy Anh, $d 1904-1988
400 0_ $a Đào Duy Anh, $d 1904-1988
400 0_ $a Dao Duy Anh, $d 1904-1988
670 __ $a Từ điển Truyện Kiều, 2016
678 0_ $a Nhà sử học, nhà từ điển học; tác giả Hán Việt từ điển, Việt Nam văn hóa sử cương, Từ điển Truyện Kiều.
"""),
    dict(lib="VNU", id="VNUA00005", kind="person", marc="""
100 1_ $a Vũ, Trọng Phụng, $d 1912-1939
400 0_ $a Vũ Trọng Phụng, $d 1912-1939
670 __ $a Số đỏ, 2016
"""),
    dict(lib="VNU", id="VNUA00006", kind="corporate", marc="""
110 2_ $a Đại học Quốc gia Hà Nội
410 2_ $a Vietnam National University, Hanoi
410 2_ $a ĐHQGHN
678 1_ $a Đại học quốc gia, thành lập năm 1993.
"""),
    dict(lib="VNU", id="VNUA00007", kind="topic", marc="""
150 __ $a Thơ Việt Nam
450 __ $a Thi ca Việt Nam
450 __ $a Vietnamese poetry
550 __ $w g $a Văn học Việt Nam
"""),
    dict(lib="VNU", id="VNUA00008", kind="topic", marc="""
150 __ $a Tiểu thuyết Việt Nam
450 __ $a Truyện dài Việt Nam
550 __ $w g $a Văn học Việt Nam
"""),
    # ---------------------------------------------------------------- TVHN
    dict(lib="TVHN", id="TVHNA0001", kind="person", marc="""
100 0_ $a Tô Hoài, $d 1920-2014
400 0_ $a Nguyễn Sen
400 0_ $a To Hoai
670 __ $a Dế Mèn phiêu lưu ký, 2019
"""),
    dict(lib="TVHN", id="TVHNA0002", kind="person", marc="""
100 0_ $a Hồ Xuân Hương
400 0_ $a Ho Xuan Huong
670 __ $a Thơ Hồ Xuân Hương, 2014
"""),
    dict(lib="TVHN", id="TVHNA0003", kind="corporate", marc="""
110 2_ $a Hội Nhà văn Việt Nam
410 2_ $a Vietnam Writers' Association
510 2_ $a Nhà xuất bản Hội Nhà văn
678 1_ $a Tổ chức nghề nghiệp của các nhà văn Việt Nam, thành lập năm 1957.
"""),
    dict(lib="TVHN", id="TVHNA0004", kind="topic", marc="""
150 __ $a Truyện ngắn Việt Nam
450 __ $a Truyện ngắn
550 __ $w g $a Văn học Việt Nam
"""),
    dict(lib="TVHN", id="TVHNA0005", kind="geo", marc="""
151 __ $a Hà Nội
451 __ $a Thăng Long
451 __ $a Hanoi
451 __ $a Ha Noi
551 __ $w g $a Việt Nam
"""),
]


# =============================================================================================
# Building
# =============================================================================================
_DELIM = re.compile(r"(?:^|(?<=\s))\$(?=[a-z0-9])")


def parse_line(line: str) -> Field:
    """'245 10 $a Truyện Kiều / $c Nguyễn Du.' -> pymarc Field ('_' in indicators = blank)."""
    tag, ind, rest = line[:3], line[4:6], line[7:]
    if not (tag.isdigit() and line[3] == " " and len(ind) == 2):
        raise ValueError(f"bad field line: {line!r}")
    parts = _DELIM.split(rest)
    if parts[0].strip():
        raise ValueError(f"text before the first subfield: {line!r}")
    subfields = [Subfield(code=p[0], value=p[1:].strip()) for p in parts[1:]]
    if not subfields or any(not s.value for s in subfields):
        raise ValueError(f"empty subfield in: {line!r}")
    return Field(tag=tag, indicators=[c if c != "_" else " " for c in ind], subfields=subfields)


def book008(entered: str, date: str, place: str = "vm", ill: str = "", aud: str = " ",
            cont: str = "", index: str = "0", lit: str = "0", bio: str = " ",
            lang: str = "vie", source: str = " ") -> str:
    """Books 008: date = type of date + Date 1 (+ Date 2), e.g. 's2015' or 'r20181925'."""
    d2 = date[5:9] or "    "
    s = (entered + date[0] + date[1:5] + d2 + place.ljust(3) + ill.ljust(4) + aud + " "
         + cont.ljust(4) + " " + "0" + "0" + index + " " + lit + bio + lang + " " + source)
    assert len(s) == 40, (date, s)
    return s


def auth008(entered: str, kind: str, source: str) -> str:
    """Authority 008; descriptive rules 'z' (other: RDA, see 040 $e), subject system 'z'."""
    name = kind in ("person", "corporate", "geo")
    s = (entered
         + ("i" if kind == "topic" else "n")  # 06 geographic subdivision
         + "n" + "|" + "a" + "z" + "z"  # 07 romanization, 08 language, 09 kind, 10 rules, 11 subj
         + "nn"  # 12-13 series
         + ("a" if name else "b") + "a" + "b"  # 14 main/added entry, 15 subject, 16 series
         + "n" + " " * 10 + " "  # 17 subdivision type, 18-27 undefined, 28 government agency
         + "a" + " " + "a"  # 29 reference evaluation, 30 undefined, 31 update in process
         + ("a" if kind == "person" else "n") + "a"  # 32 differentiated name, 33 establishment
         + " " * 4 + " " + source)  # 34-37 undefined, 38 modified, 39 cataloguing source
    assert len(s) == 40, s
    return s


def stamp(day: str, n: int) -> str:
    """A fixed 005: the library's day, one minute per record from 09:00."""
    return f"{day}{9 + n // 60:02d}{n % 60:02d}00.0"


def _with_lengths(rec: Record) -> Record:
    """Put the ISO 2709 record length and base address into the leader (also used in XML)."""
    rec.leader = Leader(rec.as_marc()[:24].decode("ascii"))
    return rec


def build_bib(lib: str, n: int, spec: dict) -> Record:
    conf = LIBRARIES[lib]
    rec = Record(leader=conf["leader"], force_utf8=True)
    fields = [Field(tag="001", data=spec["id"]), Field(tag="003", data=lib),
              Field(tag="005", data=stamp(conf["stamp"], n))]
    if spec.get("f008") is not None:
        fields.append(Field(tag="008", data=book008(conf["entered"], source=conf["source"], **spec["f008"])))
    fields.append(parse_line(conf["f040"]))
    lines = [l for l in spec["marc"].strip().splitlines() if l.strip()]
    fields += [parse_line(l) for l in lines]
    if conf["rda"]:
        fields += [parse_line("336 __ $a văn bản $b txt $2 rdacontent"),
                   parse_line("337 __ $a không qua thiết bị $b n $2 rdamedia"),
                   parse_line("338 __ $a tập $b nc $2 rdacarrier")]
    fields.append(parse_line(f"500 __ $a {ILLUSTRATIVE}"))
    for f in fields:  # the deliberately decomposed fields (see NFD_ALLOWED)
        if f.tag in spec.get("nfd", ()):
            f.subfields = [Subfield(s.code, unicodedata.normalize("NFD", s.value)) for s in f.subfields]
    fields.sort(key=lambda f: f.tag)  # stable: keeps the written order within a tag
    for f in fields:
        rec.add_field(f)
    return _with_lengths(rec)


def build_auth(n: int, spec: dict) -> Record:
    lib = spec["lib"]
    conf = LIBRARIES[lib]
    rec = Record(leader=AUTH_LEADER, force_utf8=True)
    source = " " if lib == "NLV" else "d"
    fields = [Field(tag="001", data=spec["id"]), Field(tag="003", data=lib),
              Field(tag="005", data=stamp(conf["stamp"], 30 + n)),
              Field(tag="008", data=auth008(conf["entered"], spec["kind"], source)),
              parse_line(f"040 __ $a {lib} $b vie $c {lib}" + (" $e rda" if conf["rda"] else ""))]
    fields += [parse_line(l) for l in spec["marc"].strip().splitlines() if l.strip()]
    fields.sort(key=lambda f: f.tag)
    for f in fields:
        rec.add_field(f)
    return _with_lengths(rec)


def to_marcxml(records: list[Record]) -> bytes:
    """A pretty-printed MARCXML collection (deterministic: attribute order is fixed)."""
    root = ET.Element("collection", {"xmlns": MARC_NS})
    for rec in records:
        root.append(record_to_xml_node(rec))
    ET.indent(root, "  ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"


def to_iso2709(records: list[Record]) -> bytes:
    return b"".join(r.as_marc() for r in records)


def build_all() -> dict[str, bytes]:
    nlv = [build_bib("NLV", i, s) for i, s in enumerate(NLV)]
    vnu = [build_bib("VNU", i, s) for i, s in enumerate(VNU)]
    tvhn = [build_bib("TVHN", i, s) for i, s in enumerate(TVHN)]
    auth = [build_auth(i, s) for i, s in enumerate(AUTHORITIES)]
    files = {
        "nlv.xml": to_marcxml(nlv),
        "vnu.mrc": to_iso2709(vnu),
        "tvhn.mrc": to_iso2709(tvhn),
    }
    # one authority file per library: `kg ingest --library X` loads one library's export
    for lib in LIBRARY_ORDER:
        files[f"{lib.lower()}-authorities.xml"] = to_marcxml([a for a, s in zip(auth, AUTHORITIES) if s["lib"] == lib])
    return files


LIBRARY_ORDER = ("NLV", "VNU", "TVHN")


def authority_count(name: str) -> int:
    lib = name.split("-", 1)[0].upper()
    return sum(1 for s in AUTHORITIES if s["lib"] == lib)


# =============================================================================================
# Checking what was written
# =============================================================================================
NFD_ALLOWED = {("tvhn.mrc", "10236", "100"), ("tvhn.mrc", "10236", "245")}


def read_back(name: str, data: bytes) -> list[Record]:
    if name.endswith(".xml"):
        return pymarc.parse_xml_to_array(io.BytesIO(data))
    reader = pymarc.MARCReader(data, to_unicode=True, force_utf8=True)
    out = list(reader)
    if any(r is None for r in out):
        raise AssertionError(f"{name}: a record did not parse: {reader.current_exception}")
    return out


def check(files: dict[str, bytes]) -> list[str]:
    """Return a list of problems (empty = fine) and print a summary."""
    problems: list[str] = []
    expected = {"nlv.xml": len(NLV), "vnu.mrc": len(VNU), "tvhn.mrc": len(TVHN)}
    expected.update({f"{lib.lower()}-authorities.xml": authority_count(f"{lib.lower()}-") for lib in LIBRARY_ORDER})
    for name, data in files.items():
        recs = read_back(name, data)
        if len(recs) != expected[name]:
            problems.append(f"{name}: {len(recs)} records, expected {expected[name]}")
        ids = [(r["003"].data, r["001"].data) for r in recs]
        if len(set(ids)) != len(ids):
            problems.append(f"{name}: duplicate 001/003")
        for r in recs:
            rid = r["001"].data
            if r.leader[9] != "a":
                problems.append(f"{name} {rid}: leader/09 is not 'a'")
            if (r.leader[6] == "z") != name.endswith("-authorities.xml"):
                problems.append(f"{name} {rid}: leader/06 {r.leader[6]!r}")
            if "008" in r and len(r["008"].data) != 40:
                problems.append(f"{name} {rid}: 008 length {len(r['008'].data)}")
            for f in r.fields:
                values = [f.data] if f.is_control_field() else [s.value for s in f.subfields]
                for v in values:
                    if unicodedata.normalize("NFC", v) != v and (name, rid, f.tag) not in NFD_ALLOWED:
                        problems.append(f"{name} {rid} {f.tag}: not NFC: {v!r}")
                    if (name, rid, f.tag) in NFD_ALLOWED and unicodedata.normalize("NFD", v) != v:
                        problems.append(f"{name} {rid} {f.tag}: meant to be NFD: {v!r}")
            problems += _check_880(name, r)
            if r.leader[6] != "z" and ILLUSTRATIVE not in [f.value() for f in r.get_fields("500")]:
                problems.append(f"{name} {rid}: no illustrative note")
        print(f"{name:16} {len(recs):3} records", file=sys.stderr)
    return problems


def _check_880(name: str, r: Record) -> list[str]:
    """Every $6 880-NN has exactly one 880 $6 TAG-NN/..., and the other way round."""
    out = []
    rid = r["001"].data
    links, backs = {}, {}
    for f in r.fields:
        if f.is_control_field():
            continue
        for v in f.get_subfields("6"):
            m = re.fullmatch(r"(\d{3})-(\d{2})(?:/(.+?))?(?:/r)?", v)
            if not m:
                out.append(f"{name} {rid} {f.tag}: bad $6 {v!r}")
                continue
            if f.tag == "880":
                backs.setdefault(m[2], []).append((m[1], f))
            elif m[1] == "880":
                links.setdefault(m[2], []).append(f.tag)
    for occ, tags in links.items():
        if len(tags) != 1 or occ not in backs or len(backs[occ]) != 1 or backs[occ][0][0] != tags[0]:
            out.append(f"{name} {rid}: 880 link {occ} does not pair ({tags}, {backs.get(occ)})")
    for occ in backs:
        if occ not in links and occ != "00":
            out.append(f"{name} {rid}: 880 occurrence {occ} has no linked field")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT, help="output directory (default: %(default)s)")
    args = ap.parse_args(argv)
    files = build_all()
    if build_all() != files:
        print("output is not deterministic", file=sys.stderr)
        return 1
    problems = check(files)
    for p in problems:
        print("PROBLEM:", p, file=sys.stderr)
    if problems:
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (args.out / name).write_bytes(data)
    n_bib = len(NLV) + len(VNU) + len(TVHN)
    print(f"wrote {n_bib} bibliographic and {len(AUTHORITIES)} authority records to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
