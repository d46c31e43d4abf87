#!/usr/bin/python3
"""crosscheck-cli pacs against Orthanc's DICOMweb plugin, with HTTP basic authentication.

STOW-RS of the small phantom, QIDO-RS searches (name pattern, modality, patient level),
WADO-RS of the study with every series' voxel hash equal to the original's, STOW-RS of the
report's SR and SEG found again through Orthanc's REST API; a wrong password is
"authentication refused"; the password never appears in any output; Orthanc stopped is
"connection refused". A small local HTTP server checks that a bearer token is sent as
"Authorization: Bearer ..." (a wrong one refused, the token in no output), and a port that
accepts connections but never answers gives "timed out after N s".

Usage: pacs_dicomweb.py CROSSCHECK_CLI
"""
import base64
import http.server
import json
import pathlib
import secrets
import socket
import sys
import tempfile
import threading
import urllib.request

from pacs_support import FAILURES, ORTHANC, OUTPUTS, check, cli_json, run


def main():
    cli = sys.argv[1]
    password = secrets.token_hex(8)
    with tempfile.TemporaryDirectory(prefix="crosscheck-dicomweb-") as tmp:
        tmp = pathlib.Path(tmp)
        (tmp / "orthanc").mkdir()
        env = dict(l.split("=", 1) for l in run(
            [ORTHANC, "start", str(tmp / "orthanc"), "--dicomweb", "--user",
             f"alice:{password}"]).stdout.split())
        root = env["ORTHANC_DICOMWEB"]
        auth = ["--user", "alice", "--password", password]
        try:
            roundtrip(cli, tmp, env, root, auth, password)
        finally:
            run([ORTHANC, "stop", str(tmp / "orthanc")])
        refused = run([cli, "pacs", "echo", "--node", root, *auth, "--timeout", "5"], expect=1)
        check(root in refused.stderr and "connection refused" in refused.stderr,
              "echo with Orthanc stopped: connection refused, naming the root URL")
    token = secrets.token_hex(16)
    bearer(cli, token)
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # accepts connections into the backlog, never answers
    slow = run([cli, "pacs", "echo", "--node", f"http://127.0.0.1:{silent.getsockname()[1]}/dw",
                "--timeout", "2"], expect=1)
    check(slow.stderr.strip().endswith("timed out after 2 s") and len(slow.stderr.splitlines()) == 1,
          f"a server that never answers: '{slow.stderr.strip()}'")
    silent.close()
    # the harness's own command lines hold the secrets; the program's outputs must not
    check(all(password not in o for o in OUTPUTS), "the password appears in no output")
    check(all(token not in o for o in OUTPUTS), "the token appears in no output")
    print(f"{len(FAILURES)} failure(s)")
    return 1 if FAILURES else 0


def bearer(cli, token):
    """A QIDO-RS endpoint that answers [] only to "Authorization: Bearer <token>"."""
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            ok = self.headers.get("Authorization") == "Bearer " + token
            body = b"[]" if ok else b""
            self.send_response(200 if ok else 401)
            self.send_header("Content-Type", "application/dicom+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = f"http://127.0.0.1:{server.server_address[1]}/dicom-web"
    try:
        good = cli_json(cli, "pacs", "echo", "--node", root, "--token", token)
        check(good["ok"] is True, "a bearer token is sent as Authorization: Bearer")
        bad = run([cli, "pacs", "echo", "--node", root, "--token", "wrong"], expect=1)
        check("authentication refused" in bad.stderr, "a wrong token is refused")
        both = run([cli, "pacs", "echo", "--node", root, "--token", token, "--user", "u"],
                   expect=2)
        check("not both" in both.stderr, "--token with --user is a usage error")
    finally:
        server.shutdown()


def roundtrip(cli, tmp, env, root, auth, password):
    wrong = run([cli, "pacs", "echo", "--node", root, "--user", "alice", "--password", "nope"],
                expect=1)
    check("authentication refused" in wrong.stderr and root in wrong.stderr,
          f"a wrong password: '{wrong.stderr.strip()}'")
    check(cli_json(cli, "pacs", "echo", "--node", root, *auth)["ok"] is True, "echo (QIDO-RS)")

    phantom = tmp / "phantom"
    run([cli, "phantom", str(phantom), "--size", "small"])
    scan = cli_json(cli, "scan", str(phantom))["series"]
    study_uid = scan[0]["study_instance_uid"]
    files = sorted(str(p) for p in phantom.rglob("*.dcm"))
    stored = cli_json(cli, "pacs", "store", "--node", root, *auth, *files)
    check(stored == {"sent": len(files), "failed": []}, f"STOW-RS of {len(files)} files")

    def find(*args):
        return cli_json(cli, "pacs", "find", "--node", root, *auth, *args)["results"]

    # Orthanc's DICOMweb plugin does not decode "%5E" ('^'): a pattern without '^' here.
    studies = find("--patient-name", "PHANTOM*CROSS*")
    check([s["study_instance_uid"] for s in studies] == [study_uid] and
          studies[0]["instances"] == len(files), "QIDO-RS by name pattern: the study")
    mr = {s["series_instance_uid"] for s in find("--level", "series", "--modality", "MR")}
    check(mr == {s["series_instance_uid"] for s in scan if s["modality"] == "MR"},
          "QIDO-RS series by modality MR")
    patients = find("--level", "patient", "--patient-id", scan[0]["patient_id"])
    check(len(patients) == 1 and patients[0]["instances"] == len(files),
          "patient level: one patient with every instance")

    got = cli_json(cli, "pacs", "get", "--node", root, *auth, "--study-uid", study_uid,
                   "--out", str(tmp / "wado"))
    check(got["instances"] == len(files), f"WADO-RS: {len(files)} instances")
    check(not [p for p in (tmp / "wado").rglob(".*")], "WADO-RS: no temporary file left")
    for s in scan:
        original = cli_json(cli, "info", str(phantom / s["role"]))["sha256"]
        copy = cli_json(cli, "info", str(tmp / "wado" / s["series_instance_uid"]))["sha256"]
        check(copy == original, f"WADO-RS: {s['role']} has the original voxels")

    truth = json.loads((phantom / "ground_truth.json").read_text())
    roi = tmp / "roi.json"
    roi.write_text(json.dumps({"shape": "ellipse", "frame_of_reference_uid": truth["ct_frame_uid"],
                               "center_mm": truth["tumor"]["center_ct_mm"], "axis_u": [1, 0, 0],
                               "axis_v": [0, 1, 0], "radii_mm": [5, 5]}))
    run([cli, "report", str(phantom), "--roi", str(roi), "--out", str(tmp / "report"),
         "--formats", "sr,seg"])
    objects = sorted((tmp / "report").glob("*.dcm"))
    sent = cli_json(cli, "pacs", "store", "--node", root, *auth, *map(str, objects))
    check(sent == {"sent": 2, "failed": []}, "STOW-RS of the SR and the SEG")
    import pydicom  # Debian's python3-pydicom
    header = "Basic " + base64.b64encode(f"alice:{password}".encode()).decode()
    for path in objects:
        uid = pydicom.dcmread(str(path), stop_before_pixels=True).SOPInstanceUID
        request = urllib.request.Request(
            env["ORTHANC_URL"] + "/tools/find",
            data=json.dumps({"Level": "Instance", "Query": {"SOPInstanceUID": uid}}).encode(),
            headers={"Authorization": header})
        with urllib.request.urlopen(request, timeout=30) as r:
            check(len(json.loads(r.read())) == 1, f"Orthanc's REST API finds {path.name}")


if __name__ == "__main__":
    sys.exit(main())
