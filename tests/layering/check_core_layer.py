#!/usr/bin/python3
"""Fails when crosscheck_core could see Qt or VTK: a Qt/VTK include in core's sources,
or a Qt/VTK include directory on a compile line of a file under core/."""
import json
import pathlib
import re
import sys

source_dir = pathlib.Path(sys.argv[1])
compile_commands = pathlib.Path(sys.argv[2])
problems = []
include = re.compile(r'#\s*include\s*[<"](Q[A-Za-z]+|vtk[A-Za-z0-9_]+)(\.h)?[>"]')
for path in sorted((source_dir / "core").rglob("*")):
    if path.suffix in (".h", ".cpp", ".in") and include.search(path.read_text(errors="replace")):
        problems.append(f"{path}: includes a Qt or VTK header")
entries = [e for e in json.loads(compile_commands.read_text())
           if str(source_dir / "core") in e["file"]]
for e in entries:
    command = e.get("command") or " ".join(e.get("arguments", []))
    if re.search(r"qt6|vtk", command, re.IGNORECASE):
        problems.append(f"{e['file']}: Qt or VTK on its compile line")
if not entries:
    problems.append("no compile lines for core/ found in " + str(compile_commands))
for p in problems:
    print(p)
print(f"{len(entries)} core compile lines checked, {len(problems)} problems")
sys.exit(1 if problems else 0)
