#pragma once

#include <filesystem>

#include "core/cohort/PatientResult.h"

namespace crosscheck {

/// The cohort's per-patient work, a pure function of one study (the same code runs on a
/// local thread pool and in a Slurm array task):
///
/// read the study's series (a study folder is walked; a database study "db:UID@FILE",
/// core/cohort/DatabaseStudies, reads only the files the database indexes for it); take
/// its first CT and first sCT (roles as guessed from the tags); load both; register the
/// sCT onto the CT (rigid MI) when their frames of reference differ; run the discrepancy
/// analysis (default thresholds); measure the tumour: the ROIs of the study folder's saved
/// session when it has one (PatientSession; roiSource "session"), else the top
/// ct_dense_sct_not flag with "measure this finding" (axial and sagittal ellipses,
/// measured on CT and sCT; roiSource "finding").
///
/// Never throws for bad input: a study without a CT or an sCT, an unreadable series (one
/// that fails to load, or with a file in its folder the scan could not read), a failed
/// registration or analysis, an unreadable session, several sessions or a session none of
/// whose ROIs measures on the CT gives a failed result whose `reason` is one sentence. The
/// CT's and sCT's load warnings ("gap", ...) are kept in `warnings`. A study analysed
/// without a session and without any ct_dense_sct_not flag is done with hasFinding false
/// and no sizes (nothing dense on CT that the sCT misses). T1w/T2w are not loaded.
PatientResult runPatient(const std::filesystem::path& studyFolder);

/// The key of a study: a folder's name ("P001" for /data/cohort/P001/), a database
/// study's StudyInstanceUID.
std::string patientName(const std::filesystem::path& studyFolder);

}  // namespace crosscheck
