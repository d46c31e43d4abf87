"""Siemens mosaics: slices tiled in one image, with the slice count in the CSA header.

Two mosaic files (two volumes of a diffusion-like series) are built from the phantom's
T2w slices with pydicom, with a CSA2 header holding NumberOfImagesInMosaic and
SliceNormalVector as Siemens scanners write it. crosscheck-cli must find one series of two
volumes of the original slices, and each volume must equal dcm2niix's de-mosaiced volume
(dims, affine to 0.01 mm, voxels).

usage: check_mosaic.py PATH/TO/crosscheck-cli
"""
import math
import os
import struct

import numpy as np
import pydicom
from pydicom.dataset import Dataset

import realworld_support as rw


def csa2(elements):
    """A CSA2 header: "SV10", then per element its name, VM, VR, items (4-byte aligned)."""
    out = b"SV10\x04\x03\x02\x01" + struct.pack("<2I", len(elements), 77)
    for name, vr, values in elements:
        out += name.encode().ljust(64, b"\0")
        out += struct.pack("<i4sIII", len(values), vr.encode().ljust(4, b"\0"), 0, len(values), 77)
        for v in values:
            data = (v + "\0").encode()
            out += struct.pack("<4i", len(data), len(data), 77, len(data))
            out += data + b"\0" * ((4 - len(data) % 4) % 4)
    return out


tmp = rw.init()
study = rw.phantom(tmp)
slices = rw.read_series(os.path.join(study, "T2w"))
first = slices[0]
row = np.array([float(x) for x in first.ImageOrientationPatient[:3]])
col = np.array([float(x) for x in first.ImageOrientationPatient[3:]])
normal = np.cross(row, col)
slices.sort(key=lambda d: float(np.dot(normal, [float(x) for x in d.ImagePositionPatient])))
n = len(slices)
rows, cols = int(first.Rows), int(first.Columns)
per_row = int(math.ceil(math.sqrt(n)))
row_spacing, col_spacing = (float(x) for x in first.PixelSpacing)
p0 = np.array([float(x) for x in slices[0].ImagePositionPatient])
p1 = np.array([float(x) for x in slices[1].ImagePositionPatient])
step = float(np.dot(p1 - p0, normal))
print("mosaic of %d slices %dx%d, %d to a row, step %.3f mm" % (n, cols, rows, per_row, step))

folder = os.path.join(tmp, "mosaic")
datasets = []
for volume in range(2):
    mosaic = np.zeros((rows * per_row, cols * per_row), dtype=first.pixel_array.dtype)
    for t, d in enumerate(slices):
        r, c = divmod(t, per_row)
        mosaic[r * rows:(r + 1) * rows, c * cols:(c + 1) * cols] = d.pixel_array // (volume + 1)
    ds = rw.copy_of(first, mosaic, volume * 100)
    ds.Manufacturer = "SIEMENS"
    ds.ImageType = ["ORIGINAL", "PRIMARY", "M", "ND", "MOSAIC"]
    ds.AcquisitionNumber = volume + 1
    ds.SliceThickness = step
    ds.SpacingBetweenSlices = step
    # A mosaic's position is the corner of the whole image, not of the first slice.
    corner = p0 - row * col_spacing * (cols * per_row - cols) / 2.0 \
        - col * row_spacing * (rows * per_row - rows) / 2.0
    ds.ImagePositionPatient = [float("%.6f" % x) for x in corner]
    ds.add_new(0x00290010, "LO", "SIEMENS CSA HEADER")
    ds.add_new(0x00291010, "OB", csa2([
        ("NumberOfImagesInMosaic", "US", [str(n)]),
        ("SliceNormalVector", "FD", ["%.8f" % x for x in normal]),
    ]))
    datasets.append(ds)
rw.write_series(datasets, folder, "mosaic")

series = rw.scan(folder)
rw.check(len(series) == 2, "%d volumes, expected 2" % len(series))
rw.check(len({s["series_instance_uid"] for s in series}) == 1, "not one series")
for v, s in enumerate(series):
    rw.check(s["dims"] == [cols, rows, n], "volume %d dims %s" % (v, s["dims"]))
    rw.check(s["mosaic"] and len(s["volumes"]) == 2 and s["volume"] == v, "volume listing")
# Volume 0 is the original T2w, voxel for voxel.
original = rw.run_json("info", os.path.join(study, "T2w"))
info = rw.run_json("info", folder, "--volume", "0")
rw.check(info["sha256"] == original["sha256"], "de-mosaiced volume 0 differs from the slices")
worst = np.abs(np.array(info["index_to_patient"]) - np.array(original["index_to_patient"])).max()
rw.check(worst < rw.TOLERANCE_MM, "geometry differs from the slices' by %.4f mm" % worst)
print("volume 0 equals the original slices (sha256, geometry within %.5f mm)" % worst)

files = rw.dcm2niix(folder, folder + "_d2n")
theirs = [rw.Nifti(f) for f in files]
rw.check(len(theirs) == 1 and len(theirs[0].dims) == 4 and theirs[0].dims[3] == 2,
         "dcm2niix did not write one 4D file of 2 volumes: %s" % [t.dims for t in theirs])
for v in range(2):
    ours = rw.convert(folder, os.path.join(tmp, "mosaic_v%d.nii" % v), "--volume", str(v))
    rw.compare_volume(ours, theirs[0], v, "mosaic volume %d" % v)
print("mosaic volumes agree with dcm2niix")
