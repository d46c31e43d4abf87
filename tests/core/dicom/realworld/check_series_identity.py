"""Series identity without trusting SeriesInstanceUID alone, and series that hold several
volumes (mixed sizes, orientations, echoes; dynamic and multi-b-value repeats).

Every case is built from the small phantom with pydicom, and each volume crosscheck-cli
loads is compared with what dcm2niix writes for the same files: dims, affine to 0.01 mm
and voxel values.

usage: check_series_identity.py PATH/TO/crosscheck-cli
"""
import json
import os

import numpy as np

import realworld_support as rw

tmp = rw.init()
study = rw.phantom(tmp)
ct = rw.read_series(os.path.join(study, "CT"))
mr = rw.read_series(os.path.join(study, "T2w"))
original = rw.run_json("info", os.path.join(study, "CT"))


def case(name):
    folder = os.path.join(tmp, name)
    print("--", name)
    return folder


# 1. SeriesInstanceUID blank, then removed: one series (not one per slice), same voxels.
for how in ("blank", "missing"):
    folder = case("uid_" + how)
    datasets = [rw.copy_of(d) for d in ct]
    for d in datasets:
        if how == "blank":
            d.SeriesInstanceUID = ""
        else:
            del d.SeriesInstanceUID
    rw.write_series(datasets, folder, "ct")
    series = rw.scan(folder)
    rw.check(len(series) == 1, "%s UID: %d series, expected 1" % (how, len(series)))
    rw.check("no series uid" in series[0]["warnings"], "no 'no series uid' warning")
    rw.check(series[0]["series_instance_uid"].startswith("2.25."), "no made UID")
    info = rw.run_json("info", folder)
    rw.check(info["sha256"] == original["sha256"], "voxels differ from the original CT")
    rw.check(info["dims"] == original["dims"], "dims differ")
    theirs = rw.dcm2niix_by_dims(folder, os.path.join(folder + "_d2n"))
    rw.check(len(theirs) == 1, "dcm2niix wrote %d volumes" % len(theirs))
    ours = rw.convert(folder, os.path.join(tmp, how + ".nii"))
    rw.compare_volume(ours, next(iter(theirs.values())), 0, how + " UID")

# 2. One UID for two series (an anonymizer's): two series again, each the original.
folder = case("shared_uid")
shared = [rw.copy_of(d) for d in ct] + [rw.copy_of(d) for d in mr]
for d in shared:
    d.SeriesInstanceUID = "1.2.3.4.5"
rw.write_series(shared, folder, "x")
series = rw.scan(folder)
uids = {s["series_instance_uid"] for s in series}
rw.check(len(uids) == 2, "shared UID: %d series, expected 2" % len(uids))
rw.check(all("shared series uid" in s["warnings"] for s in series), "no 'shared series uid'")
for s, source in ((s, s["modality"]) for s in series):
    info = rw.run_json("info", folder, "--series", s["series_instance_uid"])
    expected = original if source == "CT" else rw.run_json("info", os.path.join(study, "T2w"))
    rw.check(info["sha256"] == expected["sha256"], source + ": voxels differ")
print("shared UID: two series, voxels equal to the originals")


def check_volumes(folder, expected_labels, stack4d=False):
    """scan lists the volumes; each loads as dcm2niix reads it."""
    series = rw.scan(folder)
    uids = {s["series_instance_uid"] for s in series}
    rw.check(len(uids) == 1, "%d series, expected 1" % len(uids))
    rw.check(len(series) == len(expected_labels), "%d volumes, expected %d" %
             (len(series), len(expected_labels)))
    for v, s in enumerate(series):
        rw.check(s["volume"] == v and len(s["volumes"]) == len(expected_labels), "volume index")
        rw.check(expected_labels[v] in s["volumes"][v],
                 "volume %d label %r lacks %r" % (v, s["volumes"][v], expected_labels[v]))
    files = rw.dcm2niix(folder, folder + "_d2n")
    theirs = [rw.Nifti(f) for f in files]
    for v, s in enumerate(series):
        ours = rw.convert(folder, os.path.join(folder + "_v%d.nii" % v), "--volume", str(v))
        if stack4d:
            rw.check(len(theirs) == 1 and len(theirs[0].dims) == 4,
                     "dcm2niix did not write one 4D file: %s" % [t.dims for t in theirs])
            rw.compare_volume(ours, theirs[0], v, "volume %d" % v)
        else:
            # dcm2niix writes one file per volume: the one whose voxels are ours.
            mine = rw.Nifti(ours)
            match = [t for t in theirs if t.dims[:3] == mine.dims[:3] and
                     np.abs(t.volume(0) - mine.volume(0)).max() < 1e-3]
            rw.check(len(match) == 1, "volume %d: %d dcm2niix files match" % (v, len(match)))
            rw.compare_volume(ours, match[0], 0, "volume %d" % v)
    out = rw.run("info", folder, "--volume", str(len(series)), expect=1)
    rw.check("volume" in out.stderr, "no reason for a volume beyond the last")


# 3. One UID, two image sizes: two volumes ("mixed sizes").
folder = case("mixed_sizes")
half = []
for d in ct:
    h = rw.copy_of(d, d.pixel_array[::2, ::2], 1000)
    h.PixelSpacing = [2 * float(x) for x in d.PixelSpacing]
    half.append(h)
rw.write_series([rw.copy_of(d) for d in ct] + half, folder, "ct")
check_volumes(folder, ["x", "x"])

# 4. One UID, two orientations (the rows and columns of a copy swapped): two volumes.
folder = case("mixed_orientations")
swapped = []
for d in ct:
    s = rw.copy_of(d, d.pixel_array.T, 1000)
    iop = [float(x) for x in d.ImageOrientationPatient]
    s.ImageOrientationPatient = iop[3:] + iop[:3]
    s.PixelSpacing = list(reversed([float(x) for x in d.PixelSpacing]))
    swapped.append(s)
rw.write_series([rw.copy_of(d) for d in ct] + swapped, folder, "ct")
check_volumes(folder, ["orientation", "orientation"])

# 5. Two echoes in one series: two volumes.
folder = case("multi_echo")
echoes = []
for echo in (1, 2):
    for d in mr:
        e = rw.copy_of(d, (d.pixel_array // echo).astype(d.pixel_array.dtype),
                       (echo - 1) * 1000)
        e.EchoNumbers = echo
        e.EchoTime = 20.0 * echo
        echoes.append(e)
rw.write_series(echoes, folder, "mr")
check_volumes(folder, ["echo 1", "echo 2"])
# A study (measure, report, the viewer) holds volume 0 of the series and names echo 2 as
# not loaded, rather than two series under one UID.
scanned = rw.scan(folder)[0]
roi = os.path.join(tmp, "echo_roi.json")
with open(roi, "w") as f:
    f.write('{"shape": "sphere", "frame_of_reference_uid": "%s", "center_mm": [0, 0, 0], '
            '"radius_mm": 5}' % scanned["frame_of_reference_uid"])
measured = rw.run("measure", folder, "--roi", roi, "--json")
rows = json.loads(measured.stdout)["measurements"]
rw.check(len(rows) == 1, "measure on two echoes: %d rows, expected 1 (volume 0)" % len(rows))
rw.check("volume 1 of 2" in measured.stderr and "not loaded" in measured.stderr,
         "the second echo is not named as not loaded: %r" % measured.stderr)

# 6. A dynamic series: every position three times (TemporalPositionIdentifier 1..3).
folder = case("dynamic")
frames = []
for t in (1, 2, 3):
    for d in mr:
        f = rw.copy_of(d, (d.pixel_array + 10 * t).astype(d.pixel_array.dtype), (t - 1) * 1000)
        f.TemporalPositionIdentifier = t
        f.NumberOfTemporalPositions = 3
        frames.append(f)
rw.write_series(frames, folder, "mr")
check_volumes(folder, ["time point 1", "time point 2", "time point 3"], stack4d=True)

# 7. Diffusion: b=0 and two directions at b=1000 (DiffusionBValue), same positions.
folder = case("diffusion")
frames = []
for v, b in enumerate((0, 1000, 1000)):
    for d in mr:
        f = rw.copy_of(d, (d.pixel_array // (v + 1)).astype(d.pixel_array.dtype), v * 1000)
        f.DiffusionBValue = float(b)
        frames.append(f)
rw.write_series(frames, folder, "mr")
check_volumes(folder, ["b=0", "b=1000", "b=1000"], stack4d=True)

# 8. A truncated slice in a folder: info names it with its reason (not only a gap).
folder = case("truncated")
rw.write_series([rw.copy_of(d) for d in ct], folder, "ct")
victim = os.path.join(folder, "ct_%04d.dcm" % (len(ct) // 2))
with open(victim, "r+b") as f:
    f.truncate(os.path.getsize(victim) // 2)
result = rw.run("info", folder, "--json")
info = rw.json.loads(result.stdout)
rw.check([p["file"] for p in info["problems"]] == [victim], "problems %s" % info["problems"])
rw.check("warning: %s: " % victim in result.stderr, "stderr does not name the file")
rw.check("gap" in info["warnings"], "the missing slice is not a gap")
print("truncated slice named: %s" % info["problems"][0]["reason"])
result = rw.run("convert", folder, os.path.join(tmp, "truncated.nii"))
rw.check("warning: %s: " % victim in result.stderr, "convert does not name the skipped file")
print("convert names it too")
print("all series identity cases agree with dcm2niix")
