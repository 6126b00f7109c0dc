"""Writes a one-sheet Excel workbook (.xlsx) the way Excel stores it: text in shared strings
(or inline strings where asked), whole and decimal numbers as number cells, empty cells
left out. Standard library only; byte-stable output (fixed timestamps)."""
import zipfile

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def column(i):
    """0 -> A, 25 -> Z, 26 -> AA."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def esc(t):
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def sheet_xml(rows, shared, index, is_number, inline, merges=()):
    """One worksheet's XML; text goes into the shared strings `shared` (indexed by `index`)."""
    sheet_rows = []
    for r, values in enumerate(rows, start=1):
        cells = []
        for c, v in enumerate(values):
            if v is None or v == "":
                continue
            ref = f"{column(c)}{r}"
            if is_number(r, c, v):
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            elif inline(r, c):
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{esc(str(v))}</t></is></c>')
            else:
                k = index.setdefault(str(v), len(shared))
                if k == len(shared):
                    shared.append(str(v))
                cells.append(f'<c r="{ref}" t="s"><v>{k}</v></c>')
        sheet_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    merged = ""
    if merges:
        merged = f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells>"
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {NS}><sheetData>{"".join(sheet_rows)}</sheetData>{merged}</worksheet>'


def write_workbook(path, sheet_name, rows, is_number=lambda r, c, v: isinstance(v, int), inline=lambda r, c: False):
    """rows: lists of cell values (None or "" for empty); r is the 1-based row, c the 0-based column."""
    write_sheets(path, [(sheet_name, rows, ())], is_number, inline)


def write_sheets(path, sheets, is_number=lambda r, c, v: isinstance(v, int), inline=lambda r, c: False):
    """sheets: (name, rows, merged ranges such as "A1:K1") for each worksheet, in order."""
    shared, index = [], {}
    bodies = [sheet_xml(rows, shared, index, is_number, inline, merges) for _, rows, merges in sheets]
    n = len(sheets)
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{k}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                        for k in range(1, n + 1))
    sheet_list = "".join(f'<sheet name="{esc(name)}" sheetId="{k}" r:id="rId{k}"/>' for k, (name, _, _) in enumerate(sheets, start=1))
    rels = "".join(f'<Relationship Id="rId{k}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{k}.xml"/>'
                   for k in range(1, n + 1))
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' + overrides + '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {NS} {RNS}><sheets>{sheet_list}</sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + rels + f'<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    }
    for k, body in enumerate(bodies, start=1):
        parts[f"xl/worksheets/sheet{k}.xml"] = body
    parts["xl/sharedStrings.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst {NS} count="{len(shared)}" uniqueCount="{len(shared)}">'
                                     + "".join(f"<si><t>{esc(t)}</t></si>" for t in shared) + "</sst>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
