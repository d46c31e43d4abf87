#!/usr/bin/python3
"""Cohort tests of where studies and tumour ROIs come from (ctest label `cohort`).

Usage: cohort_sources_test.py MODE CROSSCHECK_CLI WORKDIR
  (WORKDIR is cohort_test.py's: its `run` mode wrote WORKDIR/studies and WORKDIR/out.)
  database  `db import` of the 5-patient published phantom into a temporary database,
            `cohort run --from-db`: one result file per study named by its
            StudyInstanceUID, every patient's numbers and the summary equal to the folder
            run's; `--study-uid` runs one study; a file indexed but gone from disk makes
            its patient a failed row naming the unreadable CT.
  session   a patient with a saved session (a ruler, then an axial and a sagittal ellipse
            around the tumour from the ground truth) is measured through those ellipses
            (`roi_source` "session"): sizes and HU equal `measure --roi` of the same ROIs
            with the run's CT -> sCT transform. A session with only a ruler falls back to
            the finding with a warning; two sessions in one folder are a failed row.
"""
import csv
import json
import pathlib
import shutil
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from cohort_test import check, cli  # noqa: E402

MEASURES = ["axial_long_mm", "axial_short_mm", "sagittal_long_mm", "sagittal_short_mm",
            "mean_hu"]


def results(out):
    return {p.stem: json.loads(p.read_text()) for p in (out / "patients").glob("*.json")}


def same_numbers(a, b, path=""):
    """Equal JSON, floats to 1e-9 (relative): a summary over the same patients listed in
    another order may differ in the last bits of a sum."""
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_numbers(a[k], b[k], path + "/" + k) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_numbers(x, y, path) for x, y in zip(a, b))
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a))
    return a == b


def database(binary, work):
    db, out = work / "db" / "studies.sqlite", work / "out-db"
    shutil.rmtree(work / "db", ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    imported = json.loads(cli(binary, "db", "import", str(work / "studies"), "--db", str(db),
                              "--json"))
    check(imported["series_added"] == 20, f"db import: 20 series ({imported['series_added']})")
    counts = json.loads(cli(binary, "cohort", "run", "--from-db", "--db", str(db), "--out",
                            str(out), "--json"))
    check(counts["done"] == 5 and counts["failed"] == 0, f"cohort run --from-db: 5 done ({counts})")
    folder_run = {r["ct_series_instance_uid"]: r for r in results(work / "out").values()}
    truths = {json.loads(p.read_text())["study_instance_uid"]: p.parent.name
              for p in (work / "studies").glob("P*/ground_truth.json")}
    db_run = results(out)
    check(sorted(db_run) == sorted(truths), "result files are named by the StudyInstanceUIDs")
    for uid, r in db_run.items():
        folder = folder_run[r["ct_series_instance_uid"]]
        check(folder["patient"] == truths[uid], f"{uid} is {truths[uid]}'s study")
        check(r["study"] == "db:" + uid and r["database"] == str(db.resolve()),
              f"{uid}: study db:UID, database {r['database']}")
        for key in MEASURES + ["visible_on_ct", "visible_on_sct", "registration", "flags",
                               "metrics", "ct_to_sct", "roi_source"]:
            check(r[key] == folder[key], f"{truths[uid]}: {key} as in the folder run")
    summary = json.loads(cli(binary, "cohort", "summarize", str(out), "--json"))
    folder_summary = json.loads((work / "out" / "summary.json").read_text())
    for s in (summary, folder_summary):
        for m in s["measures"].values():
            m.pop("patients")  # names differ: UIDs against folder names
    check(same_numbers(summary, folder_summary), "the summary equals the folder run's")

    one = sorted(truths)[0]
    counts = json.loads(cli(binary, "cohort", "run", "--from-db", "--db", str(db), "--study-uid",
                            one, "--out", str(work / "out-db-one"), "--json"))
    check(counts["done"] + counts["failed"] + counts["skipped"] == 1, "--study-uid: one study")
    unknown = subprocess.run([binary, "cohort", "run", "--from-db", "--db", str(db), "--study-uid",
                              "1.2.3.4", "--out", str(work / "out-db-none")],
                             capture_output=True, text=True)
    check(unknown.returncode == 1 and "no study 1.2.3.4" in unknown.stderr,
          f"an unknown --study-uid exits 1 naming it ({unknown.stderr.strip()})")

    # A file indexed and then gone: the patient is a failed row, the run goes on.
    gone = work / "db-gone"
    shutil.rmtree(gone, ignore_errors=True)
    shutil.copytree(work / "studies" / "P005", gone / "P005")
    cli(binary, "db", "import", str(gone / "P005"), "--db", str(gone / "studies.sqlite"))
    sorted((gone / "P005" / "CT").iterdir())[7].unlink()
    counts = json.loads(cli(binary, "cohort", "run", "--from-db", "--db",
                            str(gone / "studies.sqlite"), "--out", str(gone / "out"), "--json"))
    check(counts["failed"] == 1 and counts["done"] == 0, f"vanished CT file: 1 failed ({counts})")
    reason = next(iter(results(gone / "out").values()))["reason"]
    check(reason.startswith("unreadable CT series "), f"reason names the CT: {reason}")


def ellipse(frame, centre, u, v, radii, label, id_):
    return {"id": id_, "label": label, "shape": "ellipse", "frame_of_reference_uid": frame,
            "center_mm": centre, "axis_u": u, "axis_v": v, "radii_mm": radii}


def session_doc(truth, rois):
    return {"format": "crosscheck-session", "version": 1,
            "reference_frame_uid": truth["ct_frame_uid"], "series": [], "annotations": rois,
            "layout": "2x2"}


def session(binary, work):
    studies, out = work / "session" / "studies", work / "session" / "out"
    shutil.rmtree(work / "session", ignore_errors=True)
    for source, name in [("P004", "Drawn"), ("P002", "RulerOnly"), ("P001", "TwoSessions")]:
        shutil.copytree(work / "studies" / source, studies / name)
    truth = json.loads((studies / "Drawn" / "ground_truth.json").read_text())
    t, ct = truth["tumor"], truth["ct_frame_uid"]
    d, c = t["diameters_mm"], t["center_ct_mm"]  # diameters: craniocaudal, AP, LR
    ruler = {"id": "roi-1", "label": "ruler", "shape": "ruler", "frame_of_reference_uid": ct,
             "points_mm": [c, [c[0] + 5.0, c[1], c[2]]]}
    axial = ellipse(ct, c, [1, 0, 0], [0, 1, 0], [d[2] / 2 + 4, d[1] / 2 + 4], "tumour axial",
                    "roi-2")
    sagittal = ellipse(ct, c, [0, 1, 0], [0, 0, 1], [d[1] / 2 + 4, d[0] / 2 + 4],
                       "tumour sagittal", "roi-3")
    (studies / "Drawn" / "case.crosscheck.json").write_text(
        json.dumps(session_doc(truth, [ruler, axial, sagittal])))
    other = json.loads((studies / "RulerOnly" / "ground_truth.json").read_text())
    (studies / "RulerOnly" / "ruler.crosscheck.json").write_text(
        json.dumps(session_doc(other, [dict(ruler, frame_of_reference_uid=other["ct_frame_uid"])])))
    for name in ["a.crosscheck.json", "b.crosscheck.json"]:
        (studies / "TwoSessions" / name).write_text(json.dumps(session_doc(other, [])))
    counts = json.loads(cli(binary, "cohort", "run", str(studies), "--out", str(out), "--json"))
    check(counts["done"] == 2 and counts["failed"] == 1, f"2 done, 1 failed ({counts})")
    r = results(out)
    drawn = r["Drawn"]
    check(drawn["roi_source"] == "session" and
          drawn["session"] == str(studies / "Drawn" / "case.crosscheck.json"),
          f"Drawn: roi_source session, {drawn['session']}")

    # The known answer: `measure` of the same ROIs with the run's CT -> sCT transform.
    transform = {"moving_to_fixed": drawn["ct_to_sct"], "moving_frame_uid": ct,
                 "fixed_frame_uid": truth["mr_frame_uid"], "method": "rigid-mi"}
    (work / "session" / "ct_to_sct.json").write_text(json.dumps(transform))
    rows = {}
    for plane, roi in [("axial", axial), ("sagittal", sagittal)]:
        (work / "session" / f"{plane}.json").write_text(json.dumps(roi))
        measured = json.loads(cli(binary, "measure", str(studies / "Drawn"), "--roi",
                                  str(work / "session" / f"{plane}.json"), "--transform",
                                  str(work / "session" / "ct_to_sct.json"), "--no-agreement",
                                  "--json"))
        rows[plane] = {m["role"]: m for m in measured["measurements"]}
    for role, side in [("CT", "ct"), ("sCT", "sct")]:
        ax, sag = rows["axial"][role]["visible_axial_mm"], rows["sagittal"][role]["visible_sagittal_mm"]
        check([drawn["axial_long_mm"][side], drawn["axial_short_mm"][side]] == ax,
              f"Drawn {role}: axial {ax} mm as measure gives for the axial ellipse")
        check([drawn["sagittal_long_mm"][side], drawn["sagittal_short_mm"][side]] == sag,
              f"Drawn {role}: sagittal {sag} mm as measure gives for the sagittal ellipse")
        check(drawn["mean_hu"][side] == rows["axial"][role]["mean"],
              f"Drawn {role}: mean {drawn['mean_hu'][side]:.1f} HU, the axial ellipse's mean")
    check(drawn["axial_long_mm"]["ct"] > 0 and drawn["visible_on_ct"] and
          not drawn["visible_on_sct"], "Drawn: visible on CT, not on sCT")
    check(abs(drawn["sagittal_long_mm"]["ct"] - max(d[0], d[1])) <= 3.0,
          f"Drawn: CT sagittal long {drawn['sagittal_long_mm']['ct']:.1f} mm near the truth's "
          f"{max(d[0], d[1]):.1f}")

    ruler_only = r["RulerOnly"]
    check(ruler_only["roi_source"] == "finding" and ruler_only["session"] is None and
          any("no ROI with an area or a volume" in w for w in ruler_only["warnings"]),
          "RulerOnly: the finding is measured, with a warning about the session")
    two = r["TwoSessions"]
    check(two["status"] == "failed" and "2 saved sessions" in two["reason"],
          f"TwoSessions: failed, {two['reason']}")
    cli(binary, "cohort", "summarize", str(out))
    sources = {row["patient"]: row["roi_source"] for row in csv.DictReader((out / "patients.csv").open())}
    check(sources == {"Drawn": "session", "RulerOnly": "finding", "TwoSessions": ""},
          f"patients.csv roi_source {sources}")


def main():
    mode, binary, work = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])
    {"database": database, "session": session}[mode](binary, work)


if __name__ == "__main__":
    main()
