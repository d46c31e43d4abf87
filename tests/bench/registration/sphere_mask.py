#!/usr/bin/python3
"""Registration benchmark, case (b): the region as elastix's fixed-image mask.

Usage: sphere_mask.py FIXED.nii MASK.nii X,Y,Z,R

Writes a NIfTI-1 uint8 mask on FIXED.nii's grid (same header and orientation, as
crosscheck-cli convert wrote it) that is 1 inside the sphere (centre X,Y,Z in DICOM
patient mm, LPS; radius R mm) and 0 elsewhere: the same region crosscheck-cli register
--region gets.
"""
import struct
import sys

import numpy as np

fixed, out, region = sys.argv[1:4]
x, y, z, r = (float(v) for v in region.split(","))
data = open(fixed, "rb").read()
header = bytearray(data[:352])
dims = struct.unpack("<8h", header[40:56])
nx, ny, nz = dims[1], dims[2], dims[3]
srow = np.array([struct.unpack("<4f", header[280 + 16 * a:296 + 16 * a]) for a in range(3)])
# sform maps (i, j, k) to RAS mm; LPS is (-R, -A, S).
kk, jj, ii = np.meshgrid(np.arange(nz), np.arange(ny), np.arange(nx), indexing="ij")
ras = srow[:, :3] @ np.stack([ii.ravel(), jj.ravel(), kk.ravel()]) + srow[:, 3:4]
lps = ras * np.array([[-1.0], [-1.0], [1.0]])
inside = ((lps - np.array([[x], [y], [z]])) ** 2).sum(axis=0) <= r * r
mask = inside.astype(np.uint8).reshape(nz, ny, nx)
struct.pack_into("<h", header, 70, 2)    # datatype: unsigned char
struct.pack_into("<h", header, 72, 8)    # bitpix
struct.pack_into("<f", header, 108, 352.0)  # vox_offset
struct.pack_into("<ff", header, 112, 1.0, 0.0)  # scl_slope, scl_inter
header[348:352] = b"\0\0\0\0"
with open(out + ".part", "wb") as f:
    f.write(bytes(header))
    f.write(mask.tobytes())
import os
os.replace(out + ".part", out)
print(int(inside.sum()), "voxels in the mask", file=sys.stderr)
