#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the hand-made office fixtures in tests/data/office/.

Standard library only (zipfile), so every byte of every fixture is decided
here.  Run it from anywhere; the outputs are kept in the repository:

    build-aux/make-office-fixtures.py [OUTPUT_DIR]

tests/test-office.c asserts on the exact cells these files hold; change both
together.
"""

import datetime
import os
import struct
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "tests", "data", "office")

FIXED_TIME = (2011, 8, 2, 12, 0, 0)

SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SML_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
WML = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"

XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def write_zip(name, parts, stored=()):
    """parts: list of (name, str|bytes); written in order, deterministic."""
    path = os.path.join(OUT, name)
    with zipfile.ZipFile(path, "w") as z:
        for part, data in parts:
            if isinstance(data, str):
                data = data.encode("utf-8")
            info = zipfile.ZipInfo(part, FIXED_TIME)
            info.compress_type = zipfile.ZIP_STORED if part in stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return path


def write_bytes(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def zip_bytes(parts):
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for part, data in parts:
            info = zipfile.ZipInfo(part, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def patch_uncompressed_size(path, part, size):
    """Makes the local and central headers of @part claim @size bytes."""
    data = bytearray(open(path, "rb").read())
    name = part.encode()
    patched = 0
    # local file headers: PK\3\4, size at +22, name length at +26, name at +30
    pos = 0
    while True:
        pos = data.find(b"PK\x03\x04", pos)
        if pos < 0:
            break
        nlen = struct.unpack_from("<H", data, pos + 26)[0]
        if data[pos + 30:pos + 30 + nlen] == name:
            struct.pack_into("<I", data, pos + 22, size)
            patched += 1
        pos += 4
    # central directory headers: PK\1\2, size at +24, name length at +28, name at +46
    pos = 0
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        if pos < 0:
            break
        nlen = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46:pos + 46 + nlen] == name:
            struct.pack_into("<I", data, pos + 24, size)
            patched += 1
        pos += 4
    assert patched == 2, (path, part, patched)
    open(path, "wb").write(bytes(data))


# ---- XLSX ---------------------------------------------------------------

def xlsx_content_types(sheets, shared=True):
    over = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        f'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, sheets + 1))
    if shared:
        over += ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                 'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
    return (XML_DECL + f'<Types xmlns="{CT}">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f'{over}</Types>')


def package_rels(target="xl/workbook.xml", rel_ns=REL):
    return (XML_DECL + f'<Relationships xmlns="{PKG_REL}">'
            f'<Relationship Id="rId1" Type="{rel_ns}/officeDocument" Target="{target}"/>'
            '</Relationships>')


def serial_1904(y, m, d, hh=0, mm=0):
    days = (datetime.date(y, m, d) - datetime.date(1904, 1, 1)).days
    return days + (hh * 60 + mm) / 1440


def si(text):
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<si><t{space}>{text}</t></si>"


GUIDANCE_STRINGS = [
    "How to fill in the chronology",                 # 0
    "Column",                                        # 1
    "What to enter",                                 # 2
    "Date",                                          # 3
    "The date of the event, as DD/MM/YYYY",          # 4
    "Event",                                         # 5
    "What happened, in a sentence or two",           # 6
    "Agency",                                        # 7
    "Your agency's name",                            # 8
    "Please do not change the column order.",        # 9
    "Multi-agency chronology: Test case",            # 10
    "Time",                                          # 11
    "End date",                                      # 12
    "Outcome",                                       # 13
]


def chronology_shared_strings():
    items = [si(s) for s in GUIDANCE_STRINGS]
    # 14: rich text runs, with a phonetic run that is not part of the text
    items.append('<si><r><t xml:space="preserve">Home visit: </t></r>'
                 '<r><rPr><b/><sz val="11"/></rPr><t>no answer</t></r>'
                 '<rPh sb="0" eb="4"><t>ホーム</t></rPh></si>')
    items.append(si("Line one_x000D_\nLine two"))     # 15: CR written as _x000D_
    items.append(si("around August 2011"))             # 16
    items.append(si("Telephone call to school"))       # 17
    items.append("<si><t/></si>")                      # 18: empty
    return (XML_DECL + f'<sst xmlns="{SML}" count="{len(items)}" uniqueCount="{len(items)}">'
            + "".join(items) + "</sst>")


def chronology_styles():
    return (XML_DECL + f'<styleSheet xmlns="{SML}">'
            '<numFmts count="4">'
            '<numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/>'
            '<numFmt numFmtId="165" formatCode="[$-809]dd\\ mmmm\\ yyyy;@"/>'
            '<numFmt numFmtId="166" formatCode="[h]:mm"/>'
            '<numFmt numFmtId="167" formatCode="0.0\\ &quot;days&quot;"/>'
            '</numFmts>'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders>'
            # a date style here must not shift the cellXfs indexes
            '<cellStyleXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellStyleXfs>'
            '<cellXfs count="7">'
            '<xf numFmtId="0" xfId="0"/>'                              # 0 general
            '<xf numFmtId="14" xfId="0" applyNumberFormat="1"/>'       # 1 date
            '<xf numFmtId="20" xfId="0" applyNumberFormat="1"/>'       # 2 h:mm
            '<xf numFmtId="164" xfId="0" applyNumberFormat="1"/>'      # 3 date time
            '<xf numFmtId="165" xfId="0" applyNumberFormat="1"/>'      # 4 long date
            '<xf numFmtId="166" xfId="0" applyNumberFormat="1"/>'      # 5 elapsed
            '<xf numFmtId="167" xfId="0" applyNumberFormat="1"/>'      # 6 "days"
            '</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            '</styleSheet>')


def sheet_xml(rows, extra=""):
    return (XML_DECL + f'<worksheet xmlns="{SML}" xmlns:r="{REL}">'
            '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/>'
            f'<sheetData>{"".join(rows)}</sheetData>{extra}'
            '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
            '</worksheet>')


def s(ref, index, style=None):
    st = f' s="{style}"' if style is not None else ""
    return f'<c r="{ref}"{st} t="s"><v>{index}</v></c>'


def n(ref, value, style=None):
    st = f' s="{style}"' if style is not None else ""
    return f'<c r="{ref}"{st}><v>{value!r}</v></c>' if isinstance(value, float) else \
        f'<c r="{ref}"{st}><v>{value}</v></c>'


def guidance_sheet():
    return sheet_xml([
        f'<row r="1">{s("A1", 0)}</row>',
        f'<row r="3">{s("A3", 1)}{s("B3", 2)}</row>',
        f'<row r="4">{s("A4", 3)}{s("B4", 4)}</row>',
        f'<row r="5">{s("A5", 5)}{s("B5", 6)}</row>',
        f'<row r="6">{s("A6", 7)}{s("B6", 8)}</row>',
        f'<row r="8">{s("A8", 9)}</row>',
    ])


def chronology_sheet():
    rows = [
        # a title merged across A1:F1, and an inline string under it
        f'<row r="1" spans="1:6">{s("A1", 10)}<c r="B1"/><c r="C1"/><c r="D1"/><c r="E1"/><c r="F1"/></row>',
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Agency: Test Agency</t></is></c></row>',
        # the header, in shared strings
        f'<row r="4">{s("A4", 3)}{s("B4", 11)}{s("C4", 12)}{s("D4", 7)}{s("E4", 5)}{s("F4", 13)}</row>',
        # 1904 dates, a time, rich text, a boolean
        '<row r="5">' + n("A5", serial_1904(2011, 8, 2), 1) + n("B5", 0.5625, 2)
        + '<c r="D5" t="inlineStr"><is><t>Probation</t></is></c>' + s("E5", 14)
        + '<c r="F5" t="b"><v>1</v></c></row>',
        # a date with a time, a custom long-date format, _x000D_, a formula's text
        '<row r="6">' + n("A6", serial_1904(2011, 8, 3, 9, 15), 3)
        + n("C6", serial_1904(2011, 8, 10), 4) + s("E6", 15)
        + '<c r="F6" t="str"><f>"Shared"&amp;" with police"</f><v>Shared with police</v></c></row>',
        # row 7 missing; a sparse row: A and F only, F an error value
        f'<row r="8">{s("A8", 16)}<c r="F8" t="e"><f>NA()</f><v>#N/A</v></c></row>',
        # cells with no r attribute: positions follow one another
        '<row r="9"><c s="1"><v>' + repr(float(serial_1904(2011, 9, 1))) + '</v></c>'
        '<c s="2"/><c t="s"><v>17</v></c></row>',
        # numbers: day 0 of 1904, integers, floats, elapsed time, quoted "d"
        '<row r="10">' + n("A10", 0, 1) + n("D10", 42) + n("E10", 3.5)
        + '<c r="F10"><v>0.30000000000000004</v></c>' + n("G10", 1.5, 5) + n("H10", 7, 6) + '</row>',
        # only formatting: skipped
        '<row r="11"><c r="A11" s="1"/><c r="B11" t="s"><v>18</v></c></row>',
        # inline rich text
        '<row r="12"><c r="B12" t="inlineStr"><is><r><t xml:space="preserve">rich </t></r>'
        '<r><rPr><i/></rPr><t>inline</t></r></is></c></row>',
    ]
    return sheet_xml(rows, '<mergeCells count="1"><mergeCell ref="A1:F1"/></mergeCells>')


def chronology_workbook(date1904=True):
    pr = '<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>"
    return (XML_DECL + f'<workbook xmlns="{SML}" xmlns:r="{REL}">'
            f'<fileVersion appName="xl"/>{pr}'
            '<bookViews><workbookView activeTab="0"/></bookViews>'
            '<sheets><sheet name="Guidance" sheetId="1" r:id="rId1"/>'
            '<sheet name="Chronology" sheetId="2" r:id="rId2"/></sheets>'
            '<calcPr calcId="191029"/></workbook>')


def chronology_workbook_rels():
    return (XML_DECL + f'<Relationships xmlns="{PKG_REL}">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{REL}/worksheet" Target="worksheets/sheet2.xml"/>'
            f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId4" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
            '</Relationships>')


def chronology_xlsx_parts(shared=None, sheet2=None):
    return [
        ("[Content_Types].xml", xlsx_content_types(2)),
        ("_rels/.rels", package_rels()),
        ("xl/workbook.xml", chronology_workbook()),
        ("xl/_rels/workbook.xml.rels", chronology_workbook_rels()),
        ("xl/styles.xml", chronology_styles()),
        ("xl/sharedStrings.xml", shared if shared is not None else chronology_shared_strings()),
        ("xl/worksheets/sheet1.xml", guidance_sheet()),
        ("xl/worksheets/sheet2.xml", sheet2 if sheet2 is not None else chronology_sheet()),
    ]


def serials_xlsx():
    """Strict OOXML with an x: prefix; 1900 dates; a hidden sheet."""
    x = SML_STRICT

    def c(ref, v, style=None, t=None):
        st = f' s="{style}"' if style is not None else ""
        tt = f' t="{t}"' if t is not None else ""
        return f'<x:c r="{ref}"{st}{tt}><x:v>{v}</x:v></x:c>'

    values = [
        (1, 1), (59, 1), (60, 1), (61, 1),          # 1900-01-01, 02-28, phantom 02-29, 03-01
        ("40757.5625", 2),                           # m/d/yyyy h:mm -> 2011-08-02 13:30
        ("0.5625", 1),                               # a time in a date format
        ("40757.999999999", 1),                      # rounds to the next day
        (2958465, 1), (2958466, 1), (-1, 1),         # 9999-12-31, then out of range
        ("12345678901234567890", 0), ("1E-7", 0), ("0.1", 0),
        ("0.999999", 3),                             # h:mm:ss, rounds to 00:00
    ]
    rows = [f'<x:row r="{i}">{c(f"A{i}", v, st)}</x:row>' for i, (v, st) in enumerate(values, 1)]
    rows.append(f'<x:row r="{len(values) + 1}">{c(f"A{len(values) + 1}", "2011-08-02T13:30:00", t="d")}</x:row>')
    serials = (XML_DECL + f'<x:worksheet xmlns:x="{x}"><x:sheetData>' + "".join(rows)
               + '</x:sheetData></x:worksheet>')
    lists = (XML_DECL + f'<x:worksheet xmlns:x="{x}"><x:sheetData>'
             + "".join(f'<x:row r="{i}"><x:c r="A{i}" t="inlineStr"><x:is><x:t>2011-0{i}-01</x:t>'
                       f'</x:is></x:c><x:c r="B{i}" t="inlineStr"><x:is><x:t>Date event</x:t></x:is>'
                       '</x:c></x:row>' for i in range(1, 10))
             + '</x:sheetData></x:worksheet>')
    styles = (XML_DECL + f'<x:styleSheet xmlns:x="{x}"><x:cellXfs count="4">'
              '<x:xf numFmtId="0"/><x:xf numFmtId="14"/><x:xf numFmtId="22"/><x:xf numFmtId="21"/>'
              '</x:cellXfs></x:styleSheet>')
    workbook = (XML_DECL + f'<x:workbook xmlns:x="{x}" xmlns:r="{REL_STRICT}">'
                '<x:workbookPr date1904="false"/><x:sheets>'
                '<x:sheet name="Lists" sheetId="1" state="hidden" r:id="rIdA"/>'
                '<x:sheet name="Serials" sheetId="2" r:id="rIdB"/>'
                '<x:sheet name="Chart" sheetId="3" r:id="rIdC"/>'
                '</x:sheets></x:workbook>')
    rels = (XML_DECL + f'<Relationships xmlns="{PKG_REL}">'
            f'<Relationship Id="rIdA" Type="{REL_STRICT}/worksheet" Target="/xl/worksheets/sheet1.xml"/>'
            f'<Relationship Id="rIdB" Type="{REL_STRICT}/worksheet" Target="worksheets/../worksheets/sheet2.xml"/>'
            f'<Relationship Id="rIdC" Type="{REL_STRICT}/chartsheet" Target="chartsheets/sheet1.xml"/>'
            f'<Relationship Id="rIdS" Type="{REL_STRICT}/styles" Target="styles.xml"/>'
            '</Relationships>')
    write_zip("serials-1900.xlsx", [
        ("[Content_Types].xml", xlsx_content_types(2, shared=False)),
        ("_rels/.rels", package_rels(rel_ns=REL_STRICT)),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", rels),
        ("xl/styles.xml", styles),
        ("xl/worksheets/sheet1.xml", lists),
        ("xl/worksheets/sheet2.xml", serials),
        ("xl/chartsheets/sheet1.xml", XML_DECL + f'<x:chartsheet xmlns:x="{x}"/>'),
    ])


BILLION_LAUGHS_DTD = (
    '<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
              for i in range(1, 10))
    + ']>\n')


def bad_xlsx():
    # a workbook whose shared strings stop half way through an element
    shared = chronology_shared_strings().encode()
    write_zip("bad-shared-strings.xlsx", chronology_xlsx_parts(shared=shared[:len(shared) // 2]))
    # ... or are not text at all
    garbage = bytes((i * 151 + 7) % 256 for i in range(600))
    write_zip("garbled-shared-strings.xlsx", chronology_xlsx_parts(shared=garbage))
    # entity expansion in the sheet
    laughs = ('<?xml version="1.0"?>\n' + BILLION_LAUGHS_DTD
              + f'<worksheet xmlns="{SML}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
              '<is><t>&lol9;</t></is></c></row></sheetData></worksheet>')
    parts = chronology_xlsx_parts(sheet2=laughs)
    parts[6] = ("xl/worksheets/sheet1.xml", laughs)
    write_zip("billion-laughs.xlsx", parts)
    # a sheet that is itself a ZIP archive (of the workbook itself)
    inner = zip_bytes([("xl/worksheets/sheet1.xml", chronology_sheet()),
                       ("more.zip", zip_bytes([("deeper.xml", "<a/>")]))])
    parts = chronology_xlsx_parts(sheet2=inner)
    parts[6] = ("xl/worksheets/sheet1.xml", inner)
    write_zip("nested-zip.xlsx", parts)
    # headers saying a sheet unpacks to 2 GiB, or to 200 MB from a few bytes
    path = write_zip("huge-part.xlsx", chronology_xlsx_parts())
    patch_uncompressed_size(path, "xl/worksheets/sheet2.xml", 2 * 1024 ** 3)
    path = write_zip("bomb-ratio.xlsx", chronology_xlsx_parts())
    patch_uncompressed_size(path, "xl/worksheets/sheet1.xml", 200 * 1024 ** 2)
    patch_uncompressed_size(path, "xl/worksheets/sheet2.xml", 200 * 1024 ** 2)
    # a download cut short
    data = open(os.path.join(OUT, "chronology.xlsx"), "rb").read()
    write_bytes("truncated.xlsx", data[:len(data) * 3 // 5])
    # a ZIP that is no office document
    write_zip("not-office.zip", [("readme.txt", "Minutes of the panel meeting.\n"),
                                 ("data/events.csv", "date,event\n2011-08-02,Visit\n")])
    # not ZIP archives
    write_bytes("not-a-zip.xlsx", b"Date,Event\n02/08/2011,Home visit\n")
    write_bytes("empty.xlsx", b"")
    write_bytes("legacy.xls", bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504))


# ---- ODS ----------------------------------------------------------------

ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'office:version="1.3"')


def ods_manifest(mimetype):
    return (XML_DECL + '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
            f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            '</manifest:manifest>')


def tc(text=None, attrs="", paras=None):
    if paras is None:
        paras = [] if text is None else [text]
    body = "".join(f"<text:p>{p}</text:p>" for p in paras)
    if not body:
        return f"<table:table-cell{attrs}/>"
    return f"<table:table-cell{attrs}>{body}</table:table-cell>"


def chronology_ods():
    string = ' office:value-type="string"'
    notes = ('<table:table table:name="Notes"><table:table-column/>'
             f'<table:table-row>{tc("How to use this workbook", string)}</table:table-row>'
             f'<table:table-row>{tc("Enter one event per row.", string)}</table:table-row>'
             '</table:table>')
    timeline = (
        '<table:table table:name="Timeline" table:style-name="ta1">'
        '<table:table-column table:number-columns-repeated="1024"/>'
        # a title spanning 4 columns
        '<table:table-row>'
        + tc("Timeline: Test case", string + ' table:number-columns-spanned="4" table:number-columns-repeated="1"')
        + '<table:covered-table-cell table:number-columns-repeated="3"/>'
        '<table:table-cell table:number-columns-repeated="1020"/></table:table-row>'
        # rows 2-3: empty
        '<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
        # row 4: the header, inside table:table-header-rows
        '<table:table-header-rows><table:table-row>'
        + "".join(tc(h, string) for h in ["Date", "Time", "Agency", "Event", "Notes"])
        + '</table:table-row></table:table-header-rows>'
        # row 5: a date, a time, two paragraphs and text:s, a comment left out
        '<table:table-row>'
        + tc("02/08/2011", ' office:value-type="date" office:date-value="2011-08-02"')
        + tc("13:30:00", ' office:value-type="time" office:time-value="PT13H30M00S"')
        + tc("Police", string)
        + tc(attrs=string, paras=["First line", "Second <text:s/>line"])
        + '<table:table-cell office:value-type="string"><office:annotation><dc:creator>A. Reviewer</dc:creator>'
          '<text:p>A comment</text:p></office:annotation><text:p>Visible</text:p></table:table-cell>'
        '</table:table-row>'
        # row 6: a date with a time, an empty cell, a repeated cell, tab and line break
        '<table:table-row>'
        + tc("03/08/2011 09:15", ' office:value-type="date" office:date-value="2011-08-03T09:15:00"')
        + tc()
        + tc("Health", string + ' table:number-columns-repeated="2"')
        + tc("Tab<text:tab/>and<text:line-break/>break", string)
        + '</table:table-row>'
        # row 7: numbers show office:value, not the formatted text
        '<table:table-row>'
        + tc("42.00", ' office:value-type="float" office:value="42"')
        + tc("50%", ' office:value-type="percentage" office:value="0.5"')
        + tc("TRUE", ' office:value-type="boolean" office:boolean-value="true"')
        + tc("£12.50", ' office:value-type="currency" office:currency="GBP" office:value="12.5"')
        + tc('See <text:span text:style-name="T1">the</text:span> '
             '<text:a xlink:href="https://example.org/">report</text:a>', string)
        + '</table:table-row>'
        # rows 8-10: one row repeated
        f'<table:table-row table:number-rows-repeated="3">{tc("same", string)}</table:table-row>'
        # row 11: sparse, collapsed white space, then empty cells to the edge
        '<table:table-row>'
        '<table:table-cell table:number-columns-repeated="3"/>'
        + tc("far", string)
        + tc("  leading and \n   inner  ", string)
        + '<table:table-cell table:number-columns-repeated="16379"/></table:table-row>'
        # every row left to the bottom of the grid: empty
        '<table:table-row table:number-rows-repeated="1048565">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
        '</table:table>')
    content = (XML_DECL + f'<office:document-content {ODF_NS}>'
               '<office:automatic-styles/><office:body><office:spreadsheet>'
               + notes + timeline +
               '<table:named-expressions/></office:spreadsheet></office:body></office:document-content>')
    mimetype = "application/vnd.oasis.opendocument.spreadsheet"
    write_zip("chronology.ods", [
        ("mimetype", mimetype),
        ("content.xml", content),
        ("META-INF/manifest.xml", ods_manifest(mimetype)),
    ], stored=("mimetype",))

    odt = (XML_DECL + f'<office:document-content {ODF_NS}><office:body><office:text>'
           '<text:p>Minutes</text:p></office:text></office:body></office:document-content>')
    mimetype = "application/vnd.oasis.opendocument.text"
    write_zip("minutes.odt", [
        ("mimetype", mimetype),
        ("content.xml", odt),
        ("META-INF/manifest.xml", ods_manifest(mimetype)),
    ], stored=("mimetype",))


# ---- DOCX ---------------------------------------------------------------

def w_p(*runs, style=None):
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def w_r(text):
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<w:r><w:t{space}>{text}</w:t></w:r>"


def w_tc(*paras, props=""):
    if not paras:
        paras = (w_p(),)
    return f'<w:tc><w:tcPr><w:tcW w:w="1800" w:type="dxa"/>{props}</w:tcPr>{"".join(paras)}</w:tc>'


def w_tbl(rows, cols):
    grid = "".join('<w:gridCol w:w="1800"/>' for _ in range(cols))
    return ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
            f'<w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')


def w_tr(*cells, props=""):
    trpr = f"<w:trPr>{props}</w:trPr>" if props else ""
    return f"<w:tr>{trpr}{''.join(cells)}</w:tr>"


def docx_document(body):
    return (XML_DECL + f'<w:document xmlns:w="{WML}" xmlns:r="{REL}" xmlns:mc="{MC}" '
            'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
            'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14">'
            f'<w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')


def docx_parts(document):
    return [
        ("[Content_Types].xml", XML_DECL + f'<Types xmlns="{CT}">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/word/document.xml" ContentType="application/'
         'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
        ("_rels/.rels", package_rels("word/document.xml")),
        ("word/document.xml", document),
    ]


def chronology_docx():
    layout = w_tbl([
        w_tr(w_tc(w_p(w_r("Agency"))), w_tc(w_p(w_r("Test Agency")))),
        w_tr(w_tc(w_p(w_r("Author"))), w_tc(w_p(w_r("J. Smith")))),
    ], 2)
    nested = w_tbl([w_tr(w_tc(w_p(w_r("inner A")))), w_tr(w_tc(w_p(w_r("inner B"))))], 1)
    text_box = ('<w:r><w:drawing><wp:anchor><wp:docPr id="1" name="Box"/>'
                '<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>IGNORED</w:t></w:r></w:p>'
                '</w:txbxContent></wps:txbx></wps:wsp></wp:anchor></w:drawing></w:r>')
    chronology = w_tbl([
        w_tr(*[w_tc(w_p(w_r(h))) for h in ["Date", "Time", "Source", "Event", "Outcome"]],
             props='<w:tblHeader/>'),
        w_tr(w_tc(w_p(w_r("02/08/2011"))), w_tc(w_p(w_r("13:30"))), w_tc(w_p(w_r("Police"))),
             w_tc(w_p(w_r("First paragraph")), w_p(w_r("Second "), w_r("paragraph"))),
             w_tc()),
        w_tr(w_tc(w_p(w_r("03/08/2011 all day")), props='<w:gridSpan w:val="2"/>'),
             w_tc(w_p(w_r("Health")), props='<w:vMerge w:val="restart"/>'),
             w_tc(w_p('<w:r><w:t>Visit with</w:t><w:tab/><w:t xml:space="preserve">tab and</w:t>'
                      '<w:br/><w:t>break</w:t></w:r>')),
             w_tc(w_p(w_r("Done")))),
        w_tr(w_tc(w_p(w_r("04/08/2011"))), w_tc(),
             w_tc(w_p(), props='<w:vMerge/>'),
             w_tc(w_p(w_r("Outer")), nested, w_p()),
             w_tc(w_p(w_r("x")))),
        w_tr(w_tc(w_p(w_r("14:00"))), w_tc(w_p(w_r("Housing"))),
             w_tc(w_p('<w:ins w:id="1" w:author="A"><w:r><w:t>kept</w:t></w:r></w:ins>'
                      '<w:del w:id="2" w:author="A"><w:r><w:delText>gone</w:delText></w:r></w:del>',
                      text_box)),
             props='<w:gridBefore w:val="1"/>'),
        w_tr(*[w_tc() for _ in range(5)]),
        w_tr(w_tc(w_p(w_r("05/08/2011"))), w_tc(), w_tc(),
             w_tc(w_p('<w:r><w:t>Re</w:t><w:noBreakHyphen/><w:t>referral</w:t></w:r>')),
             w_tc(w_p(f'<mc:AlternateContent><mc:Choice Requires="w14">{w_r("choice")}</mc:Choice>'
                      f'<mc:Fallback>{w_r("fallback")}</mc:Fallback></mc:AlternateContent>'))),
    ], 5)
    contacts = w_tbl([w_tr(w_tc(w_p(w_r("Name"))), w_tc(w_p(w_r("Phone"))))]
                     + [w_tr(w_tc(w_p(w_r(f"Worker {i}"))), w_tc(w_p(w_r(f"0115 496 00{i:02d}"))))
                        for i in range(1, 8)], 2)
    body = (w_p(w_r("Agency chronology"), style="Heading1") + layout + w_p()
            + w_p(w_r("Events")) + chronology + w_p() + w_p(w_r("Contacts")) + contacts + w_p())
    write_zip("chronology.docx", docx_parts(docx_document(body)))

    write_zip("no-table.docx", docx_parts(docx_document(
        w_p(w_r("There is no table in this document.")))))

    laughs = ('<?xml version="1.0"?>\n' + BILLION_LAUGHS_DTD.replace("lolz", "w:document")
              + f'<w:document xmlns:w="{WML}"><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>&lol9;</w:t>'
              '</w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>')
    write_zip("billion-laughs.docx", docx_parts(laughs))


def main():
    os.makedirs(OUT, exist_ok=True)
    write_zip("chronology.xlsx", chronology_xlsx_parts())
    serials_xlsx()
    bad_xlsx()
    chronology_ods()
    chronology_docx()
    for name in sorted(os.listdir(OUT)):
        print(f"{os.path.getsize(os.path.join(OUT, name)):8d}  {name}")


if __name__ == "__main__":
    main()
