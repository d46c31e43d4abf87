#pragma once

#include "core/report/ReportModel.h"
#include "core/report/UidRemapper.h"

namespace crosscheck {

/// The de-identification method the anonymized outputs state (DeidentificationMethod).
inline constexpr const char* kReportDeidentificationMethod =
    "Crosscheck: PS3.15 Annex E Basic Application Level Confidentiality Profile (113100, DCM); "
    "names, IDs, dates and descriptions removed, UIDs replaced consistently";

/// Applies the PS3.15 Annex E basic profile to a report before it is written: patient
/// name and ID replaced ("ANONYMIZED"), birth date, sex, study date and time, accession
/// number, study ID and the study and series descriptions removed; every study, series,
/// frame of reference, SOP instance and tracking UID replaced through `uids` (the same old
/// UID always gives the same new one, so references inside one export stay consistent).
/// SOP class UIDs, numbers, geometry and the export time are kept: they identify no one.
/// Sets `anonymized` and `deidentificationMethod`.
ReportModel anonymizeReport(const ReportModel& report, UidRemapper& uids);

}  // namespace crosscheck
