#!/usr/bin/python3
"""Registration benchmark, case (c): an MR-like series made from a CT series.

Usage: mr_like.py CT_DIR OUT_DIR TRUTH.json

The CT's HU are mapped to an MR-like signal by a non-monotonic curve (air and bone dark,
fat bright, water and CSF bright-ish, muscle grey), given a smooth multiplicative texture
and a bias field, averaged into 3 mm voxels of a grid moved by a known rigid transform,
and given Rician noise. The series is written as DICOM (MR Image Storage, its own frame
of reference). TRUTH.json gets {"ct_to_mr": 4x4 row-major} (CT patient mm -> this
series' patient mm) and the tumour-free centre used for the TRE points.
"""
import json
import os
import sys

import numpy as np
import pydicom
from pydicom.dataset import FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid
from scipy import ndimage

ct_dir, out_dir, truth_path = sys.argv[1:4]
rng = np.random.default_rng(7)

# --- read the CT (one file per slice), sorted along the slice normal -------------------
slices = [pydicom.dcmread(os.path.join(ct_dir, f)) for f in sorted(os.listdir(ct_dir))]
row = np.array(slices[0].ImageOrientationPatient[:3], float)
col = np.array(slices[0].ImageOrientationPatient[3:], float)
normal = np.cross(row, col)
slices.sort(key=lambda s: float(np.dot(normal, np.array(s.ImagePositionPatient, float))))
ps = [float(v) for v in slices[0].PixelSpacing]  # row spacing, column spacing
origin = np.array(slices[0].ImagePositionPatient, float)
dz = float(np.dot(normal, np.array(slices[1].ImagePositionPatient, float) - origin))
hu = np.stack([s.pixel_array.astype(np.float32) * float(s.RescaleSlope) + float(s.RescaleIntercept)
               for s in slices])  # [k, j, i]
ct_index_to_patient = np.eye(4)
ct_index_to_patient[:3, 0] = row * ps[1]
ct_index_to_patient[:3, 1] = col * ps[0]
ct_index_to_patient[:3, 2] = normal * dz
ct_index_to_patient[:3, 3] = origin

# --- HU -> MR-like signal: non-monotonic (fat bright, bone and air dark) ----------------
hu_points = [-1000, -400, -120, -60, 0, 20, 45, 100, 200, 400, 1000, 2000]
mr_points = [0, 60, 950, 900, 700, 650, 330, 300, 260, 150, 40, 20]
signal = np.interp(hu, hu_points, mr_points).astype(np.float32)
# Texture: smooth multiplicative noise (about 12 %, about a millimetre) as tissue heterogeneity.
texture = ndimage.gaussian_filter(rng.standard_normal(signal.shape).astype(np.float32), 1.5)
texture *= 0.12 / max(float(texture.std()), 1e-6)
signal *= 1.0 + texture
del texture, hu

# --- the MR-like grid: 3 mm voxels, axial-ish, moved by a known rigid transform --------
def euler(ax, ay, az):
    cx, sx, cy, sy, cz, sz = np.cos(ax), np.sin(ax), np.cos(ay), np.sin(ay), np.cos(az), np.sin(az)
    rx = np.array([[1, 0, 0], [0, cx, -sx], [0, sx, cx]])
    ry = np.array([[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]])
    rz = np.array([[cz, -sz, 0], [sz, cz, 0], [0, 0, 1]])
    return rz @ ry @ rx

ct_centre = (ct_index_to_patient @ np.append((np.array(signal.shape[::-1]) - 1) / 2.0, 1.0))[:3]
ct_to_mr = np.eye(4)
ct_to_mr[:3, :3] = euler(*np.radians([6.0, -4.0, 5.0]))
ct_to_mr[:3, 3] = ct_centre + np.array([12.0, -9.0, 15.0]) - ct_to_mr[:3, :3] @ ct_centre
dims = np.array([110, 110, 60])  # i, j, k
spacing = 3.0
mr_index_to_patient = np.eye(4)
mr_index_to_patient[:3, :3] = np.eye(3) * spacing
mr_centre = (ct_to_mr @ np.append(ct_centre, 1.0))[:3]
mr_index_to_patient[:3, 3] = mr_centre - spacing * (dims - 1) / 2.0

# Each 3 mm voxel averages 3 x 3 x 3 points of the fine signal (partial volume).
mr_to_ct_index = np.linalg.inv(ct_index_to_patient) @ np.linalg.inv(ct_to_mr) @ mr_index_to_patient
kk, jj, ii = np.meshgrid(np.arange(dims[2]), np.arange(dims[1]), np.arange(dims[0]), indexing="ij")
grid = np.stack([ii.ravel(), jj.ravel(), kk.ravel(), np.ones(ii.size)]).astype(np.float64)
acc = np.zeros(ii.size, np.float64)
for d in [(a, b, c) for a in (-1 / 3, 0, 1 / 3) for b in (-1 / 3, 0, 1 / 3) for c in (-1 / 3, 0, 1 / 3)]:
    g = grid.copy()
    g[:3] += np.array(d)[:, None]
    ijk = (mr_to_ct_index @ g)[:3]
    acc += ndimage.map_coordinates(signal, [ijk[2], ijk[1], ijk[0]], order=1, mode="constant", cval=0.0)
volume = (acc / 27.0).reshape(dims[2], dims[1], dims[0])
# Bias field (receive coil) and Rician noise.
z = np.linspace(-1, 1, dims[2])[:, None, None]
y = np.linspace(-1, 1, dims[1])[None, :, None]
volume *= 1.0 + 0.2 * y - 0.15 * z * z
sigma = 30.0
volume = np.sqrt((volume + sigma * rng.standard_normal(volume.shape)) ** 2
                 + (sigma * rng.standard_normal(volume.shape)) ** 2)
pixels = np.clip(np.round(volume), 0, 65535).astype(np.uint16)

# --- write DICOM ----------------------------------------------------------------------
os.makedirs(out_dir, exist_ok=True)
study, series, frame = generate_uid(), generate_uid(), generate_uid()
for k in range(dims[2]):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.4"
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(None, {}, file_meta=meta, preamble=b"\0" * 128)
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = "MR"
    ds.PatientName = "BENCH^MRLIKE"
    ds.PatientID = "BENCH-MRLIKE"
    ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.FrameOfReferenceUID = study, series, frame
    ds.SeriesDescription = "MR-like from CT (bench)"
    ds.SeriesNumber, ds.InstanceNumber = 1, k + 1
    ds.ImageType = ["DERIVED", "SECONDARY", "OTHER"]
    ds.ImagePositionPatient = [float(v) for v in (mr_index_to_patient @ np.array([0, 0, k, 1.0]))[:3]]
    ds.ImageOrientationPatient = [1.0, 0.0, 0.0, 0.0, 1.0, 0.0]
    ds.PixelSpacing = [spacing, spacing]
    ds.SliceThickness = spacing
    ds.Rows, ds.Columns = int(dims[1]), int(dims[0])
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 0
    ds.PixelData = pixels[k].tobytes()
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.save_as(os.path.join(out_dir, "mr%03d.dcm" % k), write_like_original=False)

json.dump({"ct_to_mr": ct_to_mr.tolist(), "ct_centre_mm": ct_centre.tolist()},
          open(truth_path, "w"), indent=1)
