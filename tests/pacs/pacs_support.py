"""What the PACS test scripts share: where orthanc.sh is, the failure list, and how a
crosscheck-cli command is run and checked. Every command's output is kept in OUTPUTS so a
test can check that no secret was printed; a failing command is named by its first words
only, because later arguments may hold a password."""
import json
import pathlib
import subprocess

HERE = pathlib.Path(__file__).resolve().parent
ORTHANC = str(HERE / "orthanc.sh")
FAILURES = []
OUTPUTS = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        FAILURES.append(what)


def run(args, expect=0):
    done = subprocess.run(args, capture_output=True, text=True, timeout=600)
    OUTPUTS.append(done.stdout + done.stderr)
    if done.returncode != expect:
        raise SystemExit(f"{args[:3]} exited {done.returncode}, expected {expect}:\n"
                         f"{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return done


def cli_json(cli, *args):
    return json.loads(run([cli, *args, "--json"]).stdout)
