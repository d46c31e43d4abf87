// File > Export report...: the report of the open study (its annotations, the CT-vs-sCT
// result the window already has) built and written off the GUI thread, never over existing
// files without the user's yes.
#include <QAction>
#include <QDir>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>
#include <algorithm>
#include <filesystem>

#include "app/gui/ExportReportDialog.h"
#include "app/gui/MainWindow.h"
#include "core/model/Study.h"
#include "core/report/ReportBuilder.h"
#include "core/report/ReportSeg.h"
#include "core/report/ReportWriteError.h"
#include "viewer/analysis/DiscrepancyLayer.h"
#include "viewer/report/ReportExport.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/roi/MeasurementTable.h"
#include "viewer/tasks/BackgroundTask.h"

namespace crosscheck::app {

namespace {

/// The window's analysis as the report states it; empty when there is none for this study.
std::optional<ReportDiscrepancy> reportDiscrepancy(const Study& study,
                                                   const viewer::DiscrepancyLayer& layer) {
    const LoadedSeries* ct = study.find(SeriesRole::CT);
    const LoadedSeries* sct = study.find(SeriesRole::sCT);
    if (!layer.hasResult() || !ct || !sct || !layer.result()->difference) {
        return std::nullopt;
    }
    ReportDiscrepancy d;
    d.ctSeriesInstanceUid = ct->info.seriesInstanceUid;
    d.sctSeriesInstanceUid = sct->info.seriesInstanceUid;
    d.transform =
        study.transforms.badge(ct->info.frameOfReferenceUid, sct->info.frameOfReferenceUid);
    d.thresholds = layer.thresholds();
    d.findings = layer.result()->regions;
    for (auto& f : d.findings) {
        f.runs.clear();  // voxel runs are for overlays, not for the report
    }
    d.metrics = layer.result()->difference->metrics();
    return d;
}

/// Scales a stage's progress into [from, to] of the whole export.
Progress stage(const Progress& whole, double from, double to) {
    Progress p = whole;
    p.report = [whole, from, to](double f, const std::string& text) {
        whole(from + (to - from) * f, text);
    };
    return p;
}

}  // namespace

void MainWindow::addReportActions(QMenu* file) {
    file->addSeparator();
    QAction* exportReport = file->addAction(tr("&Export report..."));
    exportReport->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(exportReport, &QAction::triggered, this, &MainWindow::showExportReportDialog);
}

void MainWindow::showExportReportDialog() {
    if (!m_study || m_study->series.empty()) {
        statusBar()->showMessage(tr("Open a study before exporting a report."), 10000);
        return;
    }
    ReportExportRequest initial;
    initial.folder = m_reportFolder.isEmpty()
                         ? QDir::home().filePath(QStringLiteral("crosscheck-report"))
                         : m_reportFolder;
    initial.formats.pdf = true;
    initial.formats.core = {ReportFormat::Csv, ReportFormat::Json, ReportFormat::Sr};
    ExportReportDialog dialog(initial, this);
    if (dialog.exec() == QDialog::Accepted) {
        exportReport(dialog.request());
    }
}

void MainWindow::exportReport(const ReportExportRequest& request) {
    auto fail = [this](const QString& message) {
        statusBar()->showMessage(message, 10000);
        emit reportExportFinished(false, message);
    };
    if (!m_study || m_study->series.empty()) {
        return fail(tr("Open a study before exporting a report."));
    }
    if (request.formats.empty() || request.folder.isEmpty()) {
        return fail(tr("Choose at least one format and a folder."));
    }
    if (m_task && m_task->isRunning()) {
        return fail(tr("Wait for \"%1\" to finish before exporting.").arg(m_task->title()));
    }
    m_reportFolder = request.folder;
    const std::filesystem::path folder = request.folder.toStdString();
    bool force = false;
    if (const auto existing = viewer::existingReportTargets(folder, request.formats);
        !existing.empty()) {
        QStringList names;
        for (const auto& p : existing) {
            names << QString::fromStdString(p.string());
        }
        const bool replace =
            m_overwriteQuestion
                ? m_overwriteQuestion(names)
                : QMessageBox::question(this, tr("Replace report files?"),
                                        tr("These files exist already:\n\n%1\n\nReplace them?")
                                            .arg(names.join(QLatin1Char('\n'))),
                                        QMessageBox::Yes | QMessageBox::No,
                                        QMessageBox::No) == QMessageBox::Yes;
        if (!replace) {
            return fail(tr("Report not exported: the existing files were kept."));
        }
        force = true;
    }

    // A snapshot for the worker: the volumes are shared and never written after loading;
    // the transforms and annotations are copied so edits during the export do not race it.
    auto study = std::make_shared<const Study>(*m_study);
    std::vector<ReportRoiInput> rois;
    for (const Annotation& a : m_annotations->history().annotations()) {
        rois.push_back({a.id, a.label, a.roi});
    }
    const auto existingAnalysis = reportDiscrepancy(*study, *m_discrepancy);
    const DiscrepancyThresholds thresholds = m_discrepancy->thresholds();
    // The numbers of the report are the table's: same threshold and ring.
    ReportOptions options;
    options.measure = m_measurements->measureOptions();
    auto written = std::make_shared<std::vector<std::filesystem::path>>();
    auto* task = new viewer::BackgroundTask(
        tr("Exporting report"),
        [study, rois, existingAnalysis, thresholds, options, request, folder, force,
         written](const Progress& p) {
            // Reuse the window's analysis; run it only when the window has none.
            std::optional<ReportDiscrepancy> discrepancy = existingAnalysis;
            if (!discrepancy) {
                discrepancy = runReportDiscrepancy(*study, thresholds, nullptr, stage(p, 0.0, 0.4));
            }
            p(0.4, "measuring");
            ReportModel report = buildReport(*study, rois, options, discrepancy);
            // The SEG's voxels come from the study's own frames: before anonymizing.
            std::optional<ReportSegmentation> segmentation;
            const auto& core = request.formats.core;
            if (std::find(core.begin(), core.end(), ReportFormat::Seg) != core.end()) {
                std::string whyNot;
                segmentation = buildReportSegmentation(*study, report, &whyNot);
                if (!segmentation) {
                    throw ReportWriteError("report_seg.dcm: " + whyNot);
                }
            }
            if (request.anonymize) {
                anonymizeExport(report, segmentation);
            }
            *written = viewer::writeReportFiles(report, *study, folder, request.formats, force,
                                                stage(p, 0.5, 1.0),
                                                segmentation ? &*segmentation : nullptr);
        },
        this);
    connect(task, &viewer::BackgroundTask::succeeded, this, [this, written, request] {
        finishTask();
        const QString message =
            tr("Report written: %n file(s) in %1", "", static_cast<int>(written->size()))
                .arg(request.folder);
        statusBar()->showMessage(message, 10000);
        emit reportExportFinished(true, message);
    });
    connect(task, &viewer::BackgroundTask::failed, this,
            [this](const QString& message) { emit reportExportFinished(false, message); });
    connect(task, &viewer::BackgroundTask::cancelled, this,
            [this] { emit reportExportFinished(false, tr("cancelled")); });
    runTask(task);
}

}  // namespace crosscheck::app
