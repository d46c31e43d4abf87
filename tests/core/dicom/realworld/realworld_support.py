"""What the real-world DICOM script tests share: the CLI, dcm2niix, a NIfTI reader.

The tests build their inputs from the phantom with pydicom (Debian's /usr/bin/python3),
run crosscheck-cli and dcm2niix on the same files, and compare voxels and affines.
"""
import glob
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile

import numpy as np

CLI = None  # set by init()
TOLERANCE_MM = 0.01


def init():
    """Parses `script.py CLI`; returns a fresh temporary folder (removed at exit)."""
    global CLI
    if len(sys.argv) != 2:
        sys.exit("usage: %s PATH/TO/crosscheck-cli" % sys.argv[0])
    CLI = sys.argv[1]
    folder = tempfile.mkdtemp(prefix="crosscheck-realworld-")
    import atexit
    atexit.register(shutil.rmtree, folder, True)
    return folder


def run(*args, expect=0):
    result = subprocess.run([CLI, *args], capture_output=True, text=True)
    if result.returncode != expect:
        raise AssertionError("crosscheck-cli %s exited %d (expected %d): %s" %
                             (" ".join(args), result.returncode, expect, result.stderr))
    return result


def run_json(*args):
    return json.loads(run(*args, "--json").stdout)


def phantom(folder):
    """The small phantom study (CT, T1w, T2w, sCT folders) under folder/phantom."""
    out = os.path.join(folder, "phantom")
    run("phantom", out, "--size", "small")
    return out


def dcm2niix(folder, out):
    """dcm2niix on folder into out; returns the NIfTI files it wrote, sorted."""
    os.makedirs(out, exist_ok=True)
    subprocess.run(["dcm2niix", "-b", "n", "-z", "n", "-f", "%s_%e", "-o", out, folder],
                   check=True, capture_output=True)
    return sorted(glob.glob(os.path.join(out, "*.nii")))


class Nifti:
    """dims, the sform (4x4) and the values (scaled, x fastest) of an uncompressed NIfTI-1."""

    TYPES = {2: np.uint8, 4: np.int16, 8: np.int32, 16: np.float32, 64: np.float64,
             256: np.int8, 512: np.uint16, 768: np.uint32}

    def __init__(self, path):
        with open(path, "rb") as f:
            raw = f.read()
        dim = struct.unpack_from("<8h", raw, 40)
        self.dims = list(dim[1:1 + dim[0]])
        datatype = struct.unpack_from("<h", raw, 70)[0]
        offset = int(struct.unpack_from("<f", raw, 108)[0])
        slope, inter = struct.unpack_from("<2f", raw, 112)
        self.sform = np.eye(4)
        self.sform[:3, :] = np.array(struct.unpack_from("<12f", raw, 280)).reshape(3, 4)
        count = int(np.prod(self.dims))
        values = np.frombuffer(raw, dtype=self.TYPES[datatype], count=count, offset=offset)
        values = values.astype(np.float64)
        if slope not in (0.0, 1.0) or inter != 0.0:
            values = values * (slope if slope != 0.0 else 1.0) + inter
        self.values = values.reshape(list(reversed(self.dims)))  # [t][z][y][x]

    def volume(self, index):
        """Volume `index` of a 4D file (the file itself when 3D), as [z][y][x]."""
        return self.values if len(self.dims) == 3 else self.values[index]


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def compare_volume(ours_path, theirs, index, what):
    """Our 3D NIfTI against volume `index` of dcm2niix's: dims, affine (0.01 mm), voxels."""
    ours = Nifti(ours_path)
    check(ours.dims[:3] == theirs.dims[:3],
          "%s: dims %s, dcm2niix %s" % (what, ours.dims, theirs.dims))
    worst = np.abs(ours.sform - theirs.sform).max()
    check(worst < TOLERANCE_MM, "%s: affine differs from dcm2niix's by %.4f mm\n%s\n%s" %
          (what, worst, ours.sform, theirs.sform))
    diff = np.abs(ours.volume(0) - theirs.volume(index)).max()
    check(diff < 1e-3, "%s: voxels differ from dcm2niix's by up to %g" % (what, diff))
    print("%s: dims %s, affine within %.5f mm, voxels equal" % (what, ours.dims[:3], worst))


def read_series(folder):
    """The DICOM files of a phantom series folder, by InstanceNumber, as pydicom datasets."""
    import pydicom
    files = [os.path.join(folder, n) for n in sorted(os.listdir(folder))]
    datasets = [pydicom.dcmread(f) for f in files]
    return sorted(datasets, key=lambda d: int(d.InstanceNumber))


def write_series(datasets, folder, prefix):
    """Writes datasets as folder/prefix_NNNN.dcm, native explicit little endian."""
    import pydicom.uid
    os.makedirs(folder, exist_ok=True)
    for i, ds in enumerate(datasets):
        ds.file_meta.TransferSyntaxUID = pydicom.uid.ExplicitVRLittleEndian
        ds.is_little_endian, ds.is_implicit_VR = True, False
        ds.save_as(os.path.join(folder, "%s_%04d.dcm" % (prefix, i)), write_like_original=False)


def copy_of(ds, pixels=None, instance_offset=0):
    """A copy of ds with a new SOPInstanceUID, optionally new pixels (same dtype)."""
    import copy
    import pydicom.uid
    out = copy.deepcopy(ds)
    out.SOPInstanceUID = pydicom.uid.generate_uid()
    out.file_meta.MediaStorageSOPInstanceUID = out.SOPInstanceUID
    out.InstanceNumber = int(ds.InstanceNumber) + instance_offset
    if pixels is not None:
        out.Rows, out.Columns = pixels.shape
        out.PixelData = np.ascontiguousarray(pixels).tobytes()
    return out


def scan(folder):
    return run_json("scan", folder)["series"]


def convert(folder, out, *extra):
    run("convert", folder, out, *extra)
    return out


def dcm2niix_by_dims(folder, out):
    """dcm2niix's output files keyed by their first three dims (tuple)."""
    return {tuple(Nifti(f).dims[:3]): Nifti(f) for f in dcm2niix(folder, out)}
