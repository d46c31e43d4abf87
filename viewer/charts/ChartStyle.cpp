#include "viewer/charts/ChartStyle.h"

#include <cmath>

#include "core/model/Study.h"

namespace crosscheck::viewer {

QColor chartColor(SeriesRole role) {
    // Colour-blind-safe pairs (Okabe-Ito): the two HU curves differ in hue and lightness.
    switch (role) {
        case SeriesRole::CT:
            return QColor(0, 90, 160);
        case SeriesRole::sCT:
            return QColor(230, 120, 0);
        case SeriesRole::T1w:
            return QColor(0, 150, 110);
        case SeriesRole::T2w:
            return QColor(190, 80, 160);
        case SeriesRole::Other:
            break;
    }
    return QColor(110, 110, 110);
}

QString chartRoleLabel(SeriesRole role) {
    if (role == SeriesRole::sCT) {
        return QStringLiteral("sCT (synthetic)");
    }
    return QString::fromLatin1(toString(role));
}

QFont chartTitleFont(int pointSize) {
    QFont font;
    font.setPointSize(pointSize);
    font.setBold(true);
    return font;
}

double niceInterval(double range, int intervals) {
    if (!(range > 0.0) || intervals < 1) {
        return 1.0;
    }
    const double raw = range / intervals;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0}) {
        if (m * magnitude >= raw) {
            return m * magnitude;
        }
    }
    return 10.0 * magnitude;
}

std::vector<const LoadedSeries*> chartOrder(const Study& study) {
    std::vector<const LoadedSeries*> order;
    for (bool hounsfield : {true, false}) {
        for (const LoadedSeries& s : study.series) {
            if (s.volume && isHounsfield(s.info.role) == hounsfield) {
                order.push_back(&s);
            }
        }
    }
    return order;
}

}  // namespace crosscheck::viewer
