#!/usr/bin/python3
"""Issue 21's known answers for import, against crosscheck-cli measure:

- an RTSTRUCT written here from the phantom CT (an ellipse over several slices, a ring with
  a hole, two islands on one slice) gives voxel counts within 1 % of the even-odd
  rasterization computed here, and the mean HU of those voxels;
- NIfTI-1 (.nii, uint16) and NIfTI-2 (.nii.gz, uint8) label maps on the CT grid give, per
  label, volume = voxel count x voxel volume and mean HU over the label's voxels, computed
  here, to 1e-6; names from ITK-SNAP, JSON and CSV label tables;
- the table "sCT agreement per structure" in the JSON and as CSV;
- bad input (open or self-intersecting contours, images not loaded, a frame of reference or
  a label grid matching nothing, fractional label values) exits 1 with one sentence and no
  output on stdout.

Usage: import_test.py CROSSCHECK_CLI"""
import csv
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from pydicom.uid import generate_uid

sys.path.insert(0, str(Path(__file__).resolve().parent))
import import_support as s  # noqa: E402

CLI = sys.argv[1]
failures = []


def check(condition, message):
    print(("ok: " if condition else "FAIL: ") + message)
    if not condition:
        failures.append(message)


def measure(study, *args):
    p = subprocess.run([CLI, "measure", str(study), *map(str, args), "--json"],
                       capture_output=True, text=True)
    return p


def ct_rows(result):
    return {m["label"]: m for m in result["measurements"] if m["role"] == "CT"}


def refused(study, args, words, what):
    p = measure(study, *args)
    lines = [line for line in p.stderr.splitlines() if line.startswith("crosscheck-cli measure:")]
    check(p.returncode == 1 and p.stdout == "" and len(lines) == 1 and words in lines[0],
          f"{what}: exit 1 and one sentence with '{words}' (exit {p.returncode}: {p.stderr.strip()})")


def rtstruct_cases(work, study, ct, truth):
    cx, cy, cz = truth["tumor"]["center_ct_mm"]
    kc = int(round((cz - ct.origin[2]) / ct.step[2]))
    body = ct.origin[:2] + np.array([ct.dims[0] * ct.spacing_rc[1], ct.dims[1] * ct.spacing_rc[0]]) / 2
    # Vertices at odd offsets, so no voxel centre lies on an edge (both rules agree exactly).
    tumour = [(k, s.ellipse(cx + 0.37, cy + 0.61, 12.3, 8.7)) for k in range(kc - 3, kc + 4)]
    ring = [(k, s.ellipse(body[0] + 0.29, body[1] + 0.53, 40.1, 30.7)) for k in range(kc - 2, kc + 3)]
    ring += [(k, s.ellipse(body[0] + 0.29, body[1] + 0.53, 18.2, 12.3, phase=0.3)) for k in range(kc - 2, kc + 3)]
    islands = [(kc + 6, s.ellipse(body[0] - 30.17, body[1] + 0.41, 9.1, 7.3)),
               (kc + 6, s.ellipse(body[0] + 30.23, body[1] - 0.37, 8.3, 6.1))]
    structures = [(1, "tumour", (255, 0, 0), tumour), (2, "ring with hole", (0, 255, 0), ring),
                  (5, "two islands", (0, 0, 255), islands)]
    path = work / "rtstruct.dcm"
    s.write_rtstruct(path, ct, structures)
    p = measure(study, "--rtstruct", path)
    check(p.returncode == 0, f"measure --rtstruct exits 0 ({p.stderr.strip()})")
    result = json.loads(p.stdout)
    rows = ct_rows(result)
    check(len(result["measurements"]) == 3 * 4, "one measurement per structure and series (3 x 4)")
    for number, name, colour, polys in structures:
        mask = s.rasterize(ct, polys)
        count = int(mask.sum())
        mean = float(ct.hu[mask].mean())
        row = rows.get(name)
        check(row is not None, f"RTSTRUCT '{name}' measured on the CT")
        if row is None:
            continue
        check(abs(row["count"] - count) <= 0.01 * count,
              f"RTSTRUCT '{name}': {row['count']} voxels, independent rasterization {count} (1 %)")
        tolerance = 1e-6 if row["count"] == count else 1.0
        check(abs(row["mean"] - mean) <= tolerance,
              f"RTSTRUCT '{name}': mean {row['mean']:.6f} HU, recount {mean:.6f} HU")
        check(abs(row["volume_mm3"] - count * ct.voxel_volume()) <= 1e-6 * count * ct.voxel_volume() + 0.01 * count * ct.voxel_volume(),
              f"RTSTRUCT '{name}': volume {row['volume_mm3']:.1f} mm3")
        structure = next(x for x in result["structures"] if x["label"] == name)
        check(structure["imported_from"]["number"] == number and
              structure["imported_from"]["color_rgb"] == list(colour) and
              structure["imported_from"]["format"] == "rtstruct",
              f"RTSTRUCT '{name}': provenance (ROI number {number}, colour {colour})")

    bowtie = [(kc, [(cx - 10, cy - 10), (cx + 10, cy + 10), (cx + 10, cy - 10), (cx - 10, cy + 10)])]
    s.write_rtstruct(work / "open.dcm", ct, structures[:1], geometric_type="OPEN_PLANAR")
    refused(study, ["--rtstruct", work / "open.dcm"], "open contour", "an open contour")
    s.write_rtstruct(work / "bowtie.dcm", ct, [(1, "bow tie", (1, 2, 3), bowtie)])
    refused(study, ["--rtstruct", work / "bowtie.dcm"], "self-intersecting", "a self-intersecting contour")
    s.write_rtstruct(work / "other-series.dcm", ct, structures[:1], referenced_series=generate_uid())
    refused(study, ["--rtstruct", work / "other-series.dcm"], "not loaded", "images not loaded")
    s.write_rtstruct(work / "other-frame.dcm", ct, structures[:1], frame_uid=generate_uid(),
                     reference_images=False)
    refused(study, ["--rtstruct", work / "other-frame.dcm"], "matches no loaded series",
            "a frame of reference matching nothing")


def label_map_cases(work, study, ct, truth):
    cx, cy, cz = truth["tumor"]["center_ct_mm"]
    m = ct.index_to_lps()
    kk, jj, ii = np.meshgrid(*[np.arange(n) for n in ct.hu.shape], indexing="ij")
    x = m[0, 0] * ii + m[0, 1] * jj + m[0, 2] * kk + m[0, 3]
    y = m[1, 0] * ii + m[1, 1] * jj + m[1, 2] * kk + m[1, 3]
    z = m[2, 0] * ii + m[2, 1] * jj + m[2, 2] * kk + m[2, 3]
    labels = np.zeros(ct.hu.shape, dtype=np.uint16)
    labels[(x - cx) ** 2 + (y - cy) ** 2 + (z - cz) ** 2 <= 10.0 ** 2] = 1
    box = (abs(x - cx) < 40) & (abs(y - cy) < 40) & (abs(z - cz) < 30) & (ct.hu >= 200) & (labels == 0)
    labels[box] = 2
    labels[(kk >= 10) & (kk <= 12) & (jj >= 50) & (jj < 70)] = 7
    names = {1: "tumour sphere", 2: "bone box", 7: "7"}

    table = work / "labels.txt"
    table.write_text('################################################\n'
                     '# ITK-SNAP Label Description File\n'
                     '    0     0    0    0        0  0  0    "Clear Label"\n'
                     '    1   255    0    0        1  1  1    "tumour sphere"\n'
                     '    2     0  255    0        1  1  1    "bone box"\n'
                     '    3     0    0  255        1  1  1    "absent"\n')
    expected = {}
    for v, name in names.items():
        sel = labels == v
        expected[name] = (int(sel.sum()), int(sel.sum()) * ct.voxel_volume(), float(ct.hu[sel].mean()))

    for kind, path in (("NIfTI-1 uint16", work / "labels.nii"), ("NIfTI-2 uint8 gzip", work / "labels2.nii.gz")):
        if kind.startswith("NIfTI-1"):
            s.write_nifti1(path, labels, m)
        else:
            s.write_nifti2(path, labels, m)
        csv_path = work / f"agreement-{path.stem}.csv"
        p = measure(study, "--labels", path, "--label-table", table, "--agreement-csv", csv_path)
        check(p.returncode == 0, f"{kind}: measure --labels exits 0 ({p.stderr.strip()})")
        if p.returncode != 0:
            continue
        result = json.loads(p.stdout)
        rows = ct_rows(result)
        check(sorted(rows) == sorted(expected), f"{kind}: labels named by the table ({sorted(rows)})")
        for name, (count, volume, mean) in expected.items():
            row = rows.get(name)
            if row is None:
                continue
            check(row["count"] == count, f"{kind} '{name}': {row['count']} voxels, counted {count}")
            check(abs(row["volume_mm3"] - volume) <= 1e-6 * volume,
                  f"{kind} '{name}': volume {row['volume_mm3']:.6f} mm3, count x voxel volume {volume:.6f}")
            check(abs(row["mean"] - mean) <= 1e-6,
                  f"{kind} '{name}': mean {row['mean']:.9f} HU, independent {mean:.9f}")
        check(any("absent" in w for w in result["warnings"]), f"{kind}: the table's absent label is named")
        agreement = result["structure_agreement"]["rows"]
        maes = [r["mae_hu"] for r in agreement if r["mae_hu"] is not None]
        check(len(agreement) == 3 and maes == sorted(maes, reverse=True),
              f"{kind}: sCT agreement per structure, sorted by MAE ({maes})")
        with open(csv_path) as f:
            table_rows = list(csv.DictReader(f))
        check([r["label"] for r in table_rows] == [r["label"] for r in agreement] and
              all(abs(float(r["mae_hu"]) - a["mae_hu"]) < 1e-6 for r, a in zip(table_rows, agreement)),
              f"{kind}: --agreement-csv holds the same table")

    small = labels.copy()
    small[small == 7] = 0
    s.write_nifti1(work / "small.nii", small, m, dtype=np.uint8)
    (work / "names.json").write_text(json.dumps({"1": "a", "2": {"name": "b", "color": [1, 2, 3]}}))
    (work / "names.csv").write_text("value,name\n1,x\n2,\"y, z\"\n")
    for table_file, want in ((work / "names.json", ["a", "b"]), (work / "names.csv", ["x", "y, z"])):
        p = measure(study, "--labels", work / "small.nii", "--label-table", table_file, "--no-agreement")
        got = sorted(x["label"] for x in json.loads(p.stdout)["structures"]) if p.returncode == 0 else p.stderr
        check(got == want, f"label table {table_file.suffix}: names {got}")
    p = measure(study, "--labels", work / "small.nii", "--no-agreement")
    got = sorted(x["label"] for x in json.loads(p.stdout)["structures"]) if p.returncode == 0 else p.stderr
    check(got == ["1", "2"], f"without a table a label is named by its value ({got})")

    shifted = m.copy()
    shifted[:3, 3] += 0.5 * m[:3, 0]
    s.write_nifti1(work / "shifted.nii", small, shifted, dtype=np.uint8)
    refused(study, ["--labels", work / "shifted.nii"], "matches no loaded series",
            "a label grid half a voxel off every series")
    s.write_nifti1(work / "fraction.nii", small.astype(np.float32) * 0.5, m, dtype=np.float32)
    refused(study, ["--labels", work / "fraction.nii"], "not a whole number", "fractional label values")
    (work / "bad.txt").write_text("1 2 3\n")
    refused(study, ["--labels", work / "small.nii", "--label-table", work / "bad.txt"],
            "not a label table", "a bad label table")


def main():
    work = Path(tempfile.mkdtemp(prefix="crosscheck-import-"))
    try:
        study = work / "study"
        subprocess.run([CLI, "phantom", str(study), "--size", "small", "--same-frame"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        truth = json.loads((study / "ground_truth.json").read_text())
        ct = s.Ct(study / "CT")
        rtstruct_cases(work, study, ct, truth)
        label_map_cases(work, study, ct, truth)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(failures)} failed" if failures else "all passed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
