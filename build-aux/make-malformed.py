#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the malformed-input corpus in tests/data/malformed/.

Every file is something an agency (or a damaged disk, or an attacker) could
send: truncated and mislabelled documents, ZIP and XML bombs, external
entities, broken encodings, impossible dates, damaged case files.
tests/test-malformed.c imports each one into a case that already holds
events and checks that nothing crashes, that a refusal names the file and
leaves the case as it was, and that rows that cannot be read are kept with
a reason.

Standard library only, and deterministic: the same bytes on every run (ZIP
entries carry a fixed time; the SQLite files are written by the sqlite3
module with fixed contents).  Files stay small; the huge cases (cells over
1 MiB, a 5 GB file, thousands of ZIP entries) are made by the test itself in
a temporary directory.

    build-aux/make-malformed.py [OUTPUT_DIR]

MANIFEST lists every file with what the import must do:
  fail              the import is refused (the message names the file)
  rows I R          it succeeds with I events imported and R rows rejected
  any               either, as long as the rules above hold (none used now)
  case              a case file: chrono_store_open() refuses it, both ways
"""

import io
import os
import sqlite3
import struct
import sys
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.normpath(os.path.join(HERE, "..", "tests", "data", "malformed"))

FIXED_TIME = (2011, 8, 2, 12, 0, 0)

SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
WML = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

MANIFEST = []


def expect(name, what):
    MANIFEST.append((name, what))


def write_bytes(name, data, what):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
    expect(name, what)


def zip_bytes(parts, stored=()):
    """parts: list of (name, str|bytes), in order; deterministic."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for part, data in parts:
            if isinstance(data, str):
                data = data.encode("utf-8")
            info = zipfile.ZipInfo(part, FIXED_TIME)
            info.compress_type = zipfile.ZIP_STORED if part in stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()


def write_zip(name, parts, what, stored=()):
    write_bytes(name, zip_bytes(parts, stored), what)


# ---- the pieces of good documents -----------------------------------------

HEADER = ["Date", "Time", "Agency", "Event"]
GOOD_ROWS = [
    ["02/08/2011", "13:30", "Police", "Home visit to Stacey"],
    ["03/08/2011", "", "Health", "GP appointment"],
]
BAD_DATES = ["31/02/2011", "00/00/0000", "99/99/9999", "29/02/2011", "32/01/2011"]


def xml_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def col_name(i):
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def sheet_xml(rows, prolog=XML_DECL):
    """rows: lists of cell texts, written as inline strings."""
    out = [prolog, f'<worksheet xmlns="{SML}"><sheetData>']
    for r, row in enumerate(rows, 1):
        out.append(f'<row r="{r}">')
        for c, text in enumerate(row):
            if text != "":
                out.append(f'<c r="{col_name(c)}{r}" t="inlineStr"><is><t>{text}</t></is></c>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def xlsx_parts(sheet=None, shared=None, workbook=None, rels=None, sheet_name="xl/worksheets/sheet1.xml",
               content_types=None, package_rels=None):
    parts = [
        ("[Content_Types].xml", content_types if content_types is not None else
         XML_DECL + f'<Types xmlns="{CT}">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/'
         'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
         'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        ("_rels/.rels", package_rels if package_rels is not None else
         XML_DECL + f'<Relationships xmlns="{PKG_REL}">'
         f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
         '</Relationships>'),
        ("xl/workbook.xml", workbook if workbook is not None else
         XML_DECL + f'<workbook xmlns="{SML}" xmlns:r="{REL}"><sheets>'
         '<sheet name="Chronology" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels", rels if rels is not None else
         XML_DECL + f'<Relationships xmlns="{PKG_REL}">'
         f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
         + (f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
            if shared is not None else "")
         + '</Relationships>'),
    ]
    if shared is not None:
        parts.append(("xl/sharedStrings.xml", shared))
    if sheet is not False:
        parts.append((sheet_name, sheet if sheet is not None else sheet_xml([HEADER] + GOOD_ROWS)))
    return parts


def ods_content(body_rows, prolog=XML_DECL, table_attrs=""):
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3"')
    return (prolog + f'<office:document-content {ns}><office:body><office:spreadsheet>'
            f'<table:table table:name="Chronology"{table_attrs}>{body_rows}</table:table>'
            '</office:spreadsheet></office:body></office:document-content>')


def ods_row(cells, attrs=""):
    return (f"<table:table-row{attrs}>"
            + "".join(f'<table:table-cell office:value-type="string"><text:p>{c}</text:p>'
                      '</table:table-cell>' for c in cells)
            + "</table:table-row>")


ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"


def ods_parts(content, mimetype=ODS_MIME, with_content=True):
    manifest = (XML_DECL + '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:'
                'xmlns:manifest:1.0" manifest:version="1.3">'
                f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    parts = [("mimetype", mimetype)]
    if with_content:
        parts.append(("content.xml", content))
    parts.append(("META-INF/manifest.xml", manifest))
    return parts


def write_ods(name, content, what, **kw):
    write_zip(name, ods_parts(content, **kw), what, stored=("mimetype",))


def docx_document(body, prolog=XML_DECL):
    return (prolog + f'<w:document xmlns:w="{WML}" xmlns:r="{REL}"><w:body>{body}'
            '</w:body></w:document>')


def w_table(rows, row_props=None):
    out = ["<w:tbl>"]
    for i, row in enumerate(rows):
        props = (row_props or {}).get(i, "")
        out.append("<w:tr>" + props)
        for cell in row:
            out.append(f"<w:tc><w:p><w:r><w:t>{cell}</w:t></w:r></w:p></w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def docx_parts(document, with_document=True):
    parts = [
        ("[Content_Types].xml", XML_DECL + f'<Types xmlns="{CT}">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/word/document.xml" ContentType="application/'
         'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
        ("_rels/.rels", XML_DECL + f'<Relationships xmlns="{PKG_REL}">'
         f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
         '</Relationships>'),
    ]
    if with_document:
        parts.append(("word/document.xml", document))
    return parts


def billion_laughs(root):
    """The classic: ten entities, each ten of the one before (10^9 "lol")."""
    lines = ['<?xml version="1.0"?>\n', f"<!DOCTYPE {root} [\n", ' <!ENTITY lol "lol">\n']
    prev = "lol"
    for i in range(1, 10):
        lines.append(f' <!ENTITY lol{i} "' + f"&{prev};" * 10 + '">\n')
        prev = f"lol{i}"
    lines.append("]>\n")
    return "".join(lines), f"&{prev};"


def xxe(root, system="file:///etc/passwd"):
    return (f'<?xml version="1.0"?>\n<!DOCTYPE {root} [\n <!ENTITY xxe SYSTEM "{system}">\n]>\n',
            "&xxe;")


def xxe_parameter(root):
    return (f'<?xml version="1.0"?>\n<!DOCTYPE {root} [\n'
            ' <!ENTITY % ext SYSTEM "file:///etc/passwd">\n %ext;\n]>\n', "")


# ---- CSV and other text ----------------------------------------------------

def csv_text(rows, sep=","):
    def field(f):
        if any(c in f for c in (sep, '"', "\n", "\r")):
            return '"' + f.replace('"', '""') + '"'
        return f
    return "".join(sep.join(field(f) for f in row) + "\r\n" for row in rows)


def text_files():
    good = csv_text([HEADER] + GOOD_ROWS).encode()

    write_bytes("empty.csv", b"", "fail")
    write_bytes("whitespace-only.csv", b"  \r\n\t\r\n   \n", "fail")
    write_bytes("bom-only.csv", b"\xef\xbb\xbf", "fail")
    write_bytes("utf16le-bom-only.csv", b"\xff\xfe", "fail")
    write_bytes("header-only.csv", csv_text([HEADER]).encode(), "rows 0 0")
    write_bytes("titles-only.csv",
                b"Agency chronology\r\nDomestic Homicide Review: Stacey\r\nPrepared by the review team\r\n",
                "fail")
    write_bytes("no-date-column.csv",
                csv_text([["Agency", "Event"], ["Police", "Home visit"]]).encode(), "fail")
    write_bytes("truncated.csv", good + b'04/08/2011,09:00,Housing,"Tenancy visit, cut o', "fail")
    write_bytes("unterminated-quote.csv",
                good + b'05/08/2011,,Police,"Call about\r\n06/08/2011,,Health,Visit\r\n', "fail")
    write_bytes("nul-bytes.csv", good[:40] + b"\x00\x00\x00" + good[40:], "fail")
    write_bytes("control-characters.csv",
                csv_text([HEADER, ["02/08/2011", "", "Police", "Bell\x07 and escape\x1b[31m"]]).encode(),
                "rows 1 0")
    # UTF-8 and bytes that are not UTF-8 in the first block: the file is
    # read as Windows-1252, as the CSV reader documents.  (A fault after a
    # first block of real UTF-8 is made by the test: it needs 64 KiB.)
    write_bytes("mixed-encoding.csv",
                csv_text([HEADER, ["02/08/2011", "", "Police", "Zoë's visit"]]).encode()
                + b"03/08/2011,,Health,caf\xe9 \xff\xfe\r\n", "rows 2 0")
    write_bytes("invalid-utf8-bom.csv", b"\xef\xbb\xbf" + good + b"04/08/2011,,Police,\xc3\x28\r\n", "fail")
    write_bytes("overlong-utf8.csv", good + b"04/08/2011,,Police,\xc0\xaf\xe0\x80\xaf\r\n", "rows 3 0")
    utf16 = csv_text([HEADER] + GOOD_ROWS).encode("utf-16-le")
    write_bytes("utf16le-lone-high-surrogate.csv",
                b"\xff\xfe" + utf16 + "04/08/2011,,Police,x".encode("utf-16-le") + b"\x00\xd8" +
                "y\r\n".encode("utf-16-le"), "fail")
    write_bytes("utf16be-lone-low-surrogate.csv",
                b"\xfe\xff" + csv_text([HEADER] + GOOD_ROWS).encode("utf-16-be") +
                "04/08/2011,,Police,x".encode("utf-16-be") + b"\xdc\x00" + "\r\n".encode("utf-16-be"),
                "fail")
    write_bytes("utf16le-odd-length.csv", b"\xff\xfe" + utf16 + b"\x41", "fail")
    write_bytes("utf16le-nul.csv", b"\xff\xfe" + utf16 + "04/08/2011,,Police,a\x00b\r\n".encode("utf-16-le"),
                "fail")
    write_bytes("impossible-dates.csv",
                csv_text([HEADER] + GOOD_ROWS + [[d, "", "Police", f"Event dated {d}"] for d in BAD_DATES]
                         + [["02/08/2011", "25:61", "Police", "Impossible time"]]).encode(),
                "rows 2 6")
    write_bytes("too-many-columns.csv",
                csv_text([HEADER, ["02/08/2011", "", "Police", "x"] + [""] * 4100]).encode(), "fail")
    write_bytes("quote-storm.csv", csv_text([HEADER]).encode() + b'"' * 3001 + b"\r\n", "fail")
    write_bytes("mixed-line-endings.csv",
                b"Date,Agency,Event\r02/08/2011,Police,One\n03/08/2011,Health,Two\r\n\n\r"
                b"04/08/2011,Housing,Three", "rows 3 0")
    write_bytes("ragged-rows.csv",
                b"Date,Agency,Event\r\n02/08/2011\r\n03/08/2011,Health,Two,extra,extra,extra\r\n,,\r\n",
                "rows 2 0")
    write_bytes("exchange-bad-values.csv",
                (b"id,date,date_precision,time,end_date,agency,unit,subjects,kind,summary,"
                 b"shared_with,not_shared_with,allocation,risk,source\r\n"
                 b"1,2011-02-31,day,,,Police,,,visit,Bad day,,,,,\r\n"
                 b"2,2011-08,day,,,Police,,,visit,Precision says day,,,,,\r\n"
                 b"3,2011-08-02,sometimes,,,Police,,,visit,Unknown precision,,,,,\r\n"
                 b"4,2011-08-02,day,25:00,,Police,,,visit,Bad time,,,,,\r\n"
                 b"5,2011-08-02,day,,2011-08-01,Police,,,visit,Ends before it starts,,,,,\r\n"
                 b"6,2011-08-02,day,,,,,,visit,No agency,,,,,\r\n"
                 b"7,2011-08-02,day,13:30,,Police,,,visit,Good,,,,,\r\n"), "rows 1 6")
    # Other formats with a .csv name.
    png = (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
    png += struct.pack(">I", zlib.crc32(png[12:29]))
    idat = zlib.compress(b"\x00\xff\x00\x00")
    png += struct.pack(">I", len(idat)) + b"IDAT" + idat + struct.pack(">I", zlib.crc32(b"IDAT" + idat))
    png += struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND"))
    write_bytes("png-renamed.csv", png, "fail")
    write_bytes("pdf-renamed.csv", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n", "fail")
    write_bytes("xls-renamed.csv", bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504), "fail")
    write_bytes("zip-renamed.csv", zip_bytes([("readme.txt", "not a chronology")]), "fail")
    junk = bytearray()
    x = 12345
    for _ in range(4096):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        junk.append((x >> 16) & 0xFF)
    write_bytes("random-bytes.csv", bytes(junk), "fail")


# ---- XLSX ------------------------------------------------------------------

def xlsx_files():
    good = zip_bytes(xlsx_parts())
    write_bytes("truncated-half.xlsx", good[:len(good) // 2], "fail")
    write_bytes("truncated-central-directory.xlsx", good[:-10], "fail")
    write_bytes("wrong-magic.xlsx", b"PK\x07\x08" + good[4:], "fail")
    write_bytes("empty-archive.xlsx", b"PK\x05\x06" + bytes(18), "fail")
    write_zip("missing-sheet.xlsx", xlsx_parts(sheet=False), "fail")
    write_zip("missing-workbook.xlsx", [p for p in xlsx_parts() if p[0] != "xl/workbook.xml"], "fail")
    write_zip("no-sheets.xlsx", xlsx_parts(
        workbook=XML_DECL + f'<workbook xmlns="{SML}"><sheets/></workbook>'), "fail")
    write_zip("broken-shared-strings.xlsx", xlsx_parts(
        shared=XML_DECL + f'<sst xmlns="{SML}"><si><t>Date</t></si><si><t>Home vis',
        sheet=XML_DECL + f'<worksheet xmlns="{SML}"><sheetData><row r="1">'
        '<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row></sheetData></worksheet>'),
        "fail")
    write_zip("shared-string-out-of-range.xlsx", xlsx_parts(
        shared=XML_DECL + f'<sst xmlns="{SML}"><si><t>Date</t></si><si><t>Event</t></si></sst>',
        sheet=XML_DECL + f'<worksheet xmlns="{SML}"><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>02/08/2011</t></is></c><c r="B2" t="s"><v>99999</v></c></row>'
        '<row r="3"><c r="A3" t="inlineStr"><is><t>03/08/2011</t></is></c><c r="B3" t="s"><v>-1</v></c></row>'
        '<row r="4"><c r="A4" t="inlineStr"><is><t>04/08/2011</t></is></c><c r="B4" t="s"><v>1e300</v></c></row>'
        '</sheetData></worksheet>'), "fail")
    write_zip("bad-relationships.xlsx", xlsx_parts(
        rels=XML_DECL + f'<Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="../../../../../../etc/passwd"/>'
        f'<Relationship Id="rId2" Type="{REL}/worksheet" Target="/etc/passwd" TargetMode="External"/>'
        '</Relationships>'), "fail")
    write_zip("huge-cell-references.xlsx", xlsx_parts(
        sheet=XML_DECL + f'<worksheet xmlns="{SML}"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Date</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>Event</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>02/08/2011</t></is></c>'
        '<c r="XFD2" t="inlineStr"><is><t>far right</t></is></c>'
        '<c r="ZZZZZ2" t="inlineStr"><is><t>past the grid</t></is></c></row>'
        '<row r="99999999999"><c r="A99999999999" t="inlineStr"><is><t>03/08/2011</t></is></c></row>'
        '<row r="-4"><c r="B-4" t="inlineStr"><is><t>negative</t></is></c></row>'
        '</sheetData></worksheet>'), "fail")
    write_zip("bad-serial-dates.xlsx", xlsx_parts(
        sheet=XML_DECL + f'<worksheet xmlns="{SML}"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Date</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>Event</t></is></c></row>'
        + "".join(f'<row r="{i}"><c r="A{i}" s="1"><v>{v}</v></c>'
                  f'<c r="B{i}" t="inlineStr"><is><t>serial {v}</t></is></c></row>'
                  for i, v in enumerate(["-1", "0", "60", "1e308", "NaN", "inf", "2958466", "abc", ""], 2))
        + '</sheetData></worksheet>') + [
        ("xl/styles.xml", XML_DECL + f'<styleSheet xmlns="{SML}"><cellXfs count="2">'
         '<xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>')],
        "rows 0 9")
    write_zip("impossible-dates.xlsx", xlsx_parts(
        sheet=sheet_xml([HEADER] + GOOD_ROWS + [[d, "", "Police", f"Event dated {d}"] for d in BAD_DATES])),
        "rows 2 5")
    write_zip("header-only.xlsx", xlsx_parts(sheet=sheet_xml([HEADER])), "rows 0 0")
    write_zip("titles-only.xlsx", xlsx_parts(sheet=sheet_xml([["Agency chronology"], ["Review of Stacey"]])),
              "fail")

    # Entity attacks, in each part the reader opens.
    dtd, ref = billion_laughs("worksheet")
    write_zip("billion-laughs-sheet.xlsx", xlsx_parts(
        sheet=sheet_xml([HEADER, ["02/08/2011", "", "Police", ref]], prolog=dtd)), "fail")
    dtd, ref = billion_laughs("sst")
    write_zip("billion-laughs-shared-strings.xlsx", xlsx_parts(
        shared=dtd + f'<sst xmlns="{SML}"><si><t>{ref}</t></si></sst>'), "fail")
    dtd, ref = billion_laughs("workbook")
    write_zip("billion-laughs-workbook.xlsx", xlsx_parts(
        workbook=dtd + f'<workbook xmlns="{SML}" xmlns:r="{REL}"><sheets>'
        f'<sheet name="{ref}" sheetId="1" r:id="rId1"/></sheets></workbook>'), "fail")
    dtd, ref = billion_laughs("Relationships")
    write_zip("billion-laughs-rels.xlsx", xlsx_parts(
        package_rels=dtd + f'<Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml{ref}"/>'
        '</Relationships>'), "fail")
    dtd, ref = xxe("worksheet")
    write_zip("xxe-sheet.xlsx", xlsx_parts(
        sheet=sheet_xml([HEADER, ["02/08/2011", "", "Police", ref]], prolog=dtd)), "fail")
    dtd, ref = xxe("sst")
    write_zip("xxe-shared-strings.xlsx", xlsx_parts(
        shared=dtd + f'<sst xmlns="{SML}"><si><t>{ref}</t></si></sst>'), "fail")
    dtd, ref = xxe_parameter("worksheet")
    write_zip("xxe-parameter-entity.xlsx", xlsx_parts(
        sheet=sheet_xml([HEADER, ["02/08/2011", "", "Police", "x"]], prolog=dtd)), "fail")
    dtd, ref = xxe("worksheet", "http://127.0.0.1:9/chronology")
    write_zip("xxe-network.xlsx", xlsx_parts(
        sheet=sheet_xml([HEADER, ["02/08/2011", "", "Police", ref]], prolog=dtd)), "fail")
    write_zip("internal-dtd.xlsx", xlsx_parts(
        sheet=sheet_xml([HEADER] + GOOD_ROWS, prolog=XML_DECL + "<!DOCTYPE worksheet>\n")), "fail")

    # A ZIP inside the ZIP, three deep, where the sheet should be.
    inner = zip_bytes(xlsx_parts())
    for _ in range(2):
        inner = zip_bytes([("xl/worksheets/sheet1.xml", inner)], stored=("xl/worksheets/sheet1.xml",))
    write_zip("recursive-zip.xlsx", xlsx_parts(sheet=inner), "fail",
              stored=("xl/worksheets/sheet1.xml",))
    # A sheet of 16 MiB that deflates about a thousand to one.
    bomb = (XML_DECL + f'<worksheet xmlns="{SML}"><sheetData>').encode() + b" " * (16 << 20) \
        + b"</sheetData></worksheet>"
    write_zip("zip-bomb-ratio.xlsx", xlsx_parts(sheet=bomb), "fail")
    # A member whose headers say 100 bytes but that inflates to 1 MiB.
    data = bytearray(zip_bytes(xlsx_parts(sheet=(XML_DECL + f'<worksheet xmlns="{SML}"><sheetData>').encode()
                                          + b" " * (1 << 20) + b"</sheetData></worksheet>")))
    patch_sizes(data, b"xl/worksheets/sheet1.xml", 100)
    write_bytes("lying-size.xlsx", bytes(data), "fail")
    # Markup nested far deeper than any sheet (libxml2 stops at 256 levels).
    write_zip("deep-nesting.xlsx", xlsx_parts(
        sheet=XML_DECL + f'<worksheet xmlns="{SML}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is>'
        + "<r>" * 5000 + "<t>deep</t>" + "</r>" * 5000 + "</is></c></row></sheetData></worksheet>"),
        "fail")
    write_zip("invalid-utf8-xml.xlsx", xlsx_parts(
        sheet=sheet_xml([HEADER, ["02/08/2011", "", "Police", "caf"]]).encode().replace(b"caf", b"caf\xe9\xff")),
        "fail")
    write_zip("utf16-bad-surrogate-xml.xlsx", xlsx_parts(
        sheet=sheet_xml([HEADER, ["02/08/2011", "", "Police", "visit"]],
                        prolog='<?xml version="1.0" encoding="UTF-16"?>').encode("utf-16-le")
        .replace("visit".encode("utf-16-le"), b"\x00\xd8v\x00"),
        sheet_name="xl/worksheets/sheet1.xml"), "fail")
    # Encrypted Office files are OLE containers, whatever they are called.
    write_bytes("encrypted.xlsx", bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(1016),
                "fail")
    write_bytes("docx-renamed.xlsx", zip_bytes(docx_parts(docx_document(w_table([HEADER] + GOOD_ROWS)))),
                "rows 2 0")


def patch_sizes(data, name, size):
    """Makes the local and central headers of member @name claim @size bytes."""
    for magic, size_at, nlen_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        pos = 0
        while (pos := data.find(magic, pos)) >= 0:
            nlen = struct.unpack_from("<H", data, pos + nlen_at)[0]
            if data[pos + name_at:pos + name_at + nlen] == name:
                struct.pack_into("<I", data, pos + size_at, size)
            pos += 4


# ---- ODS -------------------------------------------------------------------

def ods_files():
    good_rows = "".join(ods_row(r) for r in [HEADER] + GOOD_ROWS)
    good = zip_bytes(ods_parts(ods_content(good_rows)), stored=("mimetype",))
    write_bytes("truncated.ods", good[:len(good) * 2 // 3], "fail")
    # Every cell of the grid, with text: 16384 columns by a million rows.
    write_ods("huge-repeat.ods", ods_content(
        ods_row(HEADER)
        + '<table:table-row table:number-rows-repeated="1048575">'
          '<table:table-cell table:number-columns-repeated="16384" office:value-type="string">'
          '<text:p>02/08/2011</text:p></table:table-cell></table:table-row>'), "fail")
    # Repeat counts past every integer type, negative, zero and not numbers.
    write_ods("repeat-overflow.ods", ods_content(
        ods_row(HEADER)
        + '<table:table-row table:number-rows-repeated="18446744073709551617">'
          '<table:table-cell table:number-columns-repeated="-5" office:value-type="string">'
          '<text:p>02/08/2011</text:p></table:table-cell></table:table-row>'
        + '<table:table-row table:number-rows-repeated="0">'
          '<table:table-cell table:number-columns-repeated="4294967296"><text:p>x</text:p>'
          '</table:table-cell></table:table-row>'
        + '<table:table-row table:number-rows-repeated="2147483648">'
          '<table:table-cell table:number-columns-repeated="1e9"/></table:table-row>'), "rows 1 1")
    write_ods("huge-spaces.ods", ods_content(
        ods_row(HEADER)
        + '<table:table-row><table:table-cell office:value-type="string"><text:p>02/08/2011'
          '<text:s text:c="999999999"/></text:p></table:table-cell></table:table-row>'), "rows 1 0")
    dtd, ref = billion_laughs("office:document-content")
    write_ods("billion-laughs.ods", ods_content(good_rows + ods_row(["02/08/2011", "", "Police", ref]),
                                                prolog=dtd), "fail")
    dtd, ref = xxe("office:document-content")
    write_ods("xxe.ods", ods_content(good_rows + ods_row(["02/08/2011", "", "Police", ref]), prolog=dtd),
              "fail")
    write_ods("no-content.ods", "", "fail", with_content=False)
    write_ods("empty-mimetype.ods", ods_content(good_rows), "fail", mimetype="")
    write_ods("odt-renamed.ods", ods_content(good_rows), "fail",
              mimetype="application/vnd.oasis.opendocument.text")
    write_ods("broken-xml.ods", ods_content(good_rows)[:-60], "fail")
    write_ods("header-only.ods", ods_content(ods_row(HEADER)), "rows 0 0")
    write_ods("impossible-dates.ods", ods_content(
        good_rows + "".join(ods_row([d, "", "Police", f"Event dated {d}"]) for d in BAD_DATES)), "rows 2 5")
    write_ods("bad-typed-values.ods", ods_content(
        ods_row(HEADER)
        + '<table:table-row><table:table-cell office:value-type="date" office:date-value="2011-02-31"/>'
          '<table:table-cell office:value-type="time" office:time-value="PT99H99M"/>'
          '<table:table-cell office:value-type="float" office:value="nan"/>'
          '<table:table-cell office:value-type="string"><text:p>bad date value</text:p></table:table-cell>'
          '</table:table-row>'
        + '<table:table-row><table:table-cell office:value-type="date" office:date-value="banana"/>'
          '<table:table-cell office:value-type="time" office:time-value=""/>'
          '<table:table-cell office:value-type="boolean" office:boolean-value="maybe"/>'
          '<table:table-cell office:value-type="string"><text:p>garbage values</text:p></table:table-cell>'
          '</table:table-row>'), "rows 0 2")


# ---- DOCX ------------------------------------------------------------------

def docx_files():
    good = zip_bytes(docx_parts(docx_document(w_table([HEADER] + GOOD_ROWS))))
    write_bytes("truncated.docx", good[:len(good) // 2], "fail")
    write_zip("no-table.docx", docx_parts(docx_document(
        "<w:p><w:r><w:t>This chronology was pasted as text, not a table.</w:t></w:r></w:p>")), "fail")
    write_zip("missing-document.docx", docx_parts("", with_document=False), "fail")
    dtd, ref = billion_laughs("w:document")
    write_zip("billion-laughs.docx", docx_parts(docx_document(
        w_table([HEADER, ["02/08/2011", "", "Police", ref]]), prolog=dtd)), "fail")
    dtd, ref = xxe("w:document")
    write_zip("xxe.docx", docx_parts(docx_document(
        w_table([HEADER, ["02/08/2011", "", "Police", ref]]), prolog=dtd)), "fail")
    write_zip("huge-grid-span.docx", docx_parts(docx_document(
        w_table([HEADER, ["02/08/2011", "", "Police", "Visit"]],
                row_props={1: '<w:trPr><w:gridBefore w:val="99999999"/></w:trPr>'})
        .replace("<w:tc><w:p><w:r><w:t>Visit",
                 '<w:tc><w:tcPr><w:gridSpan w:val="4294967295"/></w:tcPr><w:p><w:r><w:t>Visit'))), "rows 1 0")
    nested = "x"
    for _ in range(200):
        nested = f"<w:tbl><w:tr><w:tc><w:p/>{nested}<w:p/></w:tc></w:tr></w:tbl>"
    write_zip("deep-nested-tables.docx", docx_parts(docx_document(
        w_table([HEADER]) + nested)), "fail")
    write_zip("impossible-dates.docx", docx_parts(docx_document(
        w_table([HEADER] + GOOD_ROWS + [[d, "", "Police", f"Event dated {d}"] for d in BAD_DATES]))),
        "rows 2 5")
    write_zip("header-only.docx", docx_parts(docx_document(w_table([HEADER]))), "rows 0 0")
    write_zip("broken-xml.docx", docx_parts(docx_document(w_table([HEADER] + GOOD_ROWS))[:-40]), "fail")


# ---- case files --------------------------------------------------------------

APP_ID = 0x4348524E


def sqlite_file(name, app_id, user_version, tables=True, page_size=1024, journal="DELETE"):
    path = os.path.join(OUT, name)
    if os.path.exists(path):
        os.unlink(path)
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA page_size = {page_size}")
    db.execute(f"PRAGMA journal_mode = {journal}")
    if tables:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("CREATE TABLE agency (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)")
        db.execute("CREATE TABLE event (id INTEGER PRIMARY KEY, agency_id INTEGER, summary TEXT)")
        db.executemany("INSERT INTO agency (name) VALUES (?)", [("Police",), ("Health",)])
        db.executemany("INSERT INTO event (agency_id, summary) VALUES (?, ?)",
                       [(1 + i % 2, f"Event {i} " + "x" * 200) for i in range(40)])
    db.execute(f"PRAGMA application_id = {app_id}")
    db.execute(f"PRAGMA user_version = {user_version}")
    db.commit()
    db.close()
    with open(path, "rb") as f:
        data = f.read()
    return path, data


def case_files():
    # A good header, then damage.
    path, data = sqlite_file("bad-header.chronoscope", APP_ID, 1)
    with open(path, "wb") as f:
        f.write(b"SQLite format 2\x00" + data[16:])
    expect("bad-header.chronoscope", "case")

    path, data = sqlite_file("bad-page-size.chronoscope", APP_ID, 1)
    with open(path, "wb") as f:
        f.write(data[:16] + b"\x00\x07" + data[18:])
    expect("bad-page-size.chronoscope", "case")

    sqlite_file("user-version-999.chronoscope", APP_ID, 999)
    expect("user-version-999.chronoscope", "case")
    sqlite_file("user-version-0.chronoscope", APP_ID, 0)
    expect("user-version-0.chronoscope", "case")
    sqlite_file("other-database.chronoscope", 0, 1)
    expect("other-database.chronoscope", "case")
    sqlite_file("schema-missing.chronoscope", APP_ID, 1, tables=False)
    expect("schema-missing.chronoscope", "case")
    # The same, left in write-ahead-log mode (header bytes 18 and 19).
    sqlite_file("schema-missing-wal.chronoscope", APP_ID, 1, tables=False, journal="WAL")
    expect("schema-missing-wal.chronoscope", "case")

    path, data = sqlite_file("truncated.chronoscope", APP_ID, 1)
    with open(path, "wb") as f:
        f.write(data[:len(data) // 2])
    expect("truncated.chronoscope", "case")

    path, data = sqlite_file("truncated-header.chronoscope", APP_ID, 1)
    with open(path, "wb") as f:
        f.write(data[:100])
    expect("truncated-header.chronoscope", "case")

    path, data = sqlite_file("damaged-page.chronoscope", APP_ID, 1)
    damaged = bytearray(data)
    page = 1024
    for i in range(2 * page + 8, 2 * page + 200):
        damaged[i] = 0xA5
    with open(path, "wb") as f:
        f.write(bytes(damaged))
    expect("damaged-page.chronoscope", "case")

    write_bytes("text.chronoscope", b"This is not a case file.\n", "case")
    write_bytes("empty.chronoscope", b"", "case")
    write_bytes("zip.chronoscope", zip_bytes([("readme.txt", "not a case")]), "case")


def main():
    os.makedirs(OUT, exist_ok=True)
    text_files()
    xlsx_files()
    ods_files()
    docx_files()
    case_files()
    with open(os.path.join(OUT, "MANIFEST"), "w") as f:
        f.write("# SPDX-License-Identifier: GPL-3.0-or-later\n"
                "# Written by build-aux/make-malformed.py: FILE EXPECTATION (see there).\n")
        for name, what in sorted(MANIFEST):
            f.write(f"{name} {what}\n")
    total = sum(os.path.getsize(os.path.join(OUT, n)) for n, _ in MANIFEST)
    print(f"make-malformed: {len(MANIFEST)} files, {total} bytes in {OUT}")


if __name__ == "__main__":
    main()
