#!/usr/bin/python3
"""Renders the phantom pictures of docs/phantom.md from a written study: one axial CT
slice and sagittal T1w, T2w and sCT slices through the tumour, cropped around the spine
and enlarged, as 8-bit grey PNG (pydicom + numpy + a small PNG writer; no PIL needed).

usage: /usr/bin/python3 phantom_pictures.py STUDY_DIR OUT_DIR [PREFIX]
"""
import json
import os
import struct
import sys
import zlib

import numpy as np
import pydicom


def write_png(path, grey):
    """8-bit greyscale PNG, non-interlaced."""
    h, w = grey.shape
    raw = b"".join(b"\x00" + grey[r].astype(np.uint8).tobytes() for r in range(h))

    def chunk(tag, data):
        c = struct.pack(">I", len(data)) + tag + data
        return c + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


def nearest_slice(series_dir, point):
    """(dataset, index-to-patient 4x4) of the slice whose plane is nearest to point."""
    best = None
    for name in sorted(os.listdir(series_dir)):
        ds = pydicom.dcmread(os.path.join(series_dir, name), stop_before_pixels=True)
        iop = np.array(ds.ImageOrientationPatient, dtype=float)
        normal = np.cross(iop[:3], iop[3:])
        distance = abs(np.dot(np.array(ds.ImagePositionPatient, dtype=float) - point, normal))
        if best is None or distance < best[0]:
            best = (distance, os.path.join(series_dir, name))
    ds = pydicom.dcmread(best[1])
    iop = np.array(ds.ImageOrientationPatient, dtype=float)
    sp = np.array(ds.PixelSpacing, dtype=float)
    m = np.eye(4)
    m[:3, 0] = iop[:3] * sp[1]
    m[:3, 1] = iop[3:] * sp[0]
    m[:3, 3] = np.array(ds.ImagePositionPatient, dtype=float)
    return ds, m


def render(ds, m, centre, half_mm, window, out_px):
    """Window, crop a square of 2*half_mm around centre (patient mm), resample to out_px."""
    img = ds.pixel_array.astype(np.float64) * float(getattr(ds, "RescaleSlope", 1)) + float(
        getattr(ds, "RescaleIntercept", 0))
    if window is None:  # MR: 1st to 99.5th percentile of the body
        body = img[img > 0.05 * img.max()]
        lo, hi = np.percentile(body, 1), np.percentile(body, 99.5)
    else:
        c, w = window
        lo, hi = c - w / 2, c + w / 2
    ij_centre = np.linalg.lstsq(m[:3, :2], centre - m[:3, 3], rcond=None)[0]
    sp = np.array([np.linalg.norm(m[:3, 0]), np.linalg.norm(m[:3, 1])])
    u = np.linspace(-half_mm, half_mm, out_px)
    ii = np.clip(np.round(ij_centre[0] + u / sp[0]).astype(int), 0, img.shape[1] - 1)
    jj = np.clip(np.round(ij_centre[1] + u / sp[1]).astype(int), 0, img.shape[0] - 1)
    crop = img[np.ix_(jj, ii)]
    return np.clip((crop - lo) / (hi - lo) * 255.0, 0, 255)


def main():
    study, out = sys.argv[1], sys.argv[2]
    prefix = sys.argv[3] if len(sys.argv) > 3 else "phantom-"
    truth = json.load(open(os.path.join(study, "ground_truth.json")))
    centre_ct = np.array(truth["tumor"]["center_ct_mm"])
    centre_mr = np.array(truth["tumor"]["center_mr_mm"])
    # Sagittal pictures in the midline (spinous processes and cord in view) when the
    # tumour crosses it, else through the tumour centre.
    half_lr = truth["tumor"]["diameters_mm"][2] / 2.0
    sagittal = centre_mr.copy()
    if abs(centre_mr[0]) < 0.8 * half_lr:
        sagittal[0] = 0.0
    os.makedirs(out, exist_ok=True)
    jobs = [("CT", centre_ct, (400, 1800), 60, "ct-axial-bone"),
            ("CT", centre_ct, (40, 400), 175, "ct-axial"),
            ("T1w", sagittal, None, 100, "t1w-sagittal"),
            ("T2w", sagittal, None, 100, "t2w-sagittal"),
            ("sCT", sagittal, (400, 1800), 100, "sct-sagittal")]
    for series, point, window, half_mm, name in jobs:
        ds, m = nearest_slice(os.path.join(study, series), point)
        if name == "ct-axial":  # the whole body: centre on the slice, not on the tumour
            point = m[:3, 3] + m[:3, 0] * (ds.Columns - 1) / 2 + m[:3, 1] * (ds.Rows - 1) / 2
        grey = render(ds, m, point, half_mm, window, 512)
        target = os.path.join(out, prefix + name + ".png")
        write_png(target, grey)
        print(target)


if __name__ == "__main__":
    main()
