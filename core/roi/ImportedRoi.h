#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/roi/Roi.h"

namespace crosscheck {

/// One structure read from another tool's segmentation (docs/import.md): a brush-mask ROI
/// (`roi.shape` Brush, label 1 inside) on a grid of the file, in the patient coordinates of a
/// loaded series' frame of reference, with `roi.importedFrom` set, and the structure's name
/// (`label`: SEG Segment Label, RTSTRUCT ROI Name, a label table's name, or a label map's
/// value as text). The mask is cropped to the structure's voxels, so a hundred structures of
/// one CT-sized label map take about the memory of one.
struct ImportedRoi {
    std::string label;
    Roi roi;
};

/// What an import gives: every structure of the file, or nothing (an error is thrown);
/// `warnings` names what was left out on purpose (an empty segment, a point marker of an
/// RTSTRUCT), one sentence each.
struct ImportResult {
    std::vector<ImportedRoi> rois;
    std::vector<std::string> warnings;
};

/// The one sentence that says why a file cannot be imported ("FILE: references images
/// that are not loaded (series 1.2.3)"). Thrown before anything is returned: an import is
/// whole or nothing.
class RoiImportError : public std::runtime_error {
public:
    explicit RoiImportError(const std::string& what) : std::runtime_error(what) {}
};

/// The file formats import reads.
enum class ImportFormat { Seg, RtStruct, LabelMap };

/// "seg", "rtstruct", "labels" (RoiProvenance::format).
const char* toString(ImportFormat format);

/// What to import: the file, its format, and for a label map an optional label table
/// (ITK-SNAP label description .txt, or .json / .csv of value -> name; LabelTable.h).
struct ImportRequest {
    std::filesystem::path file;
    ImportFormat format = ImportFormat::Seg;
    std::optional<std::filesystem::path> labelTable;
};

}  // namespace crosscheck
