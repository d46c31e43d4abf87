#pragma once

#include <filesystem>
#include <stdexcept>
#include <vector>

#include "core/phantom/PhantomGroundTruth.h"
#include "core/phantom/PhantomOptions.h"
#include "core/phantom/PhantomStudy.h"
#include "core/util/Progress.h"

namespace crosscheck {

/// Thrown when the phantom cannot be written where asked: a series folder or
/// ground_truth.json is already there with content, or the disk refused. The message
/// names the path and the reason.
class PhantomOutputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Writes a generated study: studyDir/CT, T1w, T2w, sCT (one DICOM file per slice) and
/// studyDir/ground_truth.json (docs/cli.md). Refuses (PhantomOutputError) when any of
/// them already exists non-empty, rather than mixing files; on failure it removes what it
/// wrote, so no half study is left behind.
void writePhantomStudy(const std::filesystem::path& studyDir, const PhantomStudy& study,
                       const Progress& progress = {});

/// Generates and writes: one study in outDir, or with options.patients >= 1 a cohort in
/// outDir/P001 ... (see cohortPatientOptions). All target folders are checked before
/// anything is generated. Returns the ground truth of each patient written.
std::vector<PhantomGroundTruth> writePhantomStudy(const std::filesystem::path& outDir,
                                                  const PhantomOptions& options,
                                                  const Progress& progress = {});

/// Throws PhantomOutputError when writing a study into studyDir would overwrite or mix
/// with existing files.
void checkPhantomTarget(const std::filesystem::path& studyDir);

}  // namespace crosscheck
