#include "core/roi/LabelMapReader.h"

#include <nifti2_io.h>

#include <Eigen/LU>
#include <cmath>
#include <map>
#include <memory>
#include <type_traits>
#include <vector>

#include "core/roi/ImportSupport.h"
#include "core/roi/LabelTable.h"

namespace crosscheck {

namespace {

using NiftiImage = std::unique_ptr<nifti_image, void (*)(nifti_image*)>;

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& why) {
    throw RoiImportError(path.string() + ": " + why);
}

/// Calls f(n, value) for every voxel n (i fastest, then j, then k) with its label value as
/// a whole number, read straight from niftilib's buffer (no copy of a CT-sized volume).
template <class F>
void forEachValue(const nifti_image& nim, const std::filesystem::path& path, F&& f) {
    const std::size_t n = static_cast<std::size_t>(nim.nvox);
    const bool scaled = nim.scl_slope != 0.0 && (nim.scl_slope != 1.0 || nim.scl_inter != 0.0);
    auto visit = [&](const auto* data) {
        using T = std::remove_cv_t<std::remove_pointer_t<decltype(data)>>;
        for (std::size_t i = 0; i < n; ++i) {
            if (!scaled && std::is_integral<T>::value) {
                f(i, static_cast<long long>(data[i]));
                continue;
            }
            double v = static_cast<double>(data[i]);
            if (scaled) {
                v = v * nim.scl_slope + nim.scl_inter;
            }
            const double r = std::round(v);
            if (!std::isfinite(v) || std::abs(v - r) > 1e-6) {
                fail(path, "is not a label map (voxel " + std::to_string(i) + " holds " +
                               std::to_string(v) + ", not a whole number)");
            }
            f(i, static_cast<long long>(r));
        }
    };
    switch (nim.datatype) {
        case DT_UINT8:
            visit(static_cast<const std::uint8_t*>(nim.data));
            break;
        case DT_INT8:
            visit(static_cast<const std::int8_t*>(nim.data));
            break;
        case DT_INT16:
            visit(static_cast<const std::int16_t*>(nim.data));
            break;
        case DT_UINT16:
            visit(static_cast<const std::uint16_t*>(nim.data));
            break;
        case DT_INT32:
            visit(static_cast<const std::int32_t*>(nim.data));
            break;
        case DT_UINT32:
            visit(static_cast<const std::uint32_t*>(nim.data));
            break;
        case DT_INT64:
            visit(static_cast<const std::int64_t*>(nim.data));
            break;
        case DT_UINT64:
            visit(static_cast<const std::uint64_t*>(nim.data));
            break;
        case DT_FLOAT32:
            visit(static_cast<const float*>(nim.data));
            break;
        case DT_FLOAT64:
            visit(static_cast<const double*>(nim.data));
            break;
        default:
            fail(path, std::string("is not a label map (data type ") +
                           nifti_datatype_string(nim.datatype) + ")");
    }
}

/// True when every voxel centre of `labels` is a voxel centre of `series` and the grids
/// have the same extent: the index map between them is a signed permutation plus a whole
/// offset.
bool sameVoxelGrid(const VolumeGeometry& labels, const VolumeGeometry& series) {
    const Eigen::Matrix4d m = series.patientToIndex() * labels.indexToPatient();
    Eigen::Vector3i dims = Eigen::Vector3i::Zero();
    for (int c = 0; c < 3; ++c) {
        int hits = 0;
        for (int r = 0; r < 3; ++r) {
            const double v = m(r, c);
            if (std::abs(std::abs(v) - 1.0) < 1e-3) {
                ++hits;
                dims[r] = labels.dims()[c];
            } else if (std::abs(v) > 1e-3) {
                return false;
            }
        }
        if (hits != 1) {
            return false;
        }
    }
    if (dims != series.dims()) {
        return false;
    }
    for (int r = 0; r < 3; ++r) {
        if (std::abs(m(r, 3) - std::round(m(r, 3))) > 0.05) {
            return false;
        }
    }
    // Both ends of the label grid must land inside the series grid.
    for (int corner = 0; corner < 8; ++corner) {
        const Eigen::Vector4d ijk((corner & 1) ? labels.dims().x() - 1 : 0,
                                  (corner & 2) ? labels.dims().y() - 1 : 0,
                                  (corner & 4) ? labels.dims().z() - 1 : 0, 1.0);
        const Eigen::Vector4d s = m * ijk;
        for (int a = 0; a < 3; ++a) {
            if (s[a] < -0.05 || s[a] > series.dims()[a] - 1 + 0.05) {
                return false;
            }
        }
    }
    return true;
}

const LoadedSeries* seriesWithGrid(const Study& study, const VolumeGeometry& grid) {
    const LoadedSeries* found = nullptr;
    for (const LoadedSeries& s : study.series) {
        if (s.volume && sameVoxelGrid(grid, s.volume->geometry())) {
            if (s.info.role == SeriesRole::CT) {
                return &s;
            }
            if (!found) {
                found = &s;
            }
        }
    }
    return found;
}

}  // namespace

ImportResult readLabelMap(const std::filesystem::path& path, const Study& study,
                          const std::optional<std::filesystem::path>& labelTable) {
    const LabelTable table = labelTable ? readLabelTable(*labelTable) : LabelTable{};
    nifti_set_debug_level(0);
    NiftiImage nim(nifti_image_read(path.c_str(), 1), &nifti_image_free);
    if (!nim || !nim->data) {
        fail(path, "cannot be read as a NIfTI-1 or NIfTI-2 image");
    }
    if (nim->nx < 1 || nim->ny < 1 || nim->nz < 1 || nim->nvox != nim->nx * nim->ny * nim->nz) {
        fail(path, "is not a label map (expected one 3D volume, got " + std::to_string(nim->nvox) +
                       " voxels in " + std::to_string(nim->ndim) + " dimensions)");
    }
    const nifti_dmat44& xform = nim->sform_code > 0   ? nim->sto_xyz
                                : nim->qform_code > 0 ? nim->qto_xyz
                                                      : nim->sto_xyz;
    if (nim->sform_code <= 0 && nim->qform_code <= 0) {
        fail(path, "has no orientation (neither sform nor qform is set)");
    }
    Eigen::Matrix4d indexToRas;
    for (int r = 0; r < 4; ++r) {
        for (int c = 0; c < 4; ++c) {
            indexToRas(r, c) = xform.m[r][c];
        }
    }
    const Eigen::Matrix4d rasToLps = Eigen::Vector4d(-1, -1, 1, 1).asDiagonal();
    const VolumeGeometry grid(Eigen::Vector3i(static_cast<int>(nim->nx), static_cast<int>(nim->ny),
                                              static_cast<int>(nim->nz)),
                              rasToLps * indexToRas);
    const LoadedSeries* series = seriesWithGrid(study, grid);
    if (!series) {
        fail(path, "its voxel grid (" + std::to_string(nim->nx) + " x " + std::to_string(nim->ny) +
                       " x " + std::to_string(nim->nz) +
                       " voxels) matches no loaded series; a label map must be on the grid of "
                       "one of the study's series");
    }
    // One pass for each label's box, one to fill the cropped masks.
    const Eigen::Vector3i d = grid.dims();
    const std::size_t row = static_cast<std::size_t>(d.x());
    const std::size_t slice = row * static_cast<std::size_t>(d.y());
    std::map<long long, IndexBounds> bounds;
    IndexBounds* lastBox = nullptr;
    long long lastValue = 0;
    forEachValue(*nim, path, [&](std::size_t n, long long v) {
        if (v == 0) {
            return;
        }
        if (!lastBox || v != lastValue) {
            lastBox = &bounds[v];
            lastValue = v;
        }
        lastBox->add(static_cast<int>(n % row), static_cast<int>((n % slice) / row),
                     static_cast<int>(n / slice));
    });
    if (bounds.empty()) {
        fail(path, "holds no label (every voxel is 0)");
    }
    struct Target {
        std::shared_ptr<BrushMask> mask;
        Eigen::Vector3i lo;
    };
    std::map<long long, Target> masks;
    for (const auto& [value, box] : bounds) {
        masks[value] = {std::make_shared<BrushMask>(croppedMask(grid, box.lo, box.hi)), box.lo};
    }
    Target* last = nullptr;
    lastValue = 0;
    forEachValue(*nim, path, [&](std::size_t n, long long v) {
        if (v == 0) {
            return;
        }
        if (!last || v != lastValue) {
            last = &masks[v];
            lastValue = v;
        }
        const Eigen::Vector3i& md = last->mask->geometry.dims();
        const std::size_t i = n % row - static_cast<std::size_t>(last->lo.x());
        const std::size_t j = (n % slice) / row - static_cast<std::size_t>(last->lo.y());
        const std::size_t k = n / slice - static_cast<std::size_t>(last->lo.z());
        last->mask
            ->labels[(k * static_cast<std::size_t>(md.y()) + j) * static_cast<std::size_t>(md.x()) +
                     i] = 1;
    });
    nim.reset();
    ImportResult result;
    for (const auto& [value, target] : masks) {
        const std::shared_ptr<const BrushMask> mask = target.mask;
        ImportedRoi r;
        const auto entry = table.find(value);
        r.label = entry != table.end() ? entry->second.name : std::to_string(value);
        r.roi = Roi::brush(series->info.frameOfReferenceUid, mask);
        RoiProvenance p;
        p.format = toString(ImportFormat::LabelMap);
        p.file = path.string();
        p.number = static_cast<int>(value);
        if (entry != table.end()) {
            p.colorRgb = entry->second.colorRgb;
        }
        r.roi.importedFrom = p;
        result.rois.push_back(std::move(r));
    }
    for (const auto& [value, entry] : table) {
        if (value != 0 && !masks.count(value)) {
            result.warnings.push_back(path.string() + ": label " + std::to_string(value) + " (" +
                                      entry.name + ") of the label table has no voxel");
        }
    }
    return result;
}

}  // namespace crosscheck
