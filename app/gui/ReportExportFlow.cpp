#include "app/gui/ReportExportFlow.h"

#include <QDir>
#include <QMessageBox>
#include <QOffscreenSurface>
#include <algorithm>
#include <filesystem>

#include "app/gui/ExportReportDialog.h"
#include "core/model/Study.h"
#include "core/report/ReportBuilder.h"
#include "core/report/ReportSeg.h"
#include "core/report/ReportWriteError.h"
#include "viewer/analysis/DiscrepancyLayer.h"
#include "viewer/report/ReportExport.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/roi/MeasurementTable.h"
#include "viewer/study/StudyWorkflow.h"
#include "viewer/tasks/BackgroundTask.h"
#include "viewer/volume/FindingVolumeRenderer.h"

namespace crosscheck::app {

namespace {

/// The workflow's comparison as the report states it; empty when there is none.
std::optional<ReportDiscrepancy> reportDiscrepancy(const Study& study,
                                                   const viewer::DiscrepancyLayer& layer) {
    if (!layer.hasResult()) {
        return std::nullopt;
    }
    return reportDiscrepancyOf(study, *layer.result(), layer.thresholds());
}

/// Everything the worker needs, copied on the GUI thread: the volumes are shared and never
/// written after loading; transforms and annotations are copies, so edits during the
/// export do not race it.
struct ReportJob {
    std::shared_ptr<const Study> study;
    std::vector<ReportRoiInput> rois;
    std::optional<ReportDiscrepancy> existingAnalysis;
    DiscrepancyThresholds thresholds;
    ReportOptions options;
    ReportExportRequest request;
    std::filesystem::path folder;
    bool force = false;
    /// For the findings' 3D key images: made on the GUI thread, as Qt wants it.
    std::shared_ptr<QOffscreenSurface> surface;
};

std::vector<std::filesystem::path> writeReport(const ReportJob& job, const Progress& p) {
    // Reuse the workflow's comparison; run one only when there is none.
    std::optional<ReportDiscrepancy> discrepancy = job.existingAnalysis;
    if (!discrepancy) {
        discrepancy =
            runReportDiscrepancy(*job.study, job.thresholds, nullptr, p.subRange(0.0, 0.4));
    }
    p(0.4, "measuring");
    ReportModel report = buildReport(*job.study, job.rois, job.options, discrepancy);
    // The SEG's voxels come from the study's own frames: before anonymizing.
    std::optional<ReportSegmentation> segmentation;
    const auto& core = job.request.formats.core;
    if (std::find(core.begin(), core.end(), ReportFormat::Seg) != core.end()) {
        std::string whyNot;
        segmentation = buildReportSegmentation(*job.study, report, &whyNot);
        if (!segmentation) {
            throw ReportWriteError("report_seg.dcm: " + whyNot);
        }
    }
    if (job.request.anonymize) {
        anonymizeExport(report, segmentation);
    }
    // Made, used and destroyed on this (the worker's) thread, which owns its GL context.
    viewer::FindingVolumeRenderer volumeImages(job.surface);
    return viewer::writeReportFiles(report, *job.study, job.folder, job.request.formats, job.force,
                                    p.subRange(0.5, 1.0), segmentation ? &*segmentation : nullptr,
                                    &volumeImages);
}

}  // namespace

ReportExportFlow::ReportExportFlow(viewer::StudyWorkflow* workflow,
                                   const viewer::MeasurementTable* measurements,
                                   QWidget* dialogParent)
    : QObject(dialogParent),
      m_workflow(workflow),
      m_measurements(measurements),
      m_dialogParent(dialogParent) {}

void ReportExportFlow::fail(const QString& text) {
    emit message(text, 10000);
    emit finished(false, text);
}

void ReportExportFlow::showDialog() {
    if (!m_workflow->study() || m_workflow->study()->series.empty()) {
        emit message(tr("Open a study before exporting a report."), 10000);
        return;
    }
    ReportExportRequest initial;
    initial.folder =
        m_folder.isEmpty() ? QDir::home().filePath(QStringLiteral("crosscheck-report")) : m_folder;
    initial.formats.pdf = true;
    initial.formats.core = {ReportFormat::Csv, ReportFormat::Json, ReportFormat::Sr};
    ExportReportDialog dialog(initial, m_dialogParent);
    if (dialog.exec() == QDialog::Accepted) {
        exportReport(dialog.request());
    }
}

bool ReportExportFlow::mayReplace(const QStringList& existingFiles) const {
    if (m_overwriteQuestion) {
        return m_overwriteQuestion(existingFiles);
    }
    return QMessageBox::question(m_dialogParent, tr("Replace report files?"),
                                 tr("These files exist already:\n\n%1\n\nReplace them?")
                                     .arg(existingFiles.join(QLatin1Char('\n'))),
                                 QMessageBox::Yes | QMessageBox::No,
                                 QMessageBox::No) == QMessageBox::Yes;
}

void ReportExportFlow::exportReport(const ReportExportRequest& request) {
    const auto& study = m_workflow->study();
    if (!study || study->series.empty()) {
        return fail(tr("Open a study before exporting a report."));
    }
    if (request.formats.empty() || request.folder.isEmpty()) {
        return fail(tr("Choose at least one format and a folder."));
    }
    if (auto* task = m_workflow->currentTask(); task && task->isRunning()) {
        return fail(tr("Wait for \"%1\" to finish before exporting.").arg(task->title()));
    }
    m_folder = request.folder;
    ReportJob job;
    job.request = request;
    job.folder = request.folder.toStdString();
    if (const auto existing = viewer::existingReportTargets(job.folder, request.formats);
        !existing.empty()) {
        QStringList names;
        for (const auto& p : existing) {
            names << QString::fromStdString(p.string());
        }
        if (!mayReplace(names)) {
            return fail(tr("Report not exported: the existing files were kept."));
        }
        job.force = true;
    }
    job.study = std::make_shared<const Study>(*study);
    if (request.formats.pdf) {
        job.surface = viewer::FindingVolumeRenderer::makeSurface();
    }
    for (const Annotation& a : m_workflow->annotationLayer()->history().annotations()) {
        job.rois.push_back({a.id, a.label, a.roi});
    }
    job.existingAnalysis = reportDiscrepancy(*job.study, *m_workflow->discrepancyLayer());
    job.thresholds = m_workflow->discrepancyLayer()->thresholds();
    // The numbers of the report are the table's: same threshold and ring.
    job.options.measure = m_measurements->measureOptions();
    auto written = std::make_shared<std::vector<std::filesystem::path>>();
    auto* task = new viewer::BackgroundTask(
        tr("Exporting report"),
        [job, written](const Progress& p) { *written = writeReport(job, p); });
    connect(task, &viewer::BackgroundTask::succeeded, this, [this, written, request] {
        const QString text =
            tr("Report written: %n file(s) in %1", "", static_cast<int>(written->size()))
                .arg(request.folder);
        emit message(text, 10000);
        emit finished(true, text);
    });
    connect(task, &viewer::BackgroundTask::failed, this,
            [this](const QString& text) { emit finished(false, text); });
    connect(task, &viewer::BackgroundTask::cancelled, this,
            [this] { emit finished(false, tr("cancelled")); });
    m_workflow->runTask(task, viewer::StudyWorkflow::State::Working);
}

}  // namespace crosscheck::app
