#include "viewer/study/StudyPanes.h"

#include <QStringList>
#include <algorithm>

#include "core/model/Study.h"

namespace crosscheck::viewer {

QString displayPatientName(const std::string& dicomName) {
    QStringList parts =
        QString::fromStdString(dicomName).split(QLatin1Char('^'), Qt::SkipEmptyParts);
    if (parts.size() >= 2) {
        return parts[0] + QStringLiteral(", ") + parts.mid(1).join(QLatin1Char(' '));
    }
    return parts.join(QLatin1Char(' '));
}

PaneSeries paneSeriesFor(const Study& study, const LoadedSeries& series) {
    PaneSeries p;
    p.volume = series.volume;
    p.role = series.info.role;
    p.description = QString::fromStdString(series.info.description);
    p.patientName = displayPatientName(series.info.patientName);
    p.seriesInstanceUid = QString::fromStdString(series.info.seriesInstanceUid);
    p.frameOfReferenceUid = series.info.frameOfReferenceUid;
    p.synthetic = series.info.role == SeriesRole::sCT;
    p.referenceFrameUid = study.referenceFrameUid;
    p.referenceToSeries = study.referenceToSeries(series);
    if (p.referenceToSeries) {
        const std::string badge =
            study.transforms.badge(series.info.frameOfReferenceUid, study.referenceFrameUid);
        p.syncBasis = QString::fromStdString(badge);
    }
    return p;
}

std::vector<const LoadedSeries*> defaultPaneOrder(const Study& study) {
    std::vector<const LoadedSeries*> order;
    for (SeriesRole role : {SeriesRole::CT, SeriesRole::T1w, SeriesRole::T2w, SeriesRole::sCT}) {
        if (const LoadedSeries* s = study.find(role)) {
            order.push_back(s);
        }
    }
    for (const auto& s : study.series) {
        if (std::find(order.begin(), order.end(), &s) == order.end()) {
            order.push_back(&s);
        }
    }
    return order;
}

}  // namespace crosscheck::viewer
