#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "core/roi/Roi.h"

namespace crosscheck {

/// Thrown when an ROI cannot be read; the message names the source (file) and the key.
class RoiFormatError : public std::runtime_error {
public:
    explicit RoiFormatError(const std::string& what) : std::runtime_error(what) {}
};

/// The ROI object of docs/cli.md (ROI.json, also an annotation inside a session);
/// every shape is documented in docs/roi-json.md. Keys: "shape", "frame_of_reference_uid",
/// then per shape: ellipse center_mm, axis_u, axis_v, radii_mm; rectangle center_mm,
/// axis_u, axis_v, size_mm; polygon points_mm; ruler points_mm (2); bidirectional
/// long_axis_mm, short_axis_mm (2 points each); point point_mm; sphere center_mm,
/// radius_mm; brush grid {dims, index_to_patient}, mask_runs [[label, count], ...].
/// Unknown keys are ignored on reading (a session's annotation adds id and label).
nlohmann::json toJson(const Roi& roi);
/// `source` names the origin in error messages (a path, or "session.json annotation 3").
Roi roiFromJson(const nlohmann::json& json, const std::string& source);

/// Reads ROI.json; throws RoiFormatError naming the file and the reason.
Roi readRoiFile(const std::filesystem::path& path);

}  // namespace crosscheck
