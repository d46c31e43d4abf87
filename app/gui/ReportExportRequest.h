#pragma once

#include <QString>

#include "viewer/report/ReportExport.h"

namespace crosscheck::app {

/// What File > Export report... asks for: the formats, the output folder and whether to
/// de-identify (PS3.15 basic profile) everything written.
struct ReportExportRequest {
    QString folder;
    viewer::ReportFormats formats;
    bool anonymize = false;
};

}  // namespace crosscheck::app
