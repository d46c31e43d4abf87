#include "viewer/report/CohortPdfText.h"

namespace crosscheck::viewer {

QString measureTitle(const std::string& name) {
    if (name == "axial_long_mm") {
        return QStringLiteral("Axial long axis (mm)");
    }
    if (name == "sagittal_long_mm") {
        return QStringLiteral("Sagittal long axis (mm)");
    }
    if (name == "mean_hu") {
        return QStringLiteral("Mean HU (object)");
    }
    return QString::fromStdString(name);
}

QString measureUnit(const std::string& name) {
    return name == "mean_hu" ? QStringLiteral("HU") : QStringLiteral("mm");
}

const PairedValue* measureValue(const PatientResult& r, const std::string& name) {
    if (name == "axial_long_mm") {
        return &r.axialLongMm;
    }
    if (name == "axial_short_mm") {
        return &r.axialShortMm;
    }
    if (name == "sagittal_long_mm") {
        return &r.sagittalLongMm;
    }
    if (name == "sagittal_short_mm") {
        return &r.sagittalShortMm;
    }
    if (name == "mean_hu") {
        return &r.meanHu;
    }
    return nullptr;
}

QString detectionLine(const CohortSummary& s) {
    return QStringLiteral("visible on CT %1/%2, on sCT %3/%2")
        .arg(s.visibleOnCt)
        .arg(s.done)
        .arg(s.visibleOnSct);
}

}  // namespace crosscheck::viewer
