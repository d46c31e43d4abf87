#pragma once

#include <QImage>
#include <QString>
#include <filesystem>

#include "core/cohort/PatientResult.h"

namespace crosscheck::viewer {

/// One patient's picture in the cohort PDF: the CT's axial slice through the measured
/// finding and the sCT's same plane beside it (the sCT sampled through the result's
/// `ct_to_sct`, so the run's registration is reused, not repeated), in the bone window.
struct CohortThumbnail {
    QImage ct;
    QImage sct;
    QString note;  ///< why there is no picture ("no finding", "study folder not found ...")
};

/// Loads the patient's CT and sCT (the series named in the result, from its study folder;
/// a relative folder is taken from the working directory) and renders both, `sizePx`
/// square. Never throws: a failed patient, one without a finding, or a folder that cannot
/// be read any more gives grey placeholders and a `note`. The field of view is three
/// times the finding's largest extent, 40 to 120 mm.
CohortThumbnail renderCohortThumbnail(const PatientResult& result, int sizePx);

/// The centre (CT patient mm, LPS) and largest extent (mm) of the result's measured
/// finding, its first ct_dense_sct_not flag; false when there is none.
bool cohortFindingCentre(const PatientResult& result, double centreMm[3], double* extentMm);

}  // namespace crosscheck::viewer
