#include "viewer/report/ReportPdfText.h"

#include <cmath>

namespace crosscheck::viewer {

namespace {
const QString kNone = QStringLiteral("\u2013");
}

QString formatReportValue(double value) {
    if (!std::isfinite(value)) {
        return value > 0 ? QStringLiteral("inf") : kNone;
    }
    // Avoid printing "-0.0" for a tiny negative number.
    const double rounded = std::round(value * 10.0) / 10.0;
    return QString::number(rounded == 0.0 ? 0.0 : rounded, 'f', 1);
}

QString formatReportValue(const std::optional<double>& value) {
    return value ? formatReportValue(*value) : kNone;
}

QString formatReportValue(double value, const QString& unit) {
    return formatReportValue(value) + QLatin1Char(' ') + unit;
}

QString formatDicomDate(const std::string& date) {
    if (date.empty()) {
        return kNone;
    }
    const QString d = QString::fromStdString(date);
    if (d.size() == 8) {
        return d.left(4) + QLatin1Char('-') + d.mid(4, 2) + QLatin1Char('-') + d.mid(6, 2);
    }
    return d;
}

QString orDash(const std::string& text) {
    return text.empty() ? kNone : QString::fromStdString(text);
}

QString roiTitle(const std::string& id, const std::string& label) {
    return label.empty() ? QStringLiteral("ROI %1").arg(QString::fromStdString(id))
                         : QString::fromStdString(label);
}

}  // namespace crosscheck::viewer
