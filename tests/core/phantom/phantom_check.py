#!/usr/bin/python3
"""Independent check of a written phantom study with pydicom + numpy (no Crosscheck code).

usage: /usr/bin/python3 phantom_check.py STUDY_DIR

Prints one JSON object: for the tumour and each lesion the mean HU of the CT and sCT voxels
whose centres lie inside the ellipsoid given by ground_truth.json (centre, axes,
diameters in the MR frame; CT voxels mapped with ct_to_mr), the T1w signal around the
tumour centre mapped with ct_to_mr (and, as a control, unmapped), per-series SHA-256 of
the pixel data and the series' frame of reference UIDs.
"""
import hashlib
import json
import os
import sys

import numpy as np
import pydicom


def load_series(folder):
    """Voxels (k, j, i) as rescaled float, index_to_patient (4x4), frame UID, pixel hash."""
    slices = [pydicom.dcmread(os.path.join(folder, n)) for n in sorted(os.listdir(folder))]
    iop = np.array(slices[0].ImageOrientationPatient, dtype=float)
    row, col = iop[:3], iop[3:]
    normal = np.cross(row, col)
    slices.sort(key=lambda ds: float(np.dot(np.array(ds.ImagePositionPatient, dtype=float), normal)))
    positions = np.array([ds.ImagePositionPatient for ds in slices], dtype=float)
    step = positions[1] - positions[0] if len(slices) > 1 else normal
    spacing = np.array(slices[0].PixelSpacing, dtype=float)  # row spacing, column spacing
    m = np.eye(4)
    m[:3, 0] = row * spacing[1]
    m[:3, 1] = col * spacing[0]
    m[:3, 2] = step
    m[:3, 3] = positions[0]
    sha = hashlib.sha256()
    planes = []
    for ds in slices:
        sha.update(ds.PixelData)
        slope = float(getattr(ds, "RescaleSlope", 1.0))
        intercept = float(getattr(ds, "RescaleIntercept", 0.0))
        planes.append(ds.pixel_array.astype(np.float64) * slope + intercept)
    return np.stack(planes), m, str(slices[0].FrameOfReferenceUID), sha.hexdigest()


def voxel_centres(shape, m):
    k, j, i = np.meshgrid(np.arange(shape[0]), np.arange(shape[1]), np.arange(shape[2]), indexing="ij")
    ijk1 = np.stack([i.ravel(), j.ravel(), k.ravel(), np.ones(i.size)])
    return (m @ ijk1)[:3].T  # N x 3, same order as voxels.ravel()


def mean_inside(voxels, m, to_mr, lesion):
    centres = voxel_centres(voxels.shape, m)
    mr = (to_mr[:3, :3] @ centres.T).T + to_mr[:3, 3]
    rel = mr - np.array(lesion["center_mr_mm"])
    axes = np.array(lesion["axes_mr"])
    semi = np.array(lesion["diameters_mm"]) / 2.0
    inside = np.sum(((rel @ axes.T) / semi) ** 2, axis=1) <= 1.0
    values = voxels.ravel()[inside]
    return float(values.mean()) if values.size else 0.0, int(values.size)


def neighbourhood_mean(voxels, m, point):
    ijk = np.linalg.solve(m, np.append(point, 1.0))[:3]
    i, j, k = (int(round(x)) for x in ijk)
    if not (0 <= k < voxels.shape[0] and 0 <= j < voxels.shape[1] and 0 <= i < voxels.shape[2]):
        return None
    return float(voxels[max(k - 1, 0):k + 2, max(j - 1, 0):j + 2, max(i - 1, 0):i + 2].mean())


def main():
    study = sys.argv[1]
    truth = json.load(open(os.path.join(study, "ground_truth.json")))
    ct_to_mr = np.array(truth["ct_to_mr"], dtype=float).reshape(4, 4)
    series = {s["role"]: load_series(os.path.join(study, s["dir"])) for s in truth["series"]}
    ct, ct_m = series["CT"][0], series["CT"][1]
    sct, sct_m = series["sCT"][0], series["sCT"][1]
    t1, t1_m = series["T1w"][0], series["T1w"][1]
    out = {"lesions": [], "sha256": {}, "frame_uid": {}}
    for role, (_, _, frame, sha) in series.items():
        out["sha256"][role] = sha
        out["frame_uid"][role] = frame
    for lesion in [truth["tumor"]] + truth["lesions"]:
        ct_mean, ct_count = mean_inside(ct, ct_m, ct_to_mr, lesion)
        sct_mean, sct_count = mean_inside(sct, sct_m, np.eye(4), lesion)
        out["lesions"].append({"ct_mean_hu": ct_mean, "ct_voxel_count": ct_count,
                               "sct_mean_hu": sct_mean, "sct_voxel_count": sct_count})
    centre_ct = np.array(truth["tumor"]["center_ct_mm"])
    centre_mr = (ct_to_mr @ np.append(centre_ct, 1.0))[:3]
    out["tumor_center_mr_from_ct_mm"] = centre_mr.tolist()
    out["ct_at_tumor_center"] = neighbourhood_mean(ct, ct_m, centre_ct)
    out["t1_at_mapped_tumor_center"] = neighbourhood_mean(t1, t1_m, centre_mr)
    out["t1_at_unmapped_tumor_center"] = neighbourhood_mean(t1, t1_m, centre_ct)
    body = t1[t1 > 50]
    out["t1_body_median"] = float(np.median(body))
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
