#!/usr/bin/python3
"""crosscheck-cli pacs errors a user can act on, each one line naming the node, exit 1, and
returned within the configured time-out (a bound on giving up with a generous margin, not a
speed test).

- an Orthanc that checks the called AE title: a wrong AE title is "association rejected";
- the same Orthanc asked to C-MOVE to a destination it does not know;
- a C-MOVE from a node whose AE title is not the one configured: Crosscheck's storage SCP
  refuses the association (calling AE title checked) and says so;
- Orthanc stopped: "connection refused" for echo, find and get;
- a port that accepts TCP but never answers: "timed out after N s";
- a study with one instance of a SOP class Crosscheck does not offer to take: the C-GET
  reports fewer instances than the node found;
- Ctrl-C (SIGINT) during a C-GET, and Orthanc killed during a C-GET: exit 1, no temporary
  file left, every file under its final name complete.

Usage: pacs_errors.py CROSSCHECK_CLI
"""
import pathlib
import signal
import socket
import subprocess
import sys
import tempfile
import time

from pacs_support import FAILURES, HERE, ORTHANC, check, run

TIMEOUT_S = 3
MARGIN_S = 30


def fails(cli, what, node, words, *args):
    """Runs a pacs command that must fail: exit 1, one stderr line naming the node and
    containing each of `words`, back within the time-out plus the margin."""
    start = time.monotonic()
    try:
        done = subprocess.run([cli, "pacs", *args, "--node", node, "--timeout", str(TIMEOUT_S)],
                              capture_output=True, text=True, timeout=TIMEOUT_S + MARGIN_S)
    except subprocess.TimeoutExpired:
        check(False, f"{what}: returned within {TIMEOUT_S} s + {MARGIN_S} s")
        return
    lines = [l for l in done.stderr.splitlines() if not l.startswith("note:")]
    message = lines[-1] if lines else ""
    check(done.returncode == 1 and node in message and all(w in message for w in words),
          f"{what}: exit {done.returncode}, '{message}' "
          f"({time.monotonic() - start:.1f} s)")


def complete_files_only(folder, what):
    """No temporary file left, and every final file is a whole DICOM image."""
    import pydicom  # Debian's python3-pydicom
    check(not [p for p in folder.rglob(".*")], f"{what}: no temporary file left")
    whole = True
    for path in folder.rglob("*.dcm"):
        ds = pydicom.dcmread(str(path))
        whole &= len(ds.PixelData) == ds.Rows * ds.Columns * ds.BitsAllocated // 8
    check(whole, f"{what}: every file under its final name is complete")


def interrupted_get(cli, node, uids, out, interrupt):
    """Starts a C-GET, calls interrupt() once its first file is in place; returns the
    command's exit status and last stderr line."""
    get = subprocess.Popen([cli, "pacs", "get", "--node", node, "--timeout", str(TIMEOUT_S),
                            *uids, "--out", str(out)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and get.poll() is None and not any(out.rglob("*.dcm")):
        time.sleep(0.02)
    interrupt(get)
    _, err = get.communicate(timeout=TIMEOUT_S + MARGIN_S)
    lines = err.strip().splitlines()
    return get.returncode, lines[-1] if lines else ""


def main():
    cli = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="crosscheck-pacs-errors-") as tmp:
        tmp = pathlib.Path(tmp)
        orthanc_dir = tmp / "orthanc"
        orthanc_dir.mkdir()
        env = dict(l.split("=", 1) for l in
                   run([ORTHANC, "start", str(orthanc_dir), "--check-called-aet"]).stdout.split())
        port = env["ORTHANC_DICOM_PORT"]
        node = f"ORTHANC@127.0.0.1:{port}"
        try:
            run([cli, "pacs", "echo", "--node", node])
            fails(cli, "wrong called AE title", f"WRONGAET@127.0.0.1:{port}",
                  ["association rejected", "WRONGAET"], "echo")
            phantom = tmp / "phantom"
            run([cli, "phantom", str(phantom), "--size", "small"])
            ct = sorted(str(p) for p in (phantom / "CT").glob("*.dcm"))
            run([cli, "pacs", "store", "--node", node, *ct])
            study = run([cli, "pacs", "find", "--node", node, "--json"]).stdout
            study_uid = study.split('"study_instance_uid": "')[1].split('"')[0]
            scp_port = run([ORTHANC, "free-port"]).stdout.strip()
            fails(cli, "C-MOVE to a destination the node does not know", node,
                  ["move destination", "NOSUCHDEST"], "move", "--study-uid", study_uid,
                  "--out", str(tmp / "moved"), "--dest-aet", "NOSUCHDEST", "--port", scp_port)
            check(not (tmp / "moved").exists() or not any((tmp / "moved").rglob("*.dcm")),
                  "nothing written by the failed C-MOVE")

            code, message = interrupted_get(cli, node, ["--study-uid", study_uid],
                                            tmp / "cancelled",
                                            lambda p: p.send_signal(signal.SIGINT))
            check(code == 1 and "cancelled" in message, f"Ctrl-C during C-GET: '{message}'")
            complete_files_only(tmp / "cancelled", "Ctrl-C during C-GET")

            stl = tmp / "stl.dcm"
            run([str(HERE / "make_unoffered_instance.py"), str(stl), study_uid,
                 study.split('"patient_id": "')[1].split('"')[0], "PHANTOM^CROSSCHECK^P001"])
            run([cli, "pacs", "store", "--node", node, str(stl)])
            fails(cli, "a C-GET that brings fewer instances than found", node,
                  [f"of {len(ct) + 1} instances were retrieved", "1 failed at the node"],
                  "get", "--study-uid", study_uid, "--out", str(tmp / "short"))
            complete_files_only(tmp / "short", "a short C-GET")

            ct_series = run([cli, "scan", str(phantom / "CT"), "--json"]).stdout
            ct_series = ct_series.split('"series_instance_uid": "')[1].split('"')[0]
            code, message = interrupted_get(
                cli, node, ["--study-uid", study_uid, "--series-uid", ct_series],
                tmp / "aborted",
                lambda p: subprocess.run(["kill", "-KILL", env["ORTHANC_PID"]]))
            check(code == 1 and node in message and ("aborted" in message or "broke off" in
                                                      message), f"Orthanc killed during C-GET: '{message}'")
            complete_files_only(tmp / "aborted", "Orthanc killed during C-GET")
        finally:
            run([ORTHANC, "stop", str(orthanc_dir)])
        for command in (["echo"], ["find", "--patient-id", "X"],
                        ["get", "--study-uid", "1.2.3", "--out", str(tmp / "get")]):
            fails(cli, f"{command[0]} with Orthanc stopped", node, ["connection refused"],
                  *command)
        silent = socket.socket()
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # accepts TCP connections into the backlog, never answers them
        silent_node = f"SILENT@127.0.0.1:{silent.getsockname()[1]}"
        fails(cli, "a node that never answers", silent_node,
              [f"timed out after {TIMEOUT_S} s"], "echo")
        fails(cli, "find on a node that never answers", silent_node,
              [f"timed out after {TIMEOUT_S} s"], "find")
        silent.close()
    print(f"{len(FAILURES)} failure(s)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
