#!/usr/bin/python3
"""crosscheck-cli pacs against a real Orthanc on loopback (tests/pacs/orthanc.sh).

Stores the small phantom study in a private Orthanc, then: echo; find by patient name
pattern, patient ID, study date range and modality (known answers from the phantom's own
headers); retrieve the study by C-GET and by C-MOVE and compare every series' voxel hash
(`crosscheck-cli info --json` sha256) with the originals; C-STORE the SR and SEG written by
`crosscheck-cli report` and find both through Orthanc's REST API.

Usage: pacs_roundtrip.py CROSSCHECK_CLI
"""
import json
import pathlib
import sys
import tempfile
import urllib.request

from pacs_support import FAILURES, ORTHANC, check, cli_json, run


def env_of(text):
    return dict(line.split("=", 1) for line in text.split() if "=" in line)


def rest(url, body=None):
    data = None if body is None else json.dumps(body).encode()
    with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=30) as r:
        return json.loads(r.read())


def main():
    cli = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="crosscheck-pacs-") as tmp:
        tmp = pathlib.Path(tmp)
        scp_port = run([ORTHANC, "free-port"]).stdout.strip()
        orthanc_dir = tmp / "orthanc"
        orthanc_dir.mkdir()
        env = env_of(run([ORTHANC, "start", str(orthanc_dir), "--move",
                          f"CROSSCHECK={scp_port}"]).stdout)
        try:
            roundtrip(cli, tmp, env, scp_port)
        finally:
            run([ORTHANC, "stop", str(orthanc_dir)])
    print(f"{len(FAILURES)} failure(s)")
    return 1 if FAILURES else 0


def roundtrip(cli, tmp, env, scp_port):
    node = f"{env['ORTHANC_AET']}@127.0.0.1:{env['ORTHANC_DICOM_PORT']}"
    phantom = tmp / "phantom"
    run([cli, "phantom", str(phantom), "--size", "small"])
    scan = cli_json(cli, "scan", str(phantom))["series"]
    study_uid = scan[0]["study_instance_uid"]
    patient_id, study_date = scan[0]["patient_id"], scan[0]["study_date"]
    files = sorted(str(p) for p in phantom.rglob("*.dcm"))
    originals = {s["series_instance_uid"]: cli_json(cli, "info", str(phantom / s["role"]))["sha256"]
                 for s in scan}

    stored = cli_json(cli, "pacs", "store", "--node", node, *files)
    check(stored == {"sent": len(files), "failed": []}, f"C-STORE of {len(files)} phantom files")

    echo = cli_json(cli, "pacs", "echo", "--node", node)
    check(echo["ok"] is True and echo["node"] == node, "C-ECHO answers and names the node")

    def find(*args):
        return cli_json(cli, "pacs", "find", "--node", node, *args)["results"]

    by_name = find("--level", "study", "--patient-name", "PHANTOM^CROSS*")
    check([r["study_instance_uid"] for r in by_name] == [study_uid] and
          by_name[0]["instances"] == len(files), "find by patient name pattern: the study, all instances")
    check(find("--level", "patient", "--patient-id", patient_id)[0].get("patient_id") == patient_id
          and "study_instance_uid" not in find("--level", "patient", "--patient-id", patient_id)[0],
          "find at patient level by ID: the patient, no study keys")
    check(find("--patient-id", "NOT-" + patient_id) == [], "find by another patient ID: nothing")
    year = int(study_date[:4])
    inside = f"{year - 1}0101-{year}1231"
    outside = f"{year - 3}0101-{year - 2}1231"
    check(len(find("--study-date", inside)) == 1, f"find by date range {inside}: the study")
    check(find("--study-date", outside) == [], f"find by date range {outside}: nothing")
    for modality in ("CT", "MR"):
        found = {r["series_instance_uid"] for r in find("--level", "series", "--modality", modality)}
        expected = {s["series_instance_uid"] for s in scan if s["modality"] == modality}
        check(found == expected, f"find series by modality {modality}: {len(expected)} series")

    for how, extra in (("get", []), ("move", ["--dest-aet", "CROSSCHECK", "--port", scp_port])):
        out = tmp / how
        got = cli_json(cli, "pacs", how, "--node", node, "--study-uid", study_uid,
                       "--out", str(out), *extra)
        check(got["instances"] == len(files) and len(got["files"]) == len(files),
              f"C-{how.upper()}: {len(files)} instances")
        check(not [p for p in out.rglob("*") if p.name.startswith(".")],
              f"C-{how.upper()}: no temporary file left")
        for uid, sha in originals.items():
            check(cli_json(cli, "info", str(out / uid))["sha256"] == sha,
                  f"C-{how.upper()}: series {uid[-12:]} has the original voxels")

    other = tmp / "other"
    refused = run([cli, "pacs", "move", "--node", node.replace("ORTHANC@", "OTHERAET@"),
                   "--study-uid", study_uid, "--out", str(other), "--dest-aet", "CROSSCHECK",
                   "--port", scp_port, "--timeout", "10"], expect=1)
    check("refused an association" in refused.stderr and "'OTHERAET'" in refused.stderr,
          "C-MOVE from a node that is not the configured one: the storage SCP refuses it")
    check(not list(other.rglob("*.dcm")), "nothing written from the refused association")

    truth = json.loads((phantom / "ground_truth.json").read_text())
    roi = tmp / "roi.json"
    roi.write_text(json.dumps({"shape": "ellipse", "frame_of_reference_uid": truth["ct_frame_uid"],
                               "center_mm": truth["tumor"]["center_ct_mm"], "axis_u": [1, 0, 0],
                               "axis_v": [0, 1, 0], "radii_mm": [5, 5]}))
    report = tmp / "report"
    run([cli, "report", str(phantom), "--roi", str(roi), "--out", str(report),
         "--formats", "sr,seg"])
    objects = sorted(report.glob("*.dcm"))
    check(len(objects) == 2, "report wrote an SR and a SEG")
    sent = cli_json(cli, "pacs", "store", "--node", node, *map(str, objects))
    check(sent == {"sent": 2, "failed": []}, "C-STORE of the SR and the SEG")
    import pydicom  # Debian's python3-pydicom
    for path in objects:
        ds = pydicom.dcmread(str(path), stop_before_pixels=True)
        hits = rest(env["ORTHANC_URL"] + "/tools/find",
                    {"Level": "Instance", "Query": {"SOPInstanceUID": ds.SOPInstanceUID}})
        check(len(hits) == 1, f"Orthanc's REST API finds {path.name} ({ds.Modality})")


if __name__ == "__main__":
    sys.exit(main())
