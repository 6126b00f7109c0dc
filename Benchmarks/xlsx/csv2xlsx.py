#!/usr/bin/env python3
"""Converts a CSV file into a one-sheet Excel workbook (.xlsx) the way Excel stores it:
text in shared strings, numbers as number cells. Standard library only.
Usage: csv2xlsx.py IN.csv OUT.xlsx"""
import csv
import sys
import zipfile


def column(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def esc(t):
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def number(v):
    try:
        float(v)
        return not (len(v) > 1 and v[0] == "0" and v[1] != ".")  # keep codes like 01130 as text
    except ValueError:
        return False


src, dst = sys.argv[1], sys.argv[2]
shared, index, rows = [], {}, []
with open(src, newline="", encoding="utf-8") as f:
    for r, values in enumerate(csv.reader(f), start=1):
        cells = []
        for c, v in enumerate(values):
            if v == "":
                continue
            ref = column(c) + str(r)
            if r > 1 and number(v):
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                k = index.setdefault(v, len(shared))
                if k == len(shared):
                    shared.append(v)
                cells.append(f'<c r="{ref}" t="s"><v>{k}</v></c>')
        rows.append(f'<row r="{r}">{"".join(cells)}</row>')
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>')
    z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr("xl/worksheets/sheet1.xml", f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>' + "".join(rows) + "</sheetData></worksheet>")
    z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8"?><sst {NS}>' + "".join(f"<si><t>{esc(t)}</t></si>" for t in shared) + "</sst>")
