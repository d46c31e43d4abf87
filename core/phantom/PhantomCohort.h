#pragma once

#include <string>

#include "core/phantom/PhantomOptions.h"

namespace crosscheck {

/// The options of patient `patientNumber` (1-based) of a synthetic cohort of
/// `patientCount`, drawn deterministically from base.seed around the published cohort
/// (Acta Neurochir 2025: tumours 19.6 x 11.6 mm on average, mean 463.6 HU, 4 of 5 densely
/// calcified): every fifth patient's tumour is only faintly calcified (about 190 HU), the
/// others densely (about 520 HU); for two or more patients the cohort's mean craniocaudal
/// and anteroposterior diameters and mean HU are shifted to equal the published means.
/// With base.published every tumour is densely calcified (463.6 +- 60 HU, at least 300
/// HU), as in the published cohort. Everything else (size, sCT and frame flags) comes from
/// `base`.
PhantomOptions cohortPatientOptions(const PhantomOptions& base, int patientNumber,
                                    int patientCount);

/// "P001", "P002", ...: the folder of a cohort patient.
std::string cohortPatientFolder(int patientNumber);

}  // namespace crosscheck
