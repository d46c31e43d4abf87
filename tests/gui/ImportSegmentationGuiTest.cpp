// File > Import segmentation on the small phantom: a NIfTI label map written by the test on
// the CT's grid (two boxes, labels 1 and 2, dcm2niix's orientation) comes in as two named
// ROIs with the boxes' voxel counts, measured in the table and outlined in the panes; a
// file that is no segmentation is refused with a sentence and adds nothing.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "PhantomGuiSupport.h"
#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "core/dicom/NiftiWriter.h"
#include "core/model/Study.h"
#include "core/phantom/PhantomWriter.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/roi/MeasurementTable.h"
#include "viewer/state/ViewState.h"
#include "viewer/study/StudyWorkflow.h"

namespace cc = crosscheck;
using cc::app::MainWindow;
using Workflow = cc::viewer::StudyWorkflow;

namespace {

/// Sets `label` in the box of `size` voxels whose lowest corner is `corner`.
void fillBox(cc::Volume& labels, const Eigen::Vector3i& corner, const Eigen::Vector3i& size,
             std::uint16_t label) {
    const Eigen::Vector3i dims = labels.geometry().dims();
    std::uint16_t* v = labels.voxels<std::uint16_t>();
    for (int k = corner.z(); k < corner.z() + size.z(); ++k) {
        for (int j = corner.y(); j < corner.y() + size.y(); ++j) {
            for (int i = corner.x(); i < corner.x() + size.x(); ++i) {
                v[(std::size_t(k) * dims.y() + j) * dims.x() + i] = label;
            }
        }
    }
}

std::size_t maskVoxels(const cc::Roi& roi) {
    return roi.mask ? std::size_t(std::count_if(roi.mask->labels.begin(), roi.mask->labels.end(),
                                                [](std::uint8_t l) { return l != 0; }))
                    : 0;
}

}  // namespace

class ImportSegmentationGuiTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void aLabelMapBecomesNamedRoisInEveryPane();

private:
    QTemporaryDir m_dir;
    cc::PhantomGroundTruth m_truth;
};

void ImportSegmentationGuiTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_truth = cc::testing::writeSmallPhantom(m_dir.filePath(QStringLiteral("study")), 5);
}

void ImportSegmentationGuiTest::aLabelMapBecomesNamedRoisInEveryPane() {
    MainWindow window;
    QVERIFY(
        cc::testing::openStudy(window, m_dir.filePath(QStringLiteral("study")), QSize(1400, 900)));
    cc::testing::alignWithGroundTruth(window, m_truth);
    const auto& study = *window.workflow()->study();
    const cc::LoadedSeries* ct = study.find(cc::SeriesRole::CT);
    QVERIFY(ct);

    // Label 1: 10 x 10 x 5 voxels at the tumour; label 2: 6 x 6 x 4 voxels beside it.
    cc::Volume labels(ct->volume->geometry(), cc::VoxelType::UInt16);
    std::fill_n(labels.voxels<std::uint16_t>(), labels.geometry().voxelCount(), 0);
    const Eigen::Vector3d tumour =
        ct->volume->geometry().toIndex(cc::PatientPoint{m_truth.tumor.centerCtMm}).ijk;
    const Eigen::Vector3i centre = tumour.array().round().cast<int>();
    fillBox(labels, centre - Eigen::Vector3i(5, 5, 2), Eigen::Vector3i(10, 10, 5), 1);
    fillBox(labels, centre + Eigen::Vector3i(8, -3, -2), Eigen::Vector3i(6, 6, 4), 2);
    const QString file = m_dir.filePath(QStringLiteral("labels.nii.gz"));
    cc::writeNifti(labels, file.toStdString());

    QSignalSpy imported(window.workflow(), &Workflow::segmentationImported);
    window.workflow()->importSegmentation(file.toStdString());
    QVERIFY(imported.wait(60000));
    QCOMPARE(imported.front().at(0).toInt(), 2);
    const auto& annotations = window.annotationLayer()->history().annotations();
    QCOMPARE(annotations.size(), std::size_t(2));
    QCOMPARE(QString::fromStdString(annotations[0].label), QStringLiteral("1"));
    QCOMPARE(QString::fromStdString(annotations[1].label), QStringLiteral("2"));
    QCOMPARE(maskVoxels(annotations[0].roi), std::size_t(500));
    QCOMPARE(maskVoxels(annotations[1].roi), std::size_t(144));
    QVERIFY(annotations[0].roi.importedFrom.has_value());
    // Measured in every series like a drawn ROI: rows under the structures' names.
    const auto rowsOf = [&window](const QString& label) {
        const QStringList lines = window.measurementTable()->toTsv().split(QLatin1Char('\n'));
        return std::count_if(lines.begin(), lines.end(), [&label](const QString& line) {
            return line.startsWith(label + QLatin1Char('\t'));
        });
    };
    QTRY_VERIFY(rowsOf(QStringLiteral("1")) >= 4);
    QVERIFY(rowsOf(QStringLiteral("2")) >= 4);

    // Not a segmentation: one sentence, nothing added.
    QSignalSpy messages(window.workflow(), &Workflow::message);
    window.workflow()->importSegmentation(
        (m_dir.filePath(QStringLiteral("study")) + QStringLiteral("/ground_truth.json"))
            .toStdString());
    QVERIFY(!messages.isEmpty());
    QVERIFY(messages.back().at(0).toString().contains(QStringLiteral("not a DICOM SEG")));
    QCOMPARE(window.annotationLayer()->history().annotations().size(), std::size_t(2));

    const QString docs = qEnvironmentVariable("CROSSCHECK_DOC_IMAGES");
    if (!docs.isEmpty()) {
        window.workflow()->viewState()->setCursor(cc::PatientPoint{m_truth.tumor.centerCtMm});
        for (auto* pane : window.paneGrid()->visiblePanes()) {
            QVERIFY(cc::testing::waitForFrame(pane));
        }
        window.paneGrid()->grabComposed().save(docs + QStringLiteral("/import-label-map.png"));
        window.measurementTable()->grab().save(docs + QStringLiteral("/import-table.png"));
    }
}

QTEST_MAIN(ImportSegmentationGuiTest)
#include "ImportSegmentationGuiTest.moc"
