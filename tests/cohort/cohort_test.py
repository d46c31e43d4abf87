#!/usr/bin/python3
"""Cohort tests (ctest label `cohort`), driven through crosscheck-cli.

Usage: cohort_test.py MODE CROSSCHECK_CLI WORKDIR
  run     writes `phantom WORKDIR/studies --patients 5 --published --size small`, runs
          `cohort run` and `cohort summarize`, and checks the published pattern: visible on
          CT 5/5, on sCT 0/5, 0 mm on every sCT; the CT's mean sagittal size within 1.5 mm
          of the ground truth's; paired t-test p < 0.05 for axial size, sagittal size and HU.
  scipy   recomputes every statistic of WORKDIR/out/summary.json from patients.csv with
          numpy and scipy (ttest_rel, wilcoxon with the method named explicitly) to 1e-6.
  full    the same on the full-size phantom (`--size full`, 0.5 mm CT pixels), where the
          CT's mean axial and sagittal long sizes and HU must lie within 1.5 mm and 3 HU of
          the ground truth's means (axial long: the larger of the AP and LR diameters;
          sagittal long: the larger of the craniocaudal and AP diameters).
  failures  a folder of four bad studies (no sCT, no DICOM at all, a truncated CT, a CT
          of air only that the sCT cannot be registered onto): each is a failed row with
          its reason, the run exits 0, the summary counts them.
  resume  copies WORKDIR/out, deletes two patient files, reruns: only those two are
          computed (the run's JSON counts say so) and the summary is the same.
"""
import csv
import json
import math
import pathlib
import shutil
import subprocess
import sys

import numpy as np
import pydicom
from scipy import stats

MEASURES = ["axial_long_mm", "sagittal_long_mm", "mean_hu"]


def cli(binary, *args):
    done = subprocess.run([binary, *args], capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def check(condition, message):
    if not condition:
        sys.exit("FAILED: " + message)
    print("ok:", message)


def run(binary, work, size="small"):
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    studies, out = work / "studies", work / "out"
    cli(binary, "phantom", str(studies), "--patients", "5", "--published", "--size", size)
    counts = json.loads(cli(binary, "cohort", "run", str(studies), "--out", str(out), "--json"))
    check(counts["done"] == 5 and counts["failed"] == 0 and counts["skipped"] == 0,
          f"cohort run: 5 done, 0 failed, 0 skipped ({counts})")
    summary = json.loads(cli(binary, "cohort", "summarize", str(out), "--json"))
    check(summary == json.loads((out / "summary.json").read_text()),
          "summary.json is what --json prints")
    check((out / "patients.csv").is_file(), "patients.csv written")
    check(summary["patients"] == 5 and summary["failed"] == [], "5 patients, none failed")
    check(summary["visible_on_ct"] == 5, f"visible on CT {summary['visible_on_ct']}/5")
    check(summary["visible_on_sct"] == 0, f"visible on sCT {summary['visible_on_sct']}/5")
    truths = [json.loads(p.read_text())["tumor"] for p in sorted(studies.glob("P*/ground_truth.json"))]
    truth = {
        "axial_long_mm": np.mean([max(t["diameters_mm"][1], t["diameters_mm"][2]) for t in truths]),
        "sagittal_long_mm": np.mean([max(t["diameters_mm"][0], t["diameters_mm"][1]) for t in truths]),
        "mean_hu": np.mean([t["ct_mean_hu"] for t in truths]),
    }
    for name in MEASURES:
        m = summary["measures"][name]
        check(m["n"] == 5, f"{name}: 5 pairs")
        check(m["t_test_p"] < 0.05, f"{name}: paired t-test p {m['t_test_p']:.2e} < 0.05")
        # On the small phantom (2 to 3 mm voxels) only the sagittal size is asserted against
        # the ground truth: an axial section can miss the 200 HU threshold (0 mm) and the
        # half-maximum HU is coarser than on the full-size phantom.
        gap = m["ct"]["mean"] - truth[name]
        print(f"info: {name}: CT mean {m['ct']['mean']:.2f}, truth {truth[name]:.2f} ({gap:+.2f})")
    m = summary["measures"]["sagittal_long_mm"]
    check(abs(m["ct"]["mean"] - truth["sagittal_long_mm"]) <= 1.5,
          "sagittal_long_mm: CT mean within 1.5 mm of the ground truth's")
    if size == "full":
        for name, tolerance in [("axial_long_mm", 1.5), ("mean_hu", 3.0)]:
            m = summary["measures"][name]
            check(abs(m["ct"]["mean"] - truth[name]) <= tolerance,
                  f"{name}: CT mean within {tolerance} of the ground truth's")
    for name in ["axial_long_mm", "sagittal_long_mm"]:
        check(summary["measures"][name]["sct"]["max"] == 0.0, f"{name}: 0 mm on every sCT")


def close(a, b, what):
    if a is None or b is None or (isinstance(b, float) and math.isnan(b)):
        ok = (a is None) and (b is None or math.isnan(b))
    else:
        ok = abs(a - b) <= 1e-6 * max(1.0, abs(b))
    if not ok:
        sys.exit(f"FAILED: {what}: summary.json {a}, scipy {b}")


def recompute(work):
    out = work / "out"
    summary = json.loads((out / "summary.json").read_text())
    rows = list(csv.DictReader((out / "patients.csv").open()))
    done = [r for r in rows if r["status"] == "done"]
    close(summary["visible_on_ct"], sum(r["visible_on_ct"] == "1" for r in done), "visible_on_ct")
    close(summary["visible_on_sct"], sum(r["visible_on_sct"] == "1" for r in done), "visible_on_sct")
    for name in MEASURES:
        pairs = [(float(r[name + "_ct"]), float(r[name + "_sct"])) for r in done
                 if r[name + "_ct"] and r[name + "_sct"]]
        ct = np.array([p[0] for p in pairs])
        sct = np.array([p[1] for p in pairs])
        d = ct - sct
        m = summary["measures"][name]
        for side, values in [("ct", ct), ("sct", sct)]:
            close(m[side]["mean"], float(np.mean(values)), f"{name} {side} mean")
            close(m[side]["sd"], float(np.std(values, ddof=1)), f"{name} {side} sd")
            close(m[side]["median"], float(np.median(values)), f"{name} {side} median")
            close(m[side]["min"], float(np.min(values)), f"{name} {side} min")
            close(m[side]["max"], float(np.max(values)), f"{name} {side} max")
        n = len(d)
        mean, sd = float(np.mean(d)), float(np.std(d, ddof=1))
        close(m["difference"]["mean"], mean, f"{name} difference mean")
        q = stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n)
        close(m["difference"]["ci95"][0], mean - q, f"{name} ci95 low")
        close(m["difference"]["ci95"][1], mean + q, f"{name} ci95 high")
        close(m["t_test_p"], float(stats.ttest_rel(ct, sct).pvalue), f"{name} t-test p")
        method = {"exact": "exact", "normal": "approx"}[m["wilcoxon_method"]]
        w = stats.wilcoxon(ct, sct, zero_method="wilcox", correction=False, method=method)
        close(m["wilcoxon_p"], float(w.pvalue), f"{name} Wilcoxon p ({method})")
        close(m["wilcoxon_statistic"], float(w.statistic), f"{name} Wilcoxon statistic")
        close(m["bland_altman"]["bias"], mean, f"{name} Bland-Altman bias")
        close(m["bland_altman"]["loa"][0], mean - 1.96 * sd, f"{name} LoA low")
        close(m["bland_altman"]["loa"][1], mean + 1.96 * sd, f"{name} LoA high")
        print(f"ok: {name}: n={n}, every statistic as scipy computes it "
              f"(t-test p {m['t_test_p']:.3g}, Wilcoxon {m['wilcoxon_method']} p {m['wilcoxon_p']:.3g})")


def resume(binary, work):
    source, out = work / "out", work / "resumed"
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(source, out)
    (out / "summary.json").unlink()
    before = {p.name: p.read_text() for p in (out / "patients").glob("*.json")}
    for name in ["P002.json", "P004.json"]:
        (out / "patients" / name).unlink()
    counts = json.loads(cli(binary, "cohort", "run", str(work / "studies"), "--out", str(out),
                            "--json", "--jobs", "2"))
    check(counts["done"] == 2 and counts["skipped"] == 3 and counts["failed"] == 0,
          f"rerun computed only the two missing patients ({counts})")
    for name, text in before.items():
        if name not in ("P002.json", "P004.json"):
            check((out / "patients" / name).read_text() == text, f"{name} left as it was")
    cli(binary, "cohort", "summarize", str(out))
    first = json.loads((source / "summary.json").read_text())
    second = json.loads((out / "summary.json").read_text())
    check(first == second, "the resumed run gives the same summary")


def failures(binary, work):
    bad, out = work / "bad", work / "bad-out"
    shutil.rmtree(bad, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(work / "studies" / "P001", bad / "NoSct")
    shutil.rmtree(bad / "NoSct" / "sCT")
    (bad / "Empty").mkdir()
    (bad / "Empty" / "notes.txt").write_text("no images\n")
    shutil.copytree(work / "studies" / "P002", bad / "Truncated")
    for f in sorted((bad / "Truncated" / "CT").iterdir())[10:20]:
        data = f.read_bytes()
        f.write_bytes(data[: len(data) - 2000])
    shutil.copytree(work / "studies" / "P003", bad / "AirCt")
    for f in sorted((bad / "AirCt" / "CT").iterdir()):
        ds = pydicom.dcmread(f)
        air = round((-1000.0 - float(ds.RescaleIntercept)) / float(ds.RescaleSlope))
        ds.PixelData = np.full(ds.pixel_array.shape, air, ds.pixel_array.dtype).tobytes()
        ds.save_as(f)
    counts = json.loads(cli(binary, "cohort", "run", str(bad), "--out", str(out), "--json"))
    check(counts["done"] == 0 and counts["failed"] == 4, f"four failed patients, exit 0 ({counts})")
    summary = json.loads(cli(binary, "cohort", "summarize", str(out), "--json"))
    reasons = {f["patient"]: f["reason"] for f in summary["failed"]}
    print(json.dumps(reasons, indent=2))
    check(summary["patients"] == 4 and summary["done"] == 0, "the summary counts 4, none done")
    check(reasons["NoSct"].startswith("no sCT series in "), "NoSct: no sCT series")
    check(reasons["Empty"].startswith("no CT series in "), "Empty: no CT series")
    check(reasons["Truncated"].startswith("unreadable CT series ") and
          "could not be read" in reasons["Truncated"],
          "Truncated: the CT is named as unreadable")
    check(reasons["AirCt"].startswith("registration of the sCT onto the CT failed: "),
          "AirCt: the registration failed")
    check(summary["measures"]["mean_hu"]["n"] == 0 and
          summary["measures"]["mean_hu"]["t_test_p"] is None, "no pairs, no p-values")
    rows = list(csv.DictReader((out / "patients.csv").open()))
    check([r["status"] for r in rows] == ["failed"] * 4, "patients.csv: four failed rows")


def main():
    mode, binary, work = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])
    if mode == "run":
        run(binary, work)
    elif mode == "scipy":
        recompute(work)
    elif mode == "full":
        run(binary, work, "full")
    elif mode == "failures":
        failures(binary, work)
    elif mode == "resume":
        resume(binary, work)
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
