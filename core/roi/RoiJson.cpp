#include "core/roi/RoiJson.h"

#include <cmath>
#include <fstream>
#include <memory>

namespace crosscheck {

namespace {

nlohmann::json vec(const Eigen::Vector3d& v) {
    return {v.x(), v.y(), v.z()};
}

[[noreturn]] void fail(const std::string& source, const std::string& key, const std::string& why) {
    throw RoiFormatError(source + ": key \"" + key + "\": " + why);
}

const nlohmann::json& member(const nlohmann::json& j, const std::string& key,
                             const std::string& source) {
    const auto it = j.find(key);
    if (it == j.end()) {
        fail(source, key, "missing");
    }
    return *it;
}

double number(const nlohmann::json& v, const std::string& key, const std::string& source) {
    if (!v.is_number()) {
        fail(source, key, "expected a number, got " + v.dump());
    }
    const double d = v.get<double>();
    if (!std::isfinite(d)) {
        fail(source, key, "not a finite number");
    }
    return d;
}

template <int N>
Eigen::Matrix<double, N, 1> vector(const nlohmann::json& v, const std::string& key,
                                   const std::string& source) {
    if (!v.is_array() || v.size() != N) {
        fail(source, key, "expected " + std::to_string(N) + " numbers, got " + v.dump());
    }
    Eigen::Matrix<double, N, 1> out;
    for (int i = 0; i < N; ++i) {
        out[i] = number(v[static_cast<std::size_t>(i)], key, source);
    }
    return out;
}

template <int N>
Eigen::Matrix<double, N, 1> vectorKey(const nlohmann::json& j, const std::string& key,
                                      const std::string& source) {
    return vector<N>(member(j, key, source), key, source);
}

std::vector<Eigen::Vector3d> points(const nlohmann::json& j, const std::string& key,
                                    const std::string& source, std::size_t minCount,
                                    std::size_t exactCount = 0) {
    const auto& v = member(j, key, source);
    if (!v.is_array()) {
        fail(source, key, "expected a list of [x, y, z] points");
    }
    if (exactCount > 0 && v.size() != exactCount) {
        fail(source, key,
             "expected exactly " + std::to_string(exactCount) + " points, got " +
                 std::to_string(v.size()));
    }
    if (v.size() < minCount) {
        fail(source, key,
             "expected at least " + std::to_string(minCount) + " points, got " +
                 std::to_string(v.size()));
    }
    std::vector<Eigen::Vector3d> out;
    for (const auto& p : v) {
        out.push_back(vector<3>(p, key, source));
    }
    return out;
}

nlohmann::json matrixRows(const Eigen::Matrix4d& m) {
    nlohmann::json rows = nlohmann::json::array();
    for (int r = 0; r < 4; ++r) {
        rows.push_back({m(r, 0), m(r, 1), m(r, 2), m(r, 3)});
    }
    return rows;
}

Eigen::Matrix4d matrixFromRows(const nlohmann::json& v, const std::string& key,
                               const std::string& source) {
    Eigen::Matrix4d m;
    if (v.is_array() && v.size() == 4) {
        for (int r = 0; r < 4; ++r) {
            const Eigen::Vector4d row = vector<4>(v[static_cast<std::size_t>(r)], key, source);
            m.row(r) = row.transpose();
        }
    } else if (v.is_array() && v.size() == 16) {
        for (int i = 0; i < 16; ++i) {
            m(i / 4, i % 4) = number(v[static_cast<std::size_t>(i)], key, source);
        }
    } else {
        fail(source, key, "expected 4 rows of 4 numbers");
    }
    return m;
}

std::shared_ptr<BrushMask> brushFromJson(const nlohmann::json& j, const std::string& source) {
    const auto& grid = member(j, "grid", source);
    if (!grid.is_object()) {
        fail(source, "grid", "expected an object with dims and index_to_patient");
    }
    const Eigen::Vector3d dimsD = vectorKey<3>(grid, "dims", source);
    Eigen::Vector3i dims;
    for (int a = 0; a < 3; ++a) {
        if (dimsD[a] < 1 || dimsD[a] > 4096 || dimsD[a] != std::floor(dimsD[a])) {
            fail(source, "grid.dims", "expected 3 whole numbers from 1 to 4096");
        }
        dims[a] = static_cast<int>(dimsD[a]);
    }
    const Eigen::Matrix4d m =
        matrixFromRows(member(grid, "index_to_patient", source), "grid.index_to_patient", source);
    if (std::abs(m.topLeftCorner<3, 3>().determinant()) < 1e-9) {
        fail(source, "grid.index_to_patient", "the voxel steps are degenerate");
    }
    auto mask = std::make_shared<BrushMask>(VolumeGeometry(dims, m));
    const auto& runs = member(j, "mask_runs", source);
    if (!runs.is_array()) {
        fail(source, "mask_runs", "expected a list of [label, count] pairs");
    }
    std::size_t at = 0;
    for (const auto& run : runs) {
        const Eigen::Vector2d lc = vector<2>(run, "mask_runs", source);
        if (lc[0] < 0 || lc[0] > 255 || lc[1] < 0 || lc[0] != std::floor(lc[0]) ||
            lc[1] != std::floor(lc[1])) {
            fail(source, "mask_runs", "labels are 0..255 and counts whole numbers");
        }
        const auto count = static_cast<std::size_t>(lc[1]);
        if (count > mask->labels.size() - at) {
            fail(source, "mask_runs", "runs cover more voxels than the grid holds");
        }
        std::fill_n(mask->labels.begin() + static_cast<std::ptrdiff_t>(at), count,
                    static_cast<std::uint8_t>(lc[0]));
        at += count;
    }
    if (at != mask->labels.size()) {
        fail(source, "mask_runs",
             "runs cover " + std::to_string(at) + " voxels, the grid holds " +
                 std::to_string(mask->labels.size()));
    }
    return mask;
}

}  // namespace

nlohmann::json toJson(const Roi& roi) {
    nlohmann::json j;
    j["shape"] = toString(roi.shape);
    j["frame_of_reference_uid"] = roi.frameOfReferenceUid;
    switch (roi.shape) {
        case RoiShape::Ellipse:
        case RoiShape::Rectangle:
            j["center_mm"] = vec(roi.centerMm);
            j["axis_u"] = vec(roi.axisU);
            j["axis_v"] = vec(roi.axisV);
            if (roi.shape == RoiShape::Ellipse) {
                j["radii_mm"] = {roi.radiiMm.x(), roi.radiiMm.y()};
            } else {
                j["size_mm"] = {roi.sizeMm.x(), roi.sizeMm.y()};
            }
            break;
        case RoiShape::Polygon:
        case RoiShape::Ruler: {
            nlohmann::json pts = nlohmann::json::array();
            for (const auto& p : roi.pointsMm) {
                pts.push_back(vec(p));
            }
            j["points_mm"] = pts;
            break;
        }
        case RoiShape::Bidirectional:
            if (roi.pointsMm.size() == 4) {
                j["long_axis_mm"] = {vec(roi.pointsMm[0]), vec(roi.pointsMm[1])};
                j["short_axis_mm"] = {vec(roi.pointsMm[2]), vec(roi.pointsMm[3])};
            }
            break;
        case RoiShape::Point:
            j["point_mm"] = vec(roi.centerMm);
            break;
        case RoiShape::Sphere:
            j["center_mm"] = vec(roi.centerMm);
            j["radius_mm"] = roi.radiusMm;
            break;
        case RoiShape::Brush:
            if (roi.mask) {
                const BrushMask& m = *roi.mask;
                const auto& d = m.geometry.dims();
                j["grid"] = {{"dims", {d[0], d[1], d[2]}},
                             {"index_to_patient", matrixRows(m.geometry.indexToPatient())}};
                nlohmann::json runs = nlohmann::json::array();
                std::size_t i = 0;
                while (i < m.labels.size()) {
                    std::size_t e = i;
                    while (e < m.labels.size() && m.labels[e] == m.labels[i]) {
                        ++e;
                    }
                    runs.push_back({m.labels[i], e - i});
                    i = e;
                }
                j["mask_runs"] = runs;
            }
            break;
    }
    if (roi.importedFrom) {
        j["imported_from"] = toJson(*roi.importedFrom);
    }
    return j;
}

Roi roiFromJson(const nlohmann::json& j, const std::string& source) {
    if (!j.is_object()) {
        throw RoiFormatError(source + ": expected a JSON object with \"shape\"");
    }
    const auto& shapeJson = member(j, "shape", source);
    if (!shapeJson.is_string()) {
        fail(source, "shape", "expected a string");
    }
    const auto shape = roiShapeFromString(shapeJson.get<std::string>());
    if (!shape) {
        fail(source, "shape",
             "unknown shape \"" + shapeJson.get<std::string>() +
                 "\" (ellipse, rectangle, polygon, freehand, ruler, bidirectional, point, "
                 "sphere, brush)");
    }
    const auto& frame = member(j, "frame_of_reference_uid", source);
    if (!frame.is_string() || frame.get<std::string>().empty()) {
        fail(source, "frame_of_reference_uid", "expected a non-empty UID string");
    }
    Roi roi;
    roi.shape = *shape;
    roi.frameOfReferenceUid = frame.get<std::string>();
    switch (roi.shape) {
        case RoiShape::Ellipse:
        case RoiShape::Rectangle:
            roi.centerMm = vectorKey<3>(j, "center_mm", source);
            roi.axisU = vectorKey<3>(j, "axis_u", source);
            roi.axisV = vectorKey<3>(j, "axis_v", source);
            if (roi.shape == RoiShape::Ellipse) {
                roi.radiiMm = vectorKey<2>(j, "radii_mm", source);
                if (!(roi.radiiMm.minCoeff() > 0)) {
                    fail(source, "radii_mm", "radii must be positive");
                }
            } else {
                roi.sizeMm = vectorKey<2>(j, "size_mm", source);
                if (!(roi.sizeMm.minCoeff() > 0)) {
                    fail(source, "size_mm", "sides must be positive");
                }
            }
            if (std::abs(roi.axisU.norm() - 1.0) > 1e-3) {
                fail(source, "axis_u", "expected a unit vector");
            }
            if (std::abs(roi.axisV.norm() - 1.0) > 1e-3) {
                fail(source, "axis_v", "expected a unit vector");
            }
            if (std::abs(roi.axisU.dot(roi.axisV)) > 1e-3) {
                fail(source, "axis_v", "expected a vector orthogonal to axis_u");
            }
            break;
        case RoiShape::Polygon:
            roi.pointsMm = points(j, "points_mm", source, 3);
            break;
        case RoiShape::Ruler:
            roi.pointsMm = points(j, "points_mm", source, 2, 2);
            break;
        case RoiShape::Bidirectional: {
            roi.pointsMm = points(j, "long_axis_mm", source, 2, 2);
            const auto shortAxis = points(j, "short_axis_mm", source, 2, 2);
            roi.pointsMm.insert(roi.pointsMm.end(), shortAxis.begin(), shortAxis.end());
            break;
        }
        case RoiShape::Point:
            roi.centerMm = vectorKey<3>(j, "point_mm", source);
            break;
        case RoiShape::Sphere:
            roi.centerMm = vectorKey<3>(j, "center_mm", source);
            roi.radiusMm = number(member(j, "radius_mm", source), "radius_mm", source);
            if (!(roi.radiusMm > 0)) {
                fail(source, "radius_mm", "must be positive");
            }
            break;
        case RoiShape::Brush:
            roi.mask = brushFromJson(j, source);
            break;
    }
    if (j.contains("imported_from")) {
        try {
            roi.importedFrom = roiProvenanceFromJson(j.at("imported_from"));
        } catch (const std::invalid_argument& e) {
            throw RoiFormatError(source + ": " + e.what());
        }
    }
    const std::string problem = roi.validate();
    if (!problem.empty()) {
        throw RoiFormatError(source + ": " + problem);
    }
    return roi;
}

Roi readRoiFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw RoiFormatError(path.string() + ": cannot open the file");
    }
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(in);
    } catch (const nlohmann::json::parse_error& e) {
        throw RoiFormatError(path.string() + ": not valid JSON (" + e.what() + ")");
    }
    return roiFromJson(j, path.string());
}

}  // namespace crosscheck
