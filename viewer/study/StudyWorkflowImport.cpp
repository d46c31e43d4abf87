// File > Import segmentation: another tool's outlines (DICOM SEG, RTSTRUCT, NIfTI label
// maps) read by core's importRois in the background and added to the session as named
// ROIs, so each is measured in every series and saved like a drawn one. The import is whole
// or nothing: core throws one sentence and nothing is added.
#include <QFileInfo>
#include <memory>

#include "core/model/Study.h"
#include "core/roi/RoiImport.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/study/StudyWorkflow.h"
#include "viewer/tasks/BackgroundTask.h"

namespace crosscheck::viewer {

void StudyWorkflow::importSegmentation(const std::filesystem::path& file,
                                       const std::optional<std::filesystem::path>& labelTable) {
    if (!m_study) {
        return;
    }
    if (refuseWhileFilling(tr("the segmentation is imported"))) {
        return;
    }
    const auto format = guessImportFormat(file);
    if (!format) {
        emit message(tr("%1: not a DICOM SEG, an RTSTRUCT or a NIfTI label map (.nii, .nii.gz)")
                         .arg(QString::fromStdString(file.string())),
                     15000);
        return;
    }
    const ImportRequest request{file, *format, labelTable};
    auto result = std::make_shared<ImportResult>();
    std::shared_ptr<const Study> study = m_study;
    auto* task = new BackgroundTask(
        tr("Importing %1").arg(QFileInfo(QString::fromStdString(file.string())).fileName()),
        [request, study, result](const Progress&) { *result = importRois(request, *study); });
    runTask(task, State::Working, [this, study, result, file] {
        if (study != m_study) {
            return;  // another study was opened meanwhile
        }
        // One undo step: Ctrl+Z takes the whole import back, Ctrl+Shift+Z brings it again.
        std::vector<std::pair<Roi, std::string>> rois;
        for (const ImportedRoi& structure : result->rois) {
            rois.emplace_back(structure.roi, structure.label);
        }
        const QString fileName = QString::fromStdString(file.filename().string());
        m_annotations->addNamedRois(
            rois, tr("Import %n structure(s) from %1", "", static_cast<int>(rois.size()))
                      .arg(fileName)
                      .toStdString());
        QString text =
            tr("Imported %n structure(s) from %1", "", static_cast<int>(result->rois.size()))
                .arg(fileName);
        for (const auto& warning : result->warnings) {
            text += QStringLiteral("; ") + QString::fromStdString(warning);
        }
        emit message(text, 15000);
        emit segmentationImported(static_cast<int>(result->rois.size()));
    });
}

}  // namespace crosscheck::viewer
