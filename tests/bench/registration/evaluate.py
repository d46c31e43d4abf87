#!/usr/bin/python3
"""Registration benchmark: target registration errors of every run, as JSON + a table.

Usage: evaluate.py WORK CASES.json
CASES.json: [{"case", "truth_moving_to_fixed" 4x4, "points_fixed_mm" [[x,y,z]...],
              "runs": [{"tool", "wall_s", "kind": "crosscheck"|"elastix", "path"}]}]
A crosscheck run's path is its register --json output; an elastix run's path is its output
folder (TransformParameters.0.txt; the points are mapped by transformix there).
TRE of a point p (fixed mm) = |estimated fixed->moving (p) - true fixed->moving (p)|.
"""
import json
import os
import re
import subprocess
import sys

import numpy as np

work, cases_path = sys.argv[1:3]
cases = json.load(open(cases_path))


def mapped_points(run, points):
    if run["kind"] == "crosscheck":
        reg = json.load(open(run["path"]))
        fixed_to_moving = np.linalg.inv(np.array(reg["moving_to_fixed"], float))
        return [(fixed_to_moving @ np.append(p, 1.0))[:3] for p in points], reg
    tp = os.path.join(run["path"], "TransformParameters.0.txt")
    if not os.path.exists(tp):
        return None, None
    pts = os.path.join(run["path"], "points.txt")
    with open(pts, "w") as f:
        f.write("point\n%d\n" % len(points))
        for p in points:
            f.write("%.6f %.6f %.6f\n" % tuple(p))
    subprocess.run(["transformix", "-def", pts, "-tp", tp, "-out", run["path"]], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = []
    for line in open(os.path.join(run["path"], "outputpoints.txt")):
        found = re.search(r"OutputPoint = \[\s*([-\d.e+]+)\s+([-\d.e+]+)\s+([-\d.e+]+)\s*\]", line)
        out.append(np.array([float(v) for v in found.groups()]))
    return out, None


summary = {}
for case in cases:
    truth = np.linalg.inv(np.array(case["truth_moving_to_fixed"], float))
    points = [np.array(p, float) for p in case["points_fixed_mm"]]
    expected = [(truth @ np.append(p, 1.0))[:3] for p in points]
    rows = {}
    for run in case["runs"]:
        entry = {"wall_s": round(run["wall_s"], 3)}
        got, reg = mapped_points(run, points)
        if got is None:
            entry["error"] = "no transform"
        else:
            errors = [float(np.linalg.norm(g - e)) for g, e in zip(got, expected)]
            entry["tre_centre_mm"] = round(errors[0], 3)
            entry["tre_max_mm"] = round(max(errors), 3)
            if reg is not None:
                entry["registration_ms"] = round(reg.get("registration_ms", 0))
                entry["iterations"] = reg.get("iterations")
                if "quality" in reg:
                    entry["quality"] = reg["quality"]
        rows[run["tool"]] = entry
    summary[case["case"]] = rows

print(json.dumps(summary, indent=2))
for name, rows in summary.items():
    print(f"== {name}", file=sys.stderr)
    elastix = [r for t, r in rows.items() if t.startswith("elastix") and "tre_max_mm" in r]
    best_elx = min(elastix, key=lambda r: r["tre_max_mm"]) if elastix else None
    for tool, r in rows.items():
        if "error" in r:
            print(f"  {tool:28s} failed after {r['wall_s']:.2f} s", file=sys.stderr)
            continue
        ratio = ""
        if best_elx and not tool.startswith("elastix"):
            ratio = (f"  (time {r['wall_s'] / best_elx['wall_s']:.2f}x, "
                     f"TRE max {r['tre_max_mm'] / max(best_elx['tre_max_mm'], 1e-9):.2f}x best elastix)")
        print(f"  {tool:28s} {r['wall_s']:6.2f} s  TRE centre {r['tre_centre_mm']:6.3f} mm, "
              f"max {r['tre_max_mm']:6.3f} mm{ratio}", file=sys.stderr)
