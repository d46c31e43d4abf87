#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace crosscheck {

/// Where an imported ROI came from (docs/import.md): the file's format ("seg", "rtstruct"
/// or "labels"), its path as it was given, the SOP Instance UID of a DICOM object (empty for
/// a label map), the number of the structure inside it (SEG segment number, RTSTRUCT ROI
/// number, label value of a label map), the structure's codes when the file has them
/// ("category: 123037004 SCT Anatomical Structure; type: ...") and its display colour (sRGB,
/// 0-255; from a SEG's recommended CIELab value, an RTSTRUCT's ROI Display Color or a label
/// table). Kept when the ROI is edited, so an edited structure still says where it began.
struct RoiProvenance {
    std::string format;
    std::string file;
    std::string sopInstanceUid;
    int number = 0;
    std::string codes;
    std::optional<std::array<std::uint8_t, 3>> colorRgb;

    bool operator==(const RoiProvenance& o) const {
        return format == o.format && file == o.file && sopInstanceUid == o.sopInstanceUid &&
               number == o.number && codes == o.codes && colorRgb == o.colorRgb;
    }
    bool operator!=(const RoiProvenance& o) const { return !(*this == o); }
};

/// {"format", "file", "sop_instance_uid", "number", "codes", "color_rgb" ([r, g, b] or
/// absent)}: the "imported_from" object of an ROI (docs/roi-json.md).
nlohmann::json toJson(const RoiProvenance& provenance);
/// Throws std::invalid_argument naming the key when the object is not of that form.
RoiProvenance roiProvenanceFromJson(const nlohmann::json& json);

}  // namespace crosscheck
