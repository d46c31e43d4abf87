"""Colour and palette images: `info --json` exits 0 with samples_per_pixel,
photometric_interpretation, null HU statistics, null geometry when the picture has none,
and sha256 over the RGB bytes (8 bits a sample, pixel interleaved, frames in order).

The expected hashes come from an independent decode with pydicom and numpy: pydicom's
pixel_array, convert_color_space for YBR (the standard's formula, rounded) and
apply_color_lut for palettes (16-bit entries to 8 bits by their high byte, as DCMTK does). Inputs: pydicom's own test
files (RLE colour among them) and files made here from them (planar RGB, YBR_FULL native
and RLE, palettes, multi-frame, and a picture with patient geometry).

usage: check_colour.py PATH/TO/crosscheck-cli
"""
import copy
import hashlib
import os
import shutil

import numpy as np
import pydicom
import pydicom.uid
from pydicom.pixel_data_handlers.util import apply_color_lut, convert_color_space

import realworld_support as rw

CORPUS = "/usr/lib/python3/dist-packages/pydicom/data/test_files"
tmp = rw.init()


def native(ds, pixels, photometric, planar=0):
    """ds with native pixels (frames, rows, columns, samples) or (frames, rows, columns)."""
    out = copy.deepcopy(ds)
    out.file_meta.TransferSyntaxUID = pydicom.uid.ExplicitVRLittleEndian
    out.is_little_endian, out.is_implicit_VR = True, False
    out.PhotometricInterpretation = photometric
    frames = pixels.shape[0]
    if frames > 1:
        out.NumberOfFrames = frames
    elif "NumberOfFrames" in out:
        del out.NumberOfFrames
    if pixels.ndim == 4:
        out.SamplesPerPixel = 3
        out.PlanarConfiguration = planar
        data = pixels.transpose(0, 3, 1, 2) if planar else pixels
    else:
        out.SamplesPerPixel = 1
        if "PlanarConfiguration" in out:
            del out.PlanarConfiguration
        data = pixels
    out.PixelData = np.ascontiguousarray(data).tobytes()
    return out


def save(ds, name):
    path = os.path.join(tmp, name)
    ds.save_as(path, write_like_original=False)
    return path


def sha(rgb):
    return hashlib.sha256(np.ascontiguousarray(rgb, dtype=np.uint8).tobytes()).hexdigest()


rgb_source = pydicom.dcmread(os.path.join(CORPUS, "SC_rgb_rle.dcm"))
rgb = rgb_source.pixel_array[np.newaxis]  # (1, rows, columns, 3), decoded by pydicom's RLE
two_source = pydicom.dcmread(os.path.join(CORPUS, "SC_rgb_rle_2frame.dcm"))
rgb2 = two_source.pixel_array  # (2, rows, columns, 3)

cases = []  # (file, expected RGB (frames, rows, columns, 3), photometric)
cases.append((save(native(rgb_source, rgb, "RGB"), "rgb.dcm"), rgb, "RGB"))
cases.append((save(native(rgb_source, rgb, "RGB", planar=1), "rgb_planar.dcm"), rgb, "RGB"))
cases.append((save(native(two_source, rgb2, "RGB"), "rgb_2frame.dcm"), rgb2, "RGB"))
ybr = convert_color_space(rgb[0], "RGB", "YBR_FULL")[np.newaxis]
cases.append((save(native(rgb_source, ybr, "YBR_FULL"), "ybr_full.dcm"),
              convert_color_space(ybr[0], "YBR_FULL", "RGB")[np.newaxis], "YBR_FULL"))
ybr422 = pydicom.dcmread(os.path.join(CORPUS, "SC_ybr_full_422_uncompressed.dcm"))
shutil.copy(os.path.join(CORPUS, "SC_ybr_full_422_uncompressed.dcm"), tmp)
cases.append((os.path.join(tmp, "SC_ybr_full_422_uncompressed.dcm"),
              convert_color_space(ybr422.pixel_array, "YBR_FULL", "RGB")[np.newaxis],
              "YBR_FULL_422"))

# Palettes: 8-bit indices, 16-bit entries (a ramp through the colours), one and two frames.
entries = np.arange(256)
red = (entries * 257).astype(np.uint16)
green = ((255 - entries) * 257).astype(np.uint16)
blue = ((entries * 7 % 256) * 257 + 13).clip(0, 65535).astype(np.uint16)
for frames in (1, 2):
    indices = rgb2[:frames, :, :, 0] if frames == 2 else rgb[:, :, :, 1]
    pal = native(two_source if frames == 2 else rgb_source, indices.astype(np.uint8),
                 "PALETTE COLOR")
    for offset, lut in ((1, red), (2, green), (3, blue)):
        pal.add_new(0x00281100 + offset, "US", [256, 0, 16])  # entries, first index, bits
        pal.add_new(0x00281200 + offset, "OW", lut.tobytes())
    path = save(pal, "palette_%dframe.dcm" % frames)
    looked_up = apply_color_lut(pydicom.dcmread(path).pixel_array, pydicom.dcmread(path))
    eight = (looked_up >> 8).astype(np.uint8)  # the high byte of each 16-bit entry
    cases.append((path, eight.reshape((frames,) + indices.shape[1:] + (3,)), "PALETTE COLOR"))

# RLE colour, decoded by the project's RLE decoder (DCMTK's is not used): pydicom's own
# files (8 and 16 bits, one and two frames; 16-bit samples to 8 bits by their high byte,
# as DCMTK does for native 16-bit RGB) and a YBR_FULL picture compressed here by pydicom.
for name in ("SC_rgb_rle.dcm", "SC_rgb_rle_2frame.dcm", "SC_rgb_rle_16bit.dcm",
             "SC_rgb_rle_16bit_2frame.dcm"):
    shutil.copy(os.path.join(CORPUS, name), tmp)
    pixels = pydicom.dcmread(os.path.join(CORPUS, name)).pixel_array
    pixels = pixels if pixels.ndim == 4 else pixels[np.newaxis]
    eight = (pixels >> 8).astype(np.uint8) if pixels.dtype == np.uint16 else pixels
    cases.append((os.path.join(tmp, name), eight, "RGB"))
ybr_rle = native(rgb_source, ybr, "YBR_FULL")
ybr_rle.compress(pydicom.uid.RLELossless, ybr[0])
cases.append((save(ybr_rle, "ybr_full_rle.dcm"),
              convert_color_space(ybr[0], "YBR_FULL", "RGB")[np.newaxis], "YBR_FULL"))

# A colour picture with a place in patient space keeps its geometry.
placed = native(rgb_source, rgb, "RGB")
placed.ImagePositionPatient = [-10.0, -20.0, 30.0]
placed.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
placed.PixelSpacing = [0.5, 0.25]
placed_path = save(placed, "rgb_placed.dcm")
cases.append((placed_path, rgb, "RGB"))

for path, expected, photometric in cases:
    name = os.path.basename(path)
    ds = pydicom.dcmread(path)
    info = rw.run_json("info", path)
    rw.check(info["samples_per_pixel"] == 3, name + ": samples_per_pixel")
    rw.check(info["photometric_interpretation"] == photometric, name + ": photometric")
    rw.check(info["min"] is None and info["max"] is None and info["mean"] is None,
             name + ": HU statistics must be null")
    has_place = "ImagePositionPatient" in ds
    rw.check((info["index_to_patient"] is None) != has_place, name + ": geometry")
    rw.check(info["dims"][:2] == [int(ds.Columns), int(ds.Rows)], name + ": dims")
    rw.check(info["sha256"] == sha(expected),
             "%s: sha256 %s, pydicom's RGB gives %s" % (name, info["sha256"], sha(expected)))
    print("%s: %s, sha256 equal to pydicom's decode" % (name, photometric))

placed_info = rw.run_json("info", placed_path)
matrix = np.array(placed_info["index_to_patient"]).reshape(4, 4)
rw.check(np.allclose(matrix[:3, 0], [0.25, 0, 0]) and np.allclose(matrix[:3, 3], [-10, -20, 30]),
         "placed picture geometry %s" % matrix)

# JPEG colour (YBR_FULL in baseline JPEG): no JPEG decoder for pydicom here, so the
# decode is checked against the lossless original of the same picture.
jpeg = os.path.join(CORPUS, "SC_rgb_jpeg_dcmtk.dcm")
info = rw.run_json("info", jpeg)
rw.check(info["samples_per_pixel"] == 3 and info["sha256"], "JPEG colour")
print("JPEG colour: info exits 0 (%s)" % info["photometric_interpretation"])

# Colour is never measured and never loaded as a volume.
result = rw.run("convert", cases[0][0], os.path.join(tmp, "rgb.nii"), expect=1)
rw.check("colour" in result.stderr, "convert must say why it refuses a colour image")
print("all colour cases agree with pydicom")
