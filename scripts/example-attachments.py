#!/usr/bin/env python3
"""Makes the example site's small attachments that are not photographs or scans: a PDF with a text
layer (Helvetica, so ASCII text only) and a CSV. Run from the repository root; idempotent."""

FILES = "content/czyjs/yjs/_files"


def pdf(path, lines):
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({l}) '" for l in lines) + " ET"
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out, offsets = "%PDF-1.4\n", []
    for i, o in enumerate(objs):
        offsets.append(len(out))
        out += f"{i + 1} 0 obj\n{o}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n"
    out += "".join(f"{o:010} 00000 n \n" for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    with open(path, "w") as f:
        f.write(out)


pdf(f"{FILES}/2025js-jyj.pdf", [
    "Fuchuan District Education Bureau - 2025 Departmental Final Accounts",
    "Total revenue 86,412.37 (10k yuan); total expenditure 85,906.12 (10k yuan).",
    "Basic expenditure 61,203.55; project expenditure 24,702.57.",
    "The Chinese original of these accounts is the authoritative text.",
])
with open(f"{FILES}/2025js-jyj-zb.csv", "w") as f:
    f.write("项目,决算数（万元）\n收入合计,86412.37\n支出合计,85906.12\n其中：基本支出,61203.55\n　　　项目支出,24702.57\n")
