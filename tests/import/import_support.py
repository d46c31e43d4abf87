"""Helpers of the import tests: the phantom CT read with pydicom, an RTSTRUCT and NIfTI-1/-2
label maps written here (pydicom, numpy, struct: no Crosscheck code), and an even-odd
rasterization of contours on the CT grid computed independently of Crosscheck's."""
import gzip
import struct

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

RTSTRUCT_CLASS = "1.2.840.10008.5.1.4.1.1.481.3"


class Ct:
    """The CT series: slices sorted along the normal, HU as float64 [k, j, i]."""

    def __init__(self, folder):
        import glob
        files = [pydicom.dcmread(f) for f in glob.glob(f"{folder}/*.dcm")]
        row = np.array(files[0].ImageOrientationPatient[:3], dtype=float)
        col = np.array(files[0].ImageOrientationPatient[3:], dtype=float)
        normal = np.cross(row, col)
        files.sort(key=lambda d: float(np.dot(np.array(d.ImagePositionPatient, dtype=float), normal)))
        self.slices = files
        self.row, self.col, self.normal = row, col, normal
        self.origin = np.array(files[0].ImagePositionPatient, dtype=float)
        self.spacing_rc = [float(v) for v in files[0].PixelSpacing]  # between rows, columns
        last = np.array(files[-1].ImagePositionPatient, dtype=float)
        self.step = (last - self.origin) / (len(files) - 1)
        self.hu = np.stack([d.pixel_array * float(d.RescaleSlope) + float(d.RescaleIntercept)
                            for d in files]).astype(np.float64)
        self.dims = (int(files[0].Columns), int(files[0].Rows), len(files))
        self.frame_uid = files[0].FrameOfReferenceUID
        self.series_uid = files[0].SeriesInstanceUID
        self.study_uid = files[0].StudyInstanceUID

    def index_to_lps(self):
        m = np.eye(4)
        m[:3, 0] = self.row * self.spacing_rc[1]
        m[:3, 1] = self.col * self.spacing_rc[0]
        m[:3, 2] = self.step
        m[:3, 3] = self.origin
        return m

    def voxel_volume(self):
        return abs(np.linalg.det(self.index_to_lps()[:3, :3]))

    def slice_z(self, k):
        return float(self.slices[k].ImagePositionPatient[2])


def ellipse(cx, cy, rx, ry, n=64, phase=0.1):
    t = phase + 2 * np.pi * np.arange(n) / n
    return list(zip(cx + rx * np.cos(t), cy + ry * np.sin(t)))


def rasterize(ct, contours_by_slice):
    """Even-odd fill of axial contours [(k, [(x, y), ...]), ...] in mm on the CT grid: a voxel
    is in when its centre has an odd number of edge crossings towards +x (half-open in y)."""
    mask = np.zeros(ct.hu.shape, dtype=bool)
    cols, rows, _ = ct.dims
    xs = ct.origin[0] + np.arange(cols) * ct.spacing_rc[1]
    ys = ct.origin[1] + np.arange(rows) * ct.spacing_rc[0]
    X, Y = np.meshgrid(xs, ys)  # [j, i]
    for k, polygon in contours_by_slice:
        inside = mask[k]
        p = np.array(polygon, dtype=float)
        q = np.roll(p, -1, axis=0)
        for (ax, ay), (bx, by) in zip(p, q):
            crosses = (ay > Y) != (by > Y)
            with np.errstate(divide="ignore", invalid="ignore"):
                x_at = ax + (Y - ay) * (bx - ax) / (by - ay)
            inside ^= crosses & (x_at > X)
        mask[k] = inside
    return mask


def write_rtstruct(path, ct, structures, geometric_type="CLOSED_PLANAR", referenced_series=None,
                   frame_uid=None, reference_images=True):
    """structures: [(number, name, (r, g, b), [(k, [(x, y), ...]), ...]), ...]."""
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = RTSTRUCT_CLASS
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(str(path), {}, file_meta=meta, preamble=b"\0" * 128)
    ds.SOPClassUID = RTSTRUCT_CLASS
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = "RTSTRUCT"
    ds.PatientName = ct.slices[0].PatientName
    ds.PatientID = ct.slices[0].PatientID
    ds.StudyInstanceUID = ct.study_uid
    ds.SeriesInstanceUID = generate_uid()
    ds.StructureSetLabel = "test"
    frame = frame_uid or ct.frame_uid
    ref_frame = Dataset()
    ref_frame.FrameOfReferenceUID = frame
    if reference_images:
        series = Dataset()
        series.SeriesInstanceUID = referenced_series or ct.series_uid
        series.ContourImageSequence = Sequence([_image_ref(s) for s in ct.slices])
        study = Dataset()
        study.ReferencedSOPClassUID = "1.2.840.10008.3.1.2.3.1"
        study.ReferencedSOPInstanceUID = ct.study_uid
        study.RTReferencedSeriesSequence = Sequence([series])
        ref_frame.RTReferencedStudySequence = Sequence([study])
    ds.ReferencedFrameOfReferenceSequence = Sequence([ref_frame])
    ssroi, contours, observations = [], [], []
    for number, name, colour, polys in structures:
        item = Dataset()
        item.ROINumber = number
        item.ReferencedFrameOfReferenceUID = frame
        item.ROIName = name
        item.ROIGenerationAlgorithm = "MANUAL"
        ssroi.append(item)
        roi = Dataset()
        roi.ReferencedROINumber = number
        roi.ROIDisplayColor = list(colour)
        seq = []
        for k, polygon in polys:
            c = Dataset()
            if reference_images:
                c.ContourImageSequence = Sequence([_image_ref(ct.slices[k])])
            c.ContourGeometricType = geometric_type
            c.NumberOfContourPoints = len(polygon)
            z = ct.slice_z(k)
            c.ContourData = [f"{v:.6f}" for x, y in polygon for v in (x, y, z)]
            seq.append(c)
        roi.ContourSequence = Sequence(seq)
        contours.append(roi)
        obs = Dataset()
        obs.ObservationNumber = number
        obs.ReferencedROINumber = number
        obs.RTROIInterpretedType = "ORGAN"
        obs.ROIInterpreter = ""
        observations.append(obs)
    ds.StructureSetROISequence = Sequence(ssroi)
    ds.ROIContourSequence = Sequence(contours)
    ds.RTROIObservationsSequence = Sequence(observations)
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.save_as(str(path), write_like_original=False)


def _image_ref(slice_ds):
    r = Dataset()
    r.ReferencedSOPClassUID = slice_ds.SOPClassUID
    r.ReferencedSOPInstanceUID = slice_ds.SOPInstanceUID
    return r


def _ras_affine(index_to_lps):
    return np.diag([-1.0, -1.0, 1.0, 1.0]) @ index_to_lps


def write_nifti1(path, labels, index_to_lps, dtype=np.uint16):
    """A NIfTI-1 single file (.nii, or .nii.gz) with the sform (code 1) only."""
    codes = {np.dtype(np.uint8): (2, 8), np.dtype(np.int16): (4, 16), np.dtype(np.uint16): (512, 16),
             np.dtype(np.float32): (16, 32), np.dtype(np.int32): (8, 32)}
    data = np.ascontiguousarray(labels.astype(dtype))
    datatype, bitpix = codes[data.dtype]
    nk, nj, ni = data.shape
    a = _ras_affine(index_to_lps)
    h = bytearray(352)
    struct.pack_into("<i", h, 0, 348)
    struct.pack_into("<8h", h, 40, 3, ni, nj, nk, 1, 1, 1, 1)
    struct.pack_into("<hh", h, 70, datatype, bitpix)
    spacing = np.linalg.norm(index_to_lps[:3, :3], axis=0)
    struct.pack_into("<8f", h, 76, 1.0, *spacing, 1.0, 1.0, 1.0, 1.0)
    struct.pack_into("<f", h, 108, 352.0)
    struct.pack_into("<ff", h, 112, 1.0, 0.0)
    struct.pack_into("<B", h, 123, 2)  # mm
    struct.pack_into("<hh", h, 252, 0, 1)
    for r in range(3):
        struct.pack_into("<4f", h, 280 + 16 * r, *a[r])
    h[344:348] = b"n+1\0"
    _write(path, bytes(h) + data.tobytes())


def write_nifti2(path, labels, index_to_lps):
    """A NIfTI-2 single file (uint8) with the sform (code 1) only."""
    data = np.ascontiguousarray(labels.astype(np.uint8))
    nk, nj, ni = data.shape
    a = _ras_affine(index_to_lps)
    h = bytearray(544)
    struct.pack_into("<i", h, 0, 540)
    h[4:12] = b"n+2\0\r\n\x1a\n"
    struct.pack_into("<hh", h, 12, 2, 8)
    struct.pack_into("<8q", h, 16, 3, ni, nj, nk, 1, 1, 1, 1)
    spacing = np.linalg.norm(index_to_lps[:3, :3], axis=0)
    struct.pack_into("<8d", h, 104, 1.0, *spacing, 1.0, 1.0, 1.0, 1.0)
    struct.pack_into("<q", h, 168, 544)
    struct.pack_into("<dd", h, 176, 1.0, 0.0)
    struct.pack_into("<ii", h, 344, 0, 1)
    for r in range(3):
        struct.pack_into("<4d", h, 400 + 32 * r, *a[r])
    struct.pack_into("<i", h, 500, 2)
    _write(path, bytes(h) + data.tobytes())


def _write(path, content):
    if str(path).endswith(".gz"):
        with gzip.open(path, "wb") as f:
            f.write(content)
    else:
        with open(path, "wb") as f:
            f.write(content)
