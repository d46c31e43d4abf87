#!/usr/bin/python3
"""Recomputes the sCT agreement metrics of `crosscheck-cli analyze` independently.

Usage: recompute_metrics.py CT.nii MASK.nii SCT_ON_CT.nii ANALYSIS.json [--rtol R]

CT.nii is the CT as NIfTI (dcm2niix or `crosscheck-cli convert`), MASK.nii and
SCT_ON_CT.nii are what `analyze --write-mask --write-resampled` wrote, ANALYSIS.json is
`analyze --json`. The metrics follow SynthRAD's evaluation (docs/metrics.md): numpy and
scipy only, no code shared with Crosscheck. Prints the recomputed and the reported values
as JSON on stdout; exits 1 when any differs by more than R relative (default 1e-6).
"""
import gzip
import json
import sys

import numpy as np
from scipy.ndimage import uniform_filter

DTYPES = {2: np.uint8, 4: np.int16, 8: np.int32, 16: np.float32, 64: np.float64, 256: np.int8,
          512: np.uint16}


def read_nifti(path):
    """A NIfTI-1 single file: (voxels as float64 with scl_slope/inter applied, sform)."""
    raw = open(path, "rb").read()
    if path.endswith(".gz"):
        raw = gzip.decompress(raw)
    if np.frombuffer(raw[:4], "<i4")[0] != 348:
        raise SystemExit(f"{path}: not a little-endian NIfTI-1 file")
    dim = np.frombuffer(raw[40:56], "<i2")
    datatype = int(np.frombuffer(raw[70:72], "<i2")[0])
    vox_offset = int(np.frombuffer(raw[108:112], "<f4")[0])
    slope, inter = np.frombuffer(raw[112:120], "<f4")
    srow = np.frombuffer(raw[280:328], "<f4").reshape(3, 4).astype(np.float64)
    shape = tuple(int(n) for n in dim[1:1 + int(dim[0])])
    count = int(np.prod(shape))
    data = np.frombuffer(raw, DTYPES[datatype], count, vox_offset)
    data = data.reshape(shape, order="F").astype(np.float64)
    if slope not in (0.0, 1.0) or inter != 0.0:
        data = data * (slope if slope != 0.0 else 1.0) + inter
    return data, srow


def ssim_synthrad(gt, pred, mask, clip=(-1024.0, 3000.0), window=7, k1=0.01, k2=0.03):
    """SynthRAD's masked SSIM, written out as scikit-image's structural_similarity does it
    (uniform window, sample covariance), then cropped by (window - 1) / 2 and masked."""
    low, high = clip
    data_range = high - low
    gt = np.where(mask, np.clip(gt, low, high), low) - low
    pred = np.where(mask, np.clip(pred, low, high), low) - low
    n = window ** gt.ndim
    cov_norm = n / (n - 1.0)
    ux = uniform_filter(gt, window)
    uy = uniform_filter(pred, window)
    uxx = uniform_filter(gt * gt, window)
    uyy = uniform_filter(pred * pred, window)
    uxy = uniform_filter(gt * pred, window)
    vx = cov_norm * (uxx - ux * ux)
    vy = cov_norm * (uyy - uy * uy)
    vxy = cov_norm * (uxy - ux * uy)
    c1 = (k1 * data_range) ** 2
    c2 = (k2 * data_range) ** 2
    s = ((2 * ux * uy + c1) * (2 * vxy + c2)) / ((ux ** 2 + uy ** 2 + c1) * (vx + vy + c2))
    pad = (window - 1) // 2
    crop = tuple(slice(pad, -pad) for _ in range(gt.ndim))
    m = mask[crop]
    return float(s[crop][m].sum(dtype=np.float64) / m.sum()), int(m.sum())


def metrics(ct, sct, mask):
    low, high = -1024.0, 3000.0
    d = ct[mask] - sct[mask]
    mse_clipped = np.mean((np.clip(ct[mask], low, high) - np.clip(sct[mask], low, high)) ** 2)
    ssim, ssim_voxels = ssim_synthrad(ct, sct, mask)
    ct_bone, sct_bone = ct[mask] >= 200, sct[mask] >= 200
    both = ct_bone.sum() + sct_bone.sum()
    return {
        "mae_hu": float(np.mean(np.abs(d))),
        "me_hu": float(np.mean(d)),
        "rmse_hu": float(np.sqrt(np.mean(d ** 2))),
        "psnr_db": float(10 * np.log10((high - low) ** 2 / mse_clipped)),
        "ssim": ssim,
        "bone_dice": float(2 * (ct_bone & sct_bone).sum() / both) if both else 1.0,
        "mask_voxels": int(mask.sum()),
        "ssim_voxels": ssim_voxels,
    }


def main():
    args = sys.argv[1:]
    rtol = 1e-6
    if "--rtol" in args:
        i = args.index("--rtol")
        rtol = float(args[i + 1])
        del args[i:i + 2]
    if len(args) != 4:
        raise SystemExit(__doc__)
    ct, ct_affine = read_nifti(args[0])
    mask, mask_affine = read_nifti(args[1])
    sct, sct_affine = read_nifti(args[2])
    reported = json.load(open(args[3]))["metrics"]
    problems = []
    if not (ct.shape == mask.shape == sct.shape):
        raise SystemExit(f"grids differ: CT {ct.shape}, mask {mask.shape}, sCT {sct.shape}")
    for name, affine in (("mask", mask_affine), ("sCT", sct_affine)):
        if not np.allclose(affine, ct_affine, atol=1e-3):
            problems.append(f"the {name}'s sform differs from the CT's")
    mask = mask > 0
    if np.any(sct[mask] == -32768):
        problems.append("the mask holds voxels where the resampled sCT has no value")
    mine = metrics(ct, sct, mask)
    for key, value in mine.items():
        theirs = reported[key]
        if abs(value - theirs) > rtol * max(abs(value), 1e-12):
            problems.append(f"{key}: recomputed {value!r}, reported {theirs!r}")
    print(json.dumps({"recomputed": mine, "reported": {k: reported[k] for k in mine},
                      "problems": problems}, indent=1))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
