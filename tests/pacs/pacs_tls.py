#!/usr/bin/python3
"""crosscheck-cli pacs over DICOM TLS against a real Orthanc with DicomTlsEnabled.

make_tls_certs.sh writes a throw-away CA, a server certificate for Orthanc, a client
certificate and a second, unrelated CA; orthanc.sh --tls starts Orthanc speaking only TLS
on its DICOM port. Then, with the right CA: C-STORE of the small phantom CT, C-ECHO (also
with a client certificate), C-FIND of the CT series, C-GET of it with the original voxels
(`crosscheck-cli info` sha256). With the wrong CA, without --tls, and with a client
certificate whose key does not match: exit 1, one line naming the node and the reason,
back within the time-out (a bound with a generous margin, not a speed test). A second
Orthanc requires a client certificate: accepted with one, refused without (one sentence).

Usage: pacs_tls.py CROSSCHECK_CLI
"""
import pathlib
import subprocess
import sys
import tempfile
import time

from pacs_support import FAILURES, HERE, ORTHANC, check, cli_json, run

TIMEOUT_S = 5
MARGIN_S = 30


def env_of(text):
    return dict(line.split("=", 1) for line in text.split() if "=" in line)


def fails(cli, what, words, *args):
    start = time.monotonic()
    try:
        done = subprocess.run([cli, "pacs", *args, "--timeout", str(TIMEOUT_S)],
                              capture_output=True, text=True, timeout=TIMEOUT_S + MARGIN_S)
    except subprocess.TimeoutExpired:
        check(False, f"{what}: returned within {TIMEOUT_S} s + {MARGIN_S} s")
        return
    lines = done.stderr.strip().splitlines()
    message = lines[-1] if lines else ""
    check(done.returncode == 1 and len(lines) == 1 and all(w in message for w in words),
          f"{what}: exit {done.returncode}, '{message}' ({time.monotonic() - start:.1f} s)")


def main():
    cli = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="crosscheck-pacs-tls-") as tmp:
        tmp = pathlib.Path(tmp)
        certs = tmp / "certs"
        run(["bash", str(HERE / "make_tls_certs.sh"), str(certs)])
        orthanc_dir = tmp / "orthanc"
        orthanc_dir.mkdir()
        env = env_of(run([ORTHANC, "start", str(orthanc_dir), "--tls", str(certs)]).stdout)
        try:
            over_tls(cli, tmp, certs, env)
        finally:
            run([ORTHANC, "stop", str(orthanc_dir)])
        strict_dir = tmp / "strict"
        strict_dir.mkdir()
        env = env_of(run([ORTHANC, "start", str(strict_dir), "--tls", str(certs),
                          "--tls-client-required"]).stdout)
        try:
            client_certificate_required(cli, certs, env)
        finally:
            run([ORTHANC, "stop", str(strict_dir)])
    print(f"{len(FAILURES)} failure(s)")
    return 1 if FAILURES else 0


def over_tls(cli, tmp, certs, env):
    node = f"{env['ORTHANC_AET']}@127.0.0.1:{env['ORTHANC_DICOM_PORT']}"
    tls = ["--node", node, "--tls", "--tls-ca", str(certs / "ca.crt")]
    phantom = tmp / "phantom"
    run([cli, "phantom", str(phantom), "--size", "small"])
    ct = next(s for s in cli_json(cli, "scan", str(phantom))["series"] if s["role"] == "CT")
    files = sorted(str(p) for p in (phantom / "CT").glob("*.dcm"))
    original = cli_json(cli, "info", str(phantom / "CT"))["sha256"]

    stored = cli_json(cli, "pacs", "store", *tls, *files)
    check(stored == {"sent": len(files), "failed": []}, f"C-STORE over TLS: {len(files)} files")
    check(cli_json(cli, "pacs", "echo", *tls)["ok"] is True, "C-ECHO over TLS with the right CA")
    client = ["--tls-cert", str(certs / "client.crt"), "--tls-key", str(certs / "client.key")]
    check(cli_json(cli, "pacs", "echo", *tls, *client)["ok"] is True,
          "C-ECHO over TLS with a client certificate")
    found = cli_json(cli, "pacs", "find", *tls, "--level", "series", "--modality", "CT")["results"]
    check([r["series_instance_uid"] for r in found] == [ct["series_instance_uid"]],
          "C-FIND over TLS: the CT series")
    out = tmp / "get"
    got = cli_json(cli, "pacs", "get", *tls, "--study-uid", ct["study_instance_uid"],
                   "--series-uid", ct["series_instance_uid"], "--out", str(out))
    check(got["instances"] == len(files), f"C-GET over TLS: {len(files)} instances")
    check(cli_json(cli, "info", str(out / ct["series_instance_uid"]))["sha256"] == original,
          "C-GET over TLS: the original voxels")

    wrong = ["--node", node, "--tls", "--tls-ca", str(certs / "other-ca.crt")]
    for sub in ("echo", "find"):
        fails(cli, f"{sub} with the wrong CA", [node, "not trusted", "other-ca.crt"], sub, *wrong)
    fails(cli, "get with the wrong CA", [node, "not trusted"], "get", *wrong, "--study-uid",
          ct["study_instance_uid"], "--out", str(tmp / "wrong"))
    check(not (tmp / "wrong").exists() or not list((tmp / "wrong").rglob("*")),
          "get with the wrong CA: nothing written")
    fails(cli, "echo without --tls on the TLS port", [node, "DICOM TLS"], "echo", "--node", node)
    fails(cli, "echo with a key that is not the certificate's", [node, "does not belong"], "echo",
          *tls, "--tls-cert", str(certs / "client.crt"), "--tls-key", str(certs / "server.key"))
    usage = subprocess.run([cli, "pacs", "echo", "--node", node, "--tls"], capture_output=True,
                           text=True, timeout=60)
    check(usage.returncode == 2 and "--tls-ca" in usage.stderr, "--tls without --tls-ca: exit 2")


def client_certificate_required(cli, certs, env):
    node = f"{env['ORTHANC_AET']}@127.0.0.1:{env['ORTHANC_DICOM_PORT']}"
    tls = ["--node", node, "--tls", "--tls-ca", str(certs / "ca.crt")]
    client = ["--tls-cert", str(certs / "client.crt"), "--tls-key", str(certs / "client.key")]
    check(cli_json(cli, "pacs", "echo", *tls, *client)["ok"] is True,
          "a node that requires a client certificate: C-ECHO with one")
    fails(cli, "a node that requires a client certificate: echo without one",
          [node, "client certificate"], "echo", *tls)


if __name__ == "__main__":
    sys.exit(main())
