#pragma once

#include <filesystem>
#include <optional>

#include "core/model/Study.h"
#include "core/roi/ImportedRoi.h"

namespace crosscheck {

/// Imports another tool's segmentation into a loaded study (docs/import.md): every
/// structure of the file as an ImportedRoi (a brush-mask ROI with its label and
/// provenance), ready to be measured in every series (measureInStudy) or added to a
/// session. The one entry point for the CLI (`measure --seg | --rtstruct | --labels`) and
/// for a GUI's File > Import: on any problem it throws RoiImportError with one sentence that
/// names the file and the reason, and nothing is imported.
ImportResult importRois(const ImportRequest& request, const Study& study);

/// The format of a file by its content: a DICOM SEG or RTSTRUCT by SOP class, a NIfTI file
/// by its name (.nii, .nii.gz); empty when it is none of these.
std::optional<ImportFormat> guessImportFormat(const std::filesystem::path& file);

}  // namespace crosscheck
