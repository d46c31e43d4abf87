#!/usr/bin/python3
"""Validates the DICOM files Crosscheck writes with the strict validators of the field.

Writes the small phantom with `crosscheck-cli phantom`, then `crosscheck-cli report` with two
ROIs on the tumour (an axial ellipse and a sphere, in the CT's frame) and the ground truth
as the CT -> MR transform, so the SR holds measurement groups in every series, the sCT
comments and at least one CT-versus-sCT finding, and the SEG holds two segments. Both plain
and anonymized (`--anonymize`). Then, on every SR and SEG:

- dciodvfy (dicom3tools): the IOD;
- PixelMed DicomSRValidator -checktemplateid (SR): the IOD and the TID 1500 tree;
- PixelMed DicomInstanceValidator (SEG and SR): the IOD;

and fails on any error or warning, or on any output line it does not know (a validator that
crashed or changed its wording must not pass unseen). The lines tolerated are listed in
TOLERATED with the reason. Finally the SR is read back with DCMTK (dsr2xml) and every
number is compared with report.json.

Usage: check_report_validators.py CROSSCHECK_CLI [WORK_DIR]
Needs: dciodvfy (dicom3tools), dsr2xml (dcmtk), java and /usr/share/java/pixelmed.jar
(pixelmed-apps, default-jre-headless). Standard library only.
"""

import json
import math
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PIXELMED_JAR = "/usr/share/java/pixelmed.jar"
# Without the jdk.xml limits PixelMed's XSLT stops with JAXP0801003 on JDK 17; -Xss for its
# deep recursion over the SR tree.
JAVA = ["java", "-Djdk.xml.xpathExprOpLimit=0", "-Djdk.xml.xpathExprGrpLimit=0",
        "-Djdk.xml.xpathTotalOpLimit=0", "-Xss16m", "-cp", PIXELMED_JAR]

# Lines that are neither errors nor warnings: what each validator prints on success.
INFORMATIONAL = [
    r"^(Segmentation|EnhancedSR)$",  # dciodvfy: the IOD it recognized
    r"^Found (Segmentation|EnhancedSR) IOD$",
    r"^Found Root Template TID_1500 \(MeasurementReport\)$",
    r"^Root Template Validation Complete$",
    r"^IOD validation complete$",
]

# (validator, file kind, exact line, reason). Each is tolerated only where listed.
TOLERATED = [
    ("DicomInstanceValidator", "sr", "IOD (SOP Class) unrecognized",
     "DicomInstanceValidator has no SR IODs; the SR's IOD is validated by DicomSRValidator "
     "(which must print 'Found EnhancedSR IOD' and 'IOD validation complete')"),
]
# The study's visible-section sizes carry a private Measurement Method code (docs/report-formats.md).
TOLERATED.append(
    ("dciodvfy", "sr",
     "Warning - Unrecognized defined term <99CRSCHK> for value 1 of attribute "
     "<Coding Scheme Designator>",
     "a private coding scheme: PS3.16 reserves designators beginning with 99 for local use "
     "and no registry can list them; it is declared in the Coding Scheme Identification "
     "Sequence. dciodvfy compares with the registered designators only"))
for _name in ("Study Date", "Study Time", "Study ID"):
    TOLERATED.append(
        ("dciodvfy", "anonymized",
         "Warning - Missing attribute or value that would be needed to build DICOMDIR - " + _name,
         "the Basic Application Level Confidentiality Profile empties these type 2 attributes "
         "(PS3.15 Annex E, action Z); dciodvfy only notes that a DICOMDIR's STUDY record "
         "could not be built from the file, the IOD is satisfied"))

REQUIRED = {
    "DicomSRValidator": ["Found EnhancedSR IOD", "Found Root Template TID_1500 (MeasurementReport)",
                         "Root Template Validation Complete", "IOD validation complete"],
    ("DicomInstanceValidator", "seg"): ["Found Segmentation IOD", "IOD validation complete"],
}

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def run(command, **kwargs):
    return subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, **kwargs)


def check_output(validator, path, kind, anonymized, result):
    lines = [line.rstrip() for line in result.stdout.splitlines() if line.strip()]
    counts = {"errors": 0, "warnings": 0}
    for line in lines:
        tolerated = [t for t in TOLERATED if t[0] == validator and t[2] == line and
                     (t[1] == kind or (t[1] == "anonymized" and anonymized))]
        if tolerated:
            print("  tolerated: %s (%s)" % (line, tolerated[0][3]))
            continue
        if re.match(r"^\s*Error", line, re.I):
            counts["errors"] += 1
            fail("%s %s: %s" % (validator, path, line))
        elif re.match(r"^\s*Warning", line, re.I):
            counts["warnings"] += 1
            fail("%s %s: %s" % (validator, path, line))
        elif not any(re.match(p, line) for p in INFORMATIONAL):
            fail("%s %s: unexpected output line: %s" % (validator, path, line))
    for required in REQUIRED.get(validator, []) + REQUIRED.get((validator, kind), []):
        if required not in lines:
            fail("%s %s: missing '%s' (did it run to the end?)" % (validator, path, required))
    print("%s %s: %d errors, %d warnings" % (validator, path, counts["errors"], counts["warnings"]))


def validate(path, kind, anonymized):
    check_output("dciodvfy", path, kind, anonymized, run(["dciodvfy", path]))
    if kind == "sr":
        check_output("DicomSRValidator", path, kind, anonymized,
                     run(JAVA + ["com.pixelmed.validate.DicomSRValidator", "-checktemplateid",
                                 path]))
    check_output("DicomInstanceValidator", path, kind, anonymized,
                 run(JAVA + ["com.pixelmed.validate.DicomInstanceValidator", path]))


# --- reading the SR back (DCMTK) ---------------------------------------------------------

def concept(item):
    node = item.find("concept/value")
    return node.text if node is not None else None


def code_value(item):
    node = item.find("value")
    return node.text if node is not None else None


def read_sr(path):
    """The measurement groups and report-level TEXT items of the SR, as DCMTK reads them."""
    result = run(["dsr2xml", path])
    if result.returncode != 0:
        fail("dsr2xml %s: %s" % (path, result.stdout))
        return [], []
    root = ET.fromstring(result.stdout)
    report = root.find("document/content/container")
    groups, texts = [], []
    for node in report.iter("container"):
        if concept(node) != "125007":
            continue
        group = {"numbers": []}
        for child in node:
            if child.tag == "text" and concept(child) == "112039":
                group["tracking_id"] = code_value(child)
            elif child.tag == "uidref" and concept(child) == "112040":
                group["tracking_uid"] = code_value(child)
            elif child.tag == "num":
                derivation = None
                for modifier in child.findall("code"):
                    # Derivation (121401) or Measurement Method (370129005): which of the
                    # group's numbers this is (a mean, or the visible section's long axis).
                    if concept(modifier) in ("121401", "370129005"):
                        derivation = code_value(modifier)
                group["numbers"].append({
                    "concept": concept(child), "derivation": derivation,
                    "value": float(child.find("value").text),
                    "unit": child.find("unit/value").text})
        groups.append(group)
    for node in report.iter("container"):
        for child in node:
            if child.tag == "text" and concept(child) in ("121106", "121071"):
                texts.append((concept(child), code_value(child)))
    return groups, texts


QUANTITY = {"CT": "112031", "sCT": "112031", "T1w": "110804", "T2w": "110805"}
STATISTICS = [("mean", "373098007"), ("sd", "386136009"), ("median", "373099004"),
              ("min", "255605001"), ("max", "56851009")]


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


def compare_sr_with_json(sr_path, json_path):
    report = json.load(open(json_path))
    groups, texts = read_sr(sr_path)
    expected = [(roi, m) for roi in report["rois"] for m in roi["measurements"]
                if m.get("mean") is not None]
    if len(groups) != len(expected):
        fail("%s: %d measurement groups, report.json has %d measured rows" %
             (sr_path, len(groups), len(expected)))
        return
    checked = 0
    for group, (roi, m) in zip(groups, expected):
        where = "%s: group '%s'" % (sr_path, group.get("tracking_id"))
        if group.get("tracking_id") != roi["label"] + " in " + m["role"]:
            fail("%s: expected tracking id '%s in %s'" % (where, roi["label"], m["role"]))
        if group.get("tracking_uid") != roi["tracking_uid"]:
            fail("%s: tracking UID %s, report.json %s" %
                 (where, group.get("tracking_uid"), roi["tracking_uid"]))
        numbers = {(n["concept"], n["derivation"]): n for n in group["numbers"]}
        quantity = QUANTITY.get(m["role"], "110852")
        unit = "[hnsf'U]" if m["unit"] == "HU" else "[arb'U]"
        wanted = [((quantity, code), m[key], unit) for key, code in STATISTICS]
        wanted += [(("103339001", None), m["long_axis_mm"], "mm"),
                   (("103340004", None), m["short_axis_mm"], "mm")]
        for plane, method in (("axial", "VISIBLE-AXIAL"), ("sagittal", "VISIBLE-SAGITTAL")):
            size = m.get("visible_%s_mm" % plane)
            if size is not None:
                wanted += [(("103339001", method), size[0], "mm"),
                           (("103340004", method), size[1], "mm")]
        if m.get("volume_mm3") is not None:
            wanted.append((("118565006", None), m["volume_mm3"], "mm3"))
        elif m.get("area_mm2") is not None:
            wanted.append((("42798000", None), m["area_mm2"], "mm2"))
        if len(numbers) != len(wanted):
            fail("%s: %d numbers, expected %d" % (where, len(numbers), len(wanted)))
        for key, value, unit in wanted:
            number = numbers.get(key)
            if number is None:
                fail("%s: no number %s" % (where, key))
            elif not close(number["value"], value) or number["unit"] != unit:
                fail("%s: %s = %r %s, report.json %r %s" %
                     (where, key, number["value"], number["unit"], value, unit))
            else:
                checked += 1
    comments = [t for c, t in texts if c == "121106"]
    for roi in report["rois"]:
        if any(m["role"] == "sCT" and m.get("mean") is not None for m in roi["measurements"]):
            named = [c for c in comments if roi["tracking_uid"] in c and roi["label"] in c]
            if len(named) != 1:
                fail("%s: %d report-level comments name ROI %s" % (sr_path, len(named),
                                                                    roi["label"]))
    findings = [t for c, t in texts if c == "121071"]
    flags = (report.get("discrepancy") or {}).get("flags", [])
    if len(findings) != len(flags):
        fail("%s: %d findings, report.json has %d flags" % (sr_path, len(findings), len(flags)))
    print("%s: %d groups, %d numbers equal to report.json, %d comments, %d findings" %
          (sr_path, len(groups), checked, len(comments), len(findings)))


# --- the files -----------------------------------------------------------------------------

def write_inputs(cli, work):
    study = os.path.join(work, "study")
    result = run([cli, "phantom", study, "--size", "small"])
    if result.returncode != 0:
        sys.exit("crosscheck-cli phantom failed:\n" + result.stdout)
    truth = json.load(open(os.path.join(study, "ground_truth.json")))
    transform = os.path.join(work, "ct_to_mr.json")
    json.dump({"moving_to_fixed": truth["ct_to_mr"], "moving_frame_uid": truth["ct_frame_uid"],
               "fixed_frame_uid": truth["mr_frame_uid"], "method": "landmarks", "metric": 0.5,
               "iterations": 0, "ms": 0}, open(transform, "w"))
    center = truth["tumor"]["center_ct_mm"]
    rois = []
    for name, roi in (("tumour_ellipse", {"shape": "ellipse", "center_mm": center,
                                          "axis_u": [1, 0, 0], "axis_v": [0, 1, 0],
                                          "radii_mm": [6, 4]}),
                      ("tumour_sphere", {"shape": "sphere", "center_mm": center,
                                         "radius_mm": 4})):
        roi["frame_of_reference_uid"] = truth["ct_frame_uid"]
        rois.append(os.path.join(work, name + ".json"))
        json.dump(roi, open(rois[-1], "w"))
    return study, transform, rois


def write_report(cli, study, transform, rois, out, anonymize):
    command = [cli, "report", study, "--transform", transform, "--out", out, "--formats",
               "csv,json,sr,seg"]
    for roi in rois:
        command += ["--roi", roi]
    if anonymize:
        command.append("--anonymize")
    result = run(command)
    if result.returncode != 0:
        sys.exit("crosscheck-cli report failed:\n" + result.stdout)
    report = json.load(open(os.path.join(out, "report.json")))
    if not (report.get("discrepancy") or {}).get("flags"):
        fail("%s: the report has no CT-versus-sCT finding to validate" % out)


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    cli = sys.argv[1]
    for tool, package in (("dciodvfy", "dicom3tools"), ("dsr2xml", "dcmtk"),
                          ("java", "default-jre-headless")):
        if run(["sh", "-c", "command -v " + tool]).returncode != 0:
            sys.exit("%s not found: install the Debian package %s" % (tool, package))
    if not os.path.exists(PIXELMED_JAR):
        sys.exit(PIXELMED_JAR + " not found: install the Debian package pixelmed-apps")
    with tempfile.TemporaryDirectory(prefix="crosscheck-validators-") as temp:
        work = sys.argv[2] if len(sys.argv) == 3 else temp
        os.makedirs(work, exist_ok=True)
        study, transform, rois = write_inputs(cli, work)
        for anonymize in (False, True):
            out = os.path.join(work, "anonymized" if anonymize else "report")
            write_report(cli, study, transform, rois, out, anonymize)
            validate(os.path.join(out, "report_sr.dcm"), "sr", anonymize)
            validate(os.path.join(out, "report_seg.dcm"), "seg", anonymize)
            compare_sr_with_json(os.path.join(out, "report_sr.dcm"),
                                 os.path.join(out, "report.json"))
    if failures:
        print("%d failure(s)" % len(failures))
        return 1
    print("all validators: 0 errors, 0 warnings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
