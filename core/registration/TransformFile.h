#pragma once

#include <Eigen/Core>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/registration/TransformProvenance.h"

namespace crosscheck {

/// The registration result file of docs/cli.md (`crosscheck-cli register` output,
/// the input of every `--transform FILE.json`):
///
///   {"moving_to_fixed": [[4 rows of 4]], "fixed_frame_uid", "moving_frame_uid",
///    "method", "metric", "iterations", "ms"}
///
/// `movingToFixed` maps a point in the moving series' patient coordinates (LPS, mm) to the
/// fixed series'. The matrix is written as 4 rows of 4 numbers; a flat array of 16
/// (row-major) is accepted on reading. Extra keys (e.g. "rms_mm", "residuals_mm" of a
/// landmark fit) are kept in `extra` and written back.
struct TransformFile {
    Eigen::Matrix4d movingToFixed = Eigen::Matrix4d::Identity();
    std::string fixedFrameUid;
    std::string movingFrameUid;
    std::string method;   ///< "rigid-mi", "landmarks", ...
    double metric = 0.0;  ///< rigid-mi: Mattes mutual information (nats); landmarks: RMS (mm)
    int iterations = 0;
    double ms = 0.0;  ///< time the registration took, ms
    nlohmann::json extra = nlohmann::json::object();

    /// The matrix that maps points from `fromFrame` to `toFrame` when this file joins those
    /// two frames (either way round; the identity when both are the same frame); empty
    /// otherwise.
    std::optional<Eigen::Matrix4d> between(const std::string& fromFrame,
                                           const std::string& toFrame) const;
};

/// The basis a transform file gives its link in FrameTransforms: "rigid-mi" -> automatic
/// MI (metric, iterations), "landmarks" -> landmarks (RMS from "rms_mm", else "metric"),
/// "same-frame" -> same frame, anything else -> transform file.
TransformProvenance provenanceOf(const TransformFile& file);

/// Thrown when a transform file cannot be used; the message names the file and the reason.
class TransformFileError : public std::runtime_error {
public:
    explicit TransformFileError(const std::string& what) : std::runtime_error(what) {}
};

nlohmann::json toJson(const TransformFile& file);
/// `source` names the origin in error messages (usually the path).
TransformFile transformFileFromJson(const nlohmann::json& json, const std::string& source);

/// Reads and validates a transform file (the matrix must be rigid within 1e-3).
TransformFile readTransformFile(const std::filesystem::path& path);
/// Writes the file atomically (temporary file, then rename): never a partial file.
void writeTransformFile(const TransformFile& file, const std::filesystem::path& path);

}  // namespace crosscheck
