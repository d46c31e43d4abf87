#!/usr/bin/python3
"""The cohort PDF (ctest label `cohort`): `cohort summarize DIR --formats json,pdf` on a copy of
the published 5-patient run (the fixture of cohort_test.py run) writes DIR/cohort.pdf whose
text (pdftotext, poppler-utils) holds the numbers of summary.json and of every patient's
result file as the PDF prints them (one decimal, rounded half away from zero; p-values
with three significant digits), the detection line, the methods, a page count that
matches its footers, and two pictures (CT and sCT) per patient (pdfimages).

Usage: cohort_pdf_test.py CROSSCHECK_CLI WORKDIR
"""
import json
import math
import pathlib
import re
import shutil
import subprocess
import sys


def check(condition, message):
    if not condition:
        sys.exit("FAILED: " + message)
    print("ok:", message)


def one(v):
    """formatReportValue: one decimal, rounded half away from zero, no -0.0, dash for none."""
    if v is None:
        return "\u2013"
    r = math.copysign(math.floor(abs(v) * 10.0 + 0.5) / 10.0, v)
    return "%.1f" % (0.0 if r == 0 else r)


def p3(p):
    return "n/a" if p is None else "%.3g" % p


def main():
    binary, work = sys.argv[1], pathlib.Path(sys.argv[2])
    source = work / "out"
    out = work / "pdf-out"
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(source / "patients", out / "patients")
    done = subprocess.run([binary, "cohort", "summarize", str(out), "--formats", "json,pdf"],
                          capture_output=True, text=True, timeout=600)
    check(done.returncode == 0, f"summarize --formats json,pdf exits 0 ({done.stderr.strip()})")
    pdf = out / "cohort.pdf"
    check(pdf.is_file() and pdf.read_bytes().startswith(b"%PDF-"), "cohort.pdf written")
    check(not list(out.glob("*.tmp*")), "no temporary file left")
    summary = json.loads((out / "summary.json").read_text())
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    raw = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    text = re.sub(r"\s+", " ", raw)
    footers = re.findall(r"page (\d+) of (\d+)", text)
    check([int(n) for n, _ in footers] == list(range(1, pages + 1)) and
          all(int(m) == pages for _, m in footers), f"{pages} pages, numbered 'page N of {pages}'")
    check(pages == 4, "4 pages: study, patients, thumbnails, methods")
    n = summary["visible_on_ct"], summary["visible_on_sct"]
    line = f"visible on CT {n[0]}/5, on sCT {n[1]}/5"
    check(line in text, f"detection line '{line}'")
    check("sCT MISSES the finding in 5 of 5 patients" in text, "the red line on the first page")
    for name, m in summary["measures"].items():
        for series in ("ct", "sct"):
            d = m[series]
            cell = f"{one(d['mean'])} ({one(d['sd'])})"
            check(cell in text, f"{name} {series}: mean (SD) {cell}")
            cell = f"{one(d['median'])} ({one(d['min'])} to {one(d['max'])})"
            check(cell in text, f"{name} {series}: median (range) {cell}")
        diff = m["difference"]
        cell = f"{one(diff['mean'])} [{one(diff['ci95'][0])}, {one(diff['ci95'][1])}]"
        check(cell in text, f"{name}: CT - sCT [95 % CI] {cell}")
        cell = f"{p3(m['t_test_p'])} {p3(m['wilcoxon_p'])} ({m['wilcoxon_method']})"
        check(cell in text, f"{name}: t-test p and Wilcoxon p with its method '{cell}'")
        ba = m["bland_altman"]
        cell = f"{one(ba['bias'])}; {one(ba['loa'][0])} to {one(ba['loa'][1])}"
        check(cell in text, f"{name}: Bland-Altman bias and limits {cell}")
    check(text.count("Bland-Altman plots") == 1 and text.count("+1.96 SD") == 3,
          "three Bland-Altman plots with their limits")
    for file in sorted((out / "patients").glob("*.json")):
        r = json.loads(file.read_text())
        row = " ".join([r["patient"], r["status"],
                        f"{'yes' if r['visible_on_ct'] else 'no'} / {'yes' if r['visible_on_sct'] else 'no'}",
                        one(r["axial_long_mm"]["ct"]), one(r["axial_long_mm"]["sct"]),
                        one(r["sagittal_long_mm"]["ct"]), one(r["sagittal_long_mm"]["sct"]),
                        one(r["mean_hu"]["ct"]), one(r["mean_hu"]["sct"])])
        check(row in text, f"patient row '{row}'")
        caption = (f"CT {one(r['mean_hu']['ct'])} / sCT {one(r['mean_hu']['sct'])} HU"
                   if r["has_finding"] else "no finding")
        check(caption in text, f"{r['patient']}: thumbnail caption '{caption}'")
    for words in ("Methods", "Paired t-test", "Wilcoxon signed-rank", "Mattes mutual information",
                  "CT >= 200 HU and sCT < 100 HU", "|CT - sCT| >= 150 HU", "at or above 200 HU",
                  "1.96 SD", "n <= 25"):
        check(words in text, f"methods name '{words}'")
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                            check=True).stdout.strip().splitlines()[2:]
    check(len(images) == 10, f"two pictures per patient ({len(images)} images)")


if __name__ == "__main__":
    main()
