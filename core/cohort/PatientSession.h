#pragma once

#include <filesystem>
#include <optional>

#include "core/cohort/PatientResult.h"
#include "core/model/Study.h"
#include "core/session/SessionDocument.h"

namespace crosscheck {

/// A cohort patient's saved session and the tumour ROIs it holds.
///
/// Where it lives: the one `*.crosscheck.json` file at the top of the study folder (the
/// viewer's File > Save as, saved beside the study's series folders). Recovery files
/// (`*.recovery.crosscheck.json`) and the temporary files of an interrupted save
/// (`.NAME.tmp-*`) are not sessions. Empty when the folder holds none; throws
/// std::runtime_error naming them when it holds several (which one was meant is the user's
/// to say, not the run's to guess).
std::optional<std::filesystem::path> findPatientSession(const std::filesystem::path& studyFolder);

/// Measures the session's tumour ROIs on the study's CT (series 0) and sCT (series 1) into
/// `r`, as `crosscheck-cli measure --roi` measures each of them:
///
/// - the ROIs are the session's annotations with an area or a volume (ellipse, rectangle,
///   polygon, sphere, brush), in session order, each in its own frame's patient
///   coordinates (LPS, mm); rulers, bidirectionals and points are not tumour outlines;
/// - the session's transforms join the frames the run has not joined itself (an ROI drawn
///   on the MRI reaches the CT through the session's MRI -> CT link); the run's own
///   CT -> sCT registration is kept, so every patient's sCT is placed the same way;
/// - axial sizes come from the first ROI with a visible axial section on the CT (a planar
///   axial ROI, a sphere or a brush), sagittal sizes from the first with a sagittal one;
///   `mean_hu` is the mean HU inside the first ROI measured on the CT (the ROI's own mean,
///   as `measure` reports it, not the finding's half-maximum object HU).
///
/// Returns false, touching nothing but `warnings`, when the session holds no such ROI (the
/// caller measures the finding instead). Throws std::runtime_error naming the session when
/// none of its ROIs could be measured on the CT (no transform to the CT's frame, or outside
/// it) or a saved transform is not rigid.
bool measureSessionRois(const SessionDocument& session, const std::filesystem::path& file,
                        Study& study, PatientResult& r);

}  // namespace crosscheck
