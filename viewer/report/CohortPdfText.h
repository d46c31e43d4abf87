#pragma once

#include <QString>
#include <string>

#include "core/cohort/CohortSummary.h"
#include "core/cohort/PatientResult.h"

namespace crosscheck::viewer {

/// How the cohort's measures are named on screen and on paper: "Axial long axis (mm)".
QString measureTitle(const std::string& name);
/// "mm" or "HU".
QString measureUnit(const std::string& name);
/// The result's value of a measure of cohortMeasureNames() (and of the short axes), or null.
const PairedValue* measureValue(const PatientResult& result, const std::string& name);
/// "visible on CT 5/5, on sCT 0/5" (N = the patients done).
QString detectionLine(const CohortSummary& summary);

}  // namespace crosscheck::viewer
