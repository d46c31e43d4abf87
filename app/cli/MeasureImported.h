#pragma once

#include <optional>
#include <string>

#include "core/model/Study.h"
#include "core/roi/ImportedRoi.h"
#include "core/roi/RoiMeasurement.h"

namespace crosscheck::cli {

/// What `measure --seg | --rtstruct | --labels` was asked (docs/cli.md, docs/import.md).
struct ImportedMeasureArgs {
    ImportRequest request;
    std::string agreementCsv;  ///< --agreement-csv FILE (empty: none)
    bool agreement = true;     ///< false with --no-agreement
    bool json = false;
};

/// Imports the file into the loaded study (importRois), measures every structure in every
/// series (measureInStudy) and, when the study has a CT and an sCT joined by a known
/// transform, the table "sCT agreement per structure" (structureAgreement). Prints one JSON
/// document (`structures`, `measurements` with `label`, `structure_agreement`, `warnings`,
/// `ms`) or tables; writes the table as CSV to --agreement-csv atomically. Returns the exit
/// status: 1 with one sentence on stderr when the file cannot be imported or the CSV cannot
/// be written.
int measureImported(const ImportedMeasureArgs& args, const Study& study,
                    const MeasureOptions& options);

}  // namespace crosscheck::cli
