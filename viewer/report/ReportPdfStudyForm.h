#pragma once

#include <vector>

#include "core/report/ReportModel.h"
#include "viewer/report/PdfCanvas.h"

namespace crosscheck::viewer {

/// The PDF table of one ROI in the study's form: a header, then CT, sCT and CT - sCT rows
/// with the visible long and short axis in the axial and in the sagittal plane (mm) and the
/// mean HU. A dash where a plane was not measured (a planar ROI measures its own plane).
std::vector<PdfTableRow> studyFormRows(const ReportRoi& roi);

}  // namespace crosscheck::viewer
