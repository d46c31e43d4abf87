#!/usr/bin/python3
"""The layering rules of docs/adr/0001-layers.md and docs/adr/0005-core-dependencies.md.

Fails when
1. crosscheck_core could see Qt or VTK: a Qt/VTK include in core's sources, or a Qt/VTK
   include directory on a compile line of a file under core/ (ADR 0001);
2. a core file includes a core folder that its folder may not include: the allowed graph
   is tests/layering/core_dependencies.txt (ADR 0005, which quotes it; the quote is
   checked too), and each core/<folder>/README.md must say what its folder uses, as the
   table does;
3. a tracked file refers to the folder outside the repository that the product's notes
   used to live in (the repository documents itself: docs/cli.md, docs/domain.md).

Usage: check_core_layer.py SOURCE_DIR COMPILE_COMMANDS_JSON
"""
import json
import pathlib
import re
import shutil
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
TABLE = HERE / "core_dependencies.txt"
ADR = "docs/adr/0005-core-dependencies.md"
SOURCE_SUFFIXES = (".h", ".cpp", ".in")


def qt_vtk_problems(source_dir, compile_commands):
    """ADR 0001: no Qt or VTK header in core, nor on a core compile line."""
    problems = []
    include = re.compile(r'#\s*include\s*[<"](Q[A-Za-z]+|vtk[A-Za-z0-9_]+)(\.h)?[>"]')
    for path in sorted((source_dir / "core").rglob("*")):
        if path.suffix in SOURCE_SUFFIXES and include.search(path.read_text(errors="replace")):
            problems.append(f"{path}: includes a Qt or VTK header")
    entries = [e for e in json.loads(compile_commands.read_text())
               if str(source_dir / "core") in e["file"]]
    for e in entries:
        command = e.get("command") or " ".join(e.get("arguments", []))
        if re.search(r"qt6|vtk", command, re.IGNORECASE):
            problems.append(f"{e['file']}: Qt or VTK on its compile line")
    if not entries:
        problems.append("no compile lines for core/ found in " + str(compile_commands))
    print(f"Qt/VTK: {len(entries)} core compile lines checked")
    return problems


def read_table(text):
    """The declared uses {folder: [folders]} and the exceptions {(file, included)}."""
    uses, exceptions, problems = {}, set(), []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"exception:\s*(\S+)\s*->\s*(\S+)", line)
        if m:
            exceptions.add((m.group(1), m.group(2)))
            continue
        m = re.fullmatch(r"([a-z_]+):\s*([a-z_ ]*)", line)
        if not m:
            problems.append(f"{TABLE.name}:{number}: cannot read '{raw}'")
            continue
        uses[m.group(1)] = m.group(2).split()
    for folder, used in uses.items():
        for u in used:
            if u not in uses:
                problems.append(f"{TABLE.name}: {folder} uses '{u}', which has no line of its own")
    return uses, exceptions, problems


def closure(uses):
    """Everything each folder may include: what it uses, transitively. Raises on a cycle."""
    allowed = {}

    def visit(folder, path):
        if folder in path:
            raise ValueError(" -> ".join(path + [folder]))
        if folder not in allowed:
            reach = set()
            for u in uses.get(folder, []):
                reach.add(u)
                reach |= visit(u, path + [folder])
            allowed[folder] = reach
        return allowed[folder]

    for folder in uses:
        visit(folder, [])
    return allowed


def core_includes(source_dir):
    """(file relative to the source dir, included path) for every core include in core."""
    include = re.compile(r'^\s*#\s*include\s*"(core/[^"]+)"', re.MULTILINE)
    for path in sorted((source_dir / "core").rglob("*")):
        if path.suffix in SOURCE_SUFFIXES:
            rel = path.relative_to(source_dir).as_posix()
            for m in include.finditer(path.read_text(errors="replace")):
                yield rel, m.group(1)


def folder_of(rel):
    """The subject folder of core/<folder>/..., or None for a file directly under core/."""
    parts = rel.split("/")
    return parts[1] if len(parts) > 2 else None


def dependency_problems(source_dir):
    """ADR 0005: every include between core folders is allowed by the table."""
    uses, exceptions, problems = read_table(TABLE.read_text())
    try:
        allowed = closure(uses)
    except ValueError as cycle:
        return problems + [f"{TABLE.name}: the declared graph has a cycle: {cycle}"]
    folders = {p.name for p in (source_dir / "core").iterdir() if p.is_dir()}
    for f in sorted(folders - set(uses)):
        problems.append(f"core/{f}: a core folder missing from {TABLE.name}; give it a line")
    for f in sorted(set(uses) - folders):
        problems.append(f"{TABLE.name}: '{f}' is not a folder of core/")
    used_exceptions, edges = set(), 0
    for rel, included in core_includes(source_dir):
        source, target = folder_of(rel), folder_of(included)
        if target is None or source == target:
            continue  # core/Version.h, or within one folder
        edges += 1
        if source is None:
            problems.append(f"{rel}: a file directly under core/ includes {included}")
        elif (rel, included) in exceptions:
            used_exceptions.add((rel, included))
        elif target not in allowed.get(source, set()):
            may = ", ".join(sorted(allowed.get(source, set()))) or "no other core folder"
            problems.append(f"{rel}: includes {included}, but core/{source} may include only "
                            f"{may} ({TABLE.name}, {ADR})")
    for rel, included in sorted(exceptions - used_exceptions):
        problems.append(f"{TABLE.name}: exception '{rel} -> {included}' is no longer needed; "
                        "remove it")
    print(f"core folders: {edges} includes between folders checked against "
          f"{len(uses)} folders, {len(exceptions)} known exception(s)")
    problems += adr_quote_problems(source_dir)
    problems += readme_problems(source_dir, uses)
    return problems


def readme_problems(source_dir, uses):
    """Each core/<folder>/README.md says what its folder uses, as the table declares it:
    a line "Uses in core: `a`, `b` (...)" or "Uses in core: nothing (...)"."""
    problems = []
    for folder, used in sorted(uses.items()):
        readme = source_dir / "core" / folder / "README.md"
        if not readme.exists():
            problems.append(f"core/{folder}/README.md: missing")
            continue
        line = re.search(r"^Uses in core: (.*)$", readme.read_text(), re.MULTILINE)
        expected = ", ".join(f"`{u}`" for u in used) or "nothing"
        if not line:
            problems.append(f"core/{folder}/README.md: no line 'Uses in core: {expected} (...)'")
            continue
        said = re.findall(r"`([a-z_]+)`", line.group(1).split("(")[0])
        if said != used or (not used and not line.group(1).startswith("nothing")):
            problems.append(f"core/{folder}/README.md: says 'Uses in core: {line.group(1)}', "
                            f"the table says {expected}")
    return problems


def adr_quote_problems(source_dir):
    """The ADR quotes the table's rules verbatim in one fenced block."""
    adr = source_dir / ADR
    if not adr.exists():
        return [f"{ADR}: missing (it quotes {TABLE.name})"]
    rules = [l for l in TABLE.read_text().splitlines() if l.strip() and not l.startswith("#")]
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", adr.read_text(), re.MULTILINE | re.DOTALL)
    for block in blocks:
        lines = [l for l in block.splitlines() if l.strip() and not l.startswith("#")]
        if lines == rules:
            return []
    return [f"{ADR}: no fenced block quotes the rules of {TABLE.name} as they are now; "
            "copy them into the ADR"]


def shared_folder_problems(source_dir):
    """No tracked file refers to the old notes folder outside the repository."""
    if shutil.which("git") is None:
        print("outside references: git not installed, not checked")
        return []
    inside = subprocess.run(["git", "-C", str(source_dir), "rev-parse", "--is-inside-work-tree"],
                            capture_output=True, text=True)
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        print("outside references: not a git checkout, not checked")
        return []
    try:
        this = pathlib.Path(__file__).resolve().relative_to(source_dir).as_posix()
    except ValueError:  # run from a copy outside the source tree
        this = "tests/layering/" + pathlib.Path(__file__).name
    patterns = ["../" + "shared", "/work/" + "shared"]
    command = ["git", "-C", str(source_dir), "grep", "-n", "-I", "-F"]
    for p in patterns:
        command += ["-e", p]
    command += ["--", ".", f":(exclude){this}"]
    found = subprocess.run(command, capture_output=True, text=True)
    if found.returncode not in (0, 1):
        return [f"git grep failed: {found.stderr.strip()}"]
    print("outside references: tracked files searched with git grep")
    return [f"{line}: refers to a folder outside the repository; point at docs/ instead"
            for line in found.stdout.splitlines()]


def main():
    source_dir = pathlib.Path(sys.argv[1]).resolve()
    compile_commands = pathlib.Path(sys.argv[2])
    problems = qt_vtk_problems(source_dir, compile_commands)
    problems += dependency_problems(source_dir)
    problems += shared_folder_problems(source_dir)
    for p in problems:
        print(p)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
