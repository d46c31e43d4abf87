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
    p.volumeIndex = series.info.volumeIndex;
    p.volumeLabels.clear();
    for (const auto& label : series.info.volumeLabels) {
        p.volumeLabels << QString::fromStdString(label);
    }
    p.referenceToSeries = study.referenceToSeries(series);
    if (p.referenceToSeries) {
        const std::string badge =
            study.transforms.badge(series.info.frameOfReferenceUid, study.referenceFrameUid);
        p.syncBasis = QString::fromStdString(badge);
    }
    return p;
}

PaneSeries paneSeriesFor(const LoadedPicture& picture) {
    PaneSeries p;
    p.picture = picture.picture;
    p.role = picture.info.role;
    p.description = QString::fromStdString(picture.info.description);
    p.patientName = displayPatientName(picture.info.patientName);
    p.seriesInstanceUid = QString::fromStdString(picture.info.seriesInstanceUid);
    p.frameOfReferenceUid = picture.info.frameOfReferenceUid;
    return p;
}

PaneSeries paneSeriesFor(const Study& study, const PaneAssignment& assignment) {
    const std::string uid = assignment.seriesInstanceUid.toStdString();
    if (const LoadedSeries* s = study.findVolume(uid, assignment.volume); s && s->volume) {
        return paneSeriesFor(study, *s);
    }
    if (const LoadedPicture* picture = study.findPicture(uid)) {
        return paneSeriesFor(*picture);
    }
    return PaneSeries{};
}

std::vector<PaneAssignment> defaultPaneAssignments(const Study& study, int paneCount) {
    std::vector<PaneAssignment> panes;
    const auto order = defaultPaneOrder(study);
    if (order.size() == 1) {
        const QString uid = QString::fromStdString(order.front()->info.seriesInstanceUid);
        for (ViewOrientation o :
             {ViewOrientation::Axial, ViewOrientation::Sagittal, ViewOrientation::Coronal}) {
            panes.push_back(PaneAssignment{uid, o, 0});
        }
    } else {
        for (const LoadedSeries* s : order) {
            panes.push_back(PaneAssignment{QString::fromStdString(s->info.seriesInstanceUid),
                                           ViewOrientation::Sagittal, 0});
        }
    }
    for (const auto& picture : study.pictures) {
        panes.push_back(PaneAssignment{QString::fromStdString(picture.info.seriesInstanceUid),
                                       ViewOrientation::Axial, 0});
    }
    panes.resize(static_cast<std::size_t>(std::max(0, paneCount)));
    return panes;
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
