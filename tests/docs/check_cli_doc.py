#!/usr/bin/python3
"""docs/cli.md lists every command and option that the executables' --help shows, and
nothing else, in its implemented part (everything before "## Planned").

The doc's format, which this test reads:
- each command has a heading `### crosscheck`, `### crosscheck-cli` (the root options) or
  `### crosscheck-cli <command> [<subcommand>]`; its section runs to the next heading of
  level 1 to 3;
- in a section, each list item that starts with backticked names documents those options
  or arguments: "- `--seed N`: ..." or "- `-h`, `--help`: ..."; the first word in each
  pair of backticks is the name. Names starting with "-" are options, others positional
  arguments (CLI11 lists those; the GUI's are not compared). Other content of a section
  (JSON keys) goes in tables or prose, not in list items that start with a backtick.

Usage: check_cli_doc.py DOC CROSSCHECK_CLI [CROSSCHECK]
The GUI is left out when CROSSCHECK is not given (a build without the viewer).
"""
import os
import pathlib
import re
import subprocess
import sys

PLANNED = re.compile(r"^## Planned\b")
HEADING = re.compile(r"^(#{1,3}) (.*?)\s*$")
COMMAND_HEADING = re.compile(r"^crosscheck(-cli)?( [a-z0-9-]+)*$")
ITEM = re.compile(r"^- ((?:`[^`]+`)(?:\s*,\s*`[^`]+`)*)")
OPTION = re.compile(r"(?<![\w-])(--?[A-Za-z0-9][A-Za-z0-9_-]*)")


def doc_sections(text):
    """{command heading: {"options": set, "positionals": set}} of the implemented part."""
    sections, current = {}, None
    for line in text.splitlines():
        if PLANNED.match(line):
            break
        heading = HEADING.match(line)
        if heading:
            title = heading.group(2)
            current = None
            if len(heading.group(1)) == 3 and COMMAND_HEADING.match(title):
                if title in sections:
                    raise SystemExit(f"docs/cli.md: the heading '### {title}' appears twice")
                current = sections[title] = {"options": set(), "positionals": set()}
            continue
        item = ITEM.match(line)
        if current is not None and item:
            for span in re.findall(r"`([^`]+)`", item.group(1)):
                name = span.split()[0].rstrip(".").rstrip(",")
                kind = "options" if name.startswith("-") else "positionals"
                current[kind].add(name.rstrip("."))
    return sections


def run_help(command):
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"  # the GUI's --help must not need a display
    shown = " ".join([pathlib.Path(command[0]).name] + command[1:]) + " --help"
    if not pathlib.Path(command[0]).is_file():
        raise SystemExit(f"{command[0]}: not built, so `{shown}` cannot run")
    done = subprocess.run(command + ["--help"], capture_output=True, text=True, env=env,
                          timeout=120)
    if done.returncode != 0:
        raise SystemExit(f"`{shown}` exited {done.returncode}:\n{done.stdout}{done.stderr}")
    if not done.stdout.strip():
        raise SystemExit(f"`{shown}` printed nothing on stdout")
    return done.stdout


def entry_names(entry):
    """The names an entry of a help text starts with: "-h,--help TEXT  ..." (CLI11) or
    "-h, --help  ..." (Qt) give -h and --help; "--seed UINT=1 ..." gives --seed."""
    names = []
    for token in entry.split():
        names += [n for n in token.rstrip(",").split(",") if n]
        if not token.endswith(","):
            break
    return names


def parse_help(text):
    """Options, CLI11 positionals and CLI11 subcommands of a --help text. An entry is a line
    indented by one to four spaces; deeper lines are wrapped descriptions."""
    options, positionals, subcommands = set(), set(), []
    section = None
    for line in text.splitlines():
        if re.match(r"^\S.*:\s*$", line):
            section = line.strip().rstrip(":").lower()
            continue
        entry = re.match(r"^ {1,4}(\S.*)$", line)
        if not entry:
            continue
        names = entry_names(entry.group(1))
        if names[0].startswith("-"):
            options.update(n for n in names if OPTION.fullmatch(n))
        elif section == "positionals":
            positionals.add(names[0])
        elif section == "subcommands":
            subcommands.append(names[0])
    return options, positionals, subcommands


def compare(title, shown_by, shown, documented, kind, problems):
    for name in sorted(shown - documented):
        problems.append(f"docs/cli.md, '### {title}': missing {kind} `{name}` "
                        f"(shown by `{shown_by}`)")
    for name in sorted(documented - shown):
        problems.append(f"docs/cli.md, '### {title}': lists {kind} `{name}`, which "
                        f"`{shown_by}` does not show (move it to 'Planned' or remove it)")


def check_cli(cli, sections, problems):
    """Walks the CLI's commands from the root; returns the headings it expects."""
    expected = set()
    queue = [[]]
    while queue:
        words = queue.pop(0)
        title = " ".join(["crosscheck-cli"] + words)
        expected.add(title)
        shown_by = title + " --help"
        options, positionals, subcommands = parse_help(run_help([cli] + words))
        if not options:
            problems.append(f"`{shown_by}` shows no option at all: is the help format new?")
        section = sections.get(title)
        if section is None:
            problems.append(f"docs/cli.md: no '### {title}' section for the command that "
                            f"`{' '.join(['crosscheck-cli'] + words[:-1])} --help` lists")
        else:
            compare(title, shown_by, options, section["options"], "option", problems)
            compare(title, shown_by, positionals, section["positionals"], "argument",
                    problems)
        queue += [words + [s] for s in subcommands]
    return expected


def main():
    doc, cli = pathlib.Path(sys.argv[1]), sys.argv[2]
    gui = sys.argv[3] if len(sys.argv) > 3 else None
    sections = doc_sections(doc.read_text())
    problems = []
    expected = check_cli(cli, sections, problems)
    if gui:
        expected.add("crosscheck")
        options, _, _ = parse_help(run_help([gui]))
        section = sections.get("crosscheck")
        if section is None:
            problems.append("docs/cli.md: no '### crosscheck' section for the GUI")
        else:
            compare("crosscheck", "crosscheck --help", options, section["options"], "option",
                    problems)
    else:
        expected.add("crosscheck")  # not built here: its section is not checked
        print("crosscheck (GUI) not built: its options are not checked")
    for title in sorted(set(sections) - expected):
        problems.append(f"docs/cli.md: section '### {title}' names a command that "
                        "`--help` does not list (move it to 'Planned' or remove it)")
    for p in problems:
        print(p)
    checked = sum(len(s["options"]) + len(s["positionals"]) for s in sections.values())
    print(f"{len(sections)} command sections, {checked} documented names checked, "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
