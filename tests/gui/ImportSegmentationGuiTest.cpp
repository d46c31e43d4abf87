// File > Import segmentation on the small phantom: a NIfTI label map written by the test on
// the CT's grid (two boxes, labels 1 and 2, dcm2niix's orientation) comes in as two named
// ROIs with the boxes' voxel counts, measured in the table and outlined in the panes; a
// file that is no segmentation is refused with a sentence and adds nothing.
#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "PhantomGuiSupport.h"
#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "core/analysis/DiscrepancyAnalysis.h"
#include "core/analysis/StudyComparison.h"
#include "core/dicom/NiftiWriter.h"
#include "core/findings/StructureAgreement.h"
#include "core/model/Study.h"
#include "core/phantom/PhantomWriter.h"
#include "viewer/analysis/DiscrepancyLayer.h"
#include "viewer/analysis/StructureAgreementTable.h"
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
    void theAgreementTableShowsCoresNumbersUnderTheLabelTablesNames();

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

void ImportSegmentationGuiTest::theAgreementTableShowsCoresNumbersUnderTheLabelTablesNames() {
    MainWindow window;
    QVERIFY(
        cc::testing::openStudy(window, m_dir.filePath(QStringLiteral("study")), QSize(1400, 900)));
    cc::testing::alignWithGroundTruth(window, m_truth);
    const auto& study = *window.workflow()->study();
    const cc::LoadedSeries* ct = study.find(cc::SeriesRole::CT);
    QVERIFY(ct);

    // The tumour (dense on CT, soft tissue on the sCT) and soft tissue beside it, with an
    // ITK-SNAP label description naming them.
    cc::Volume labels(ct->volume->geometry(), cc::VoxelType::UInt16);
    std::fill_n(labels.voxels<std::uint16_t>(), labels.geometry().voxelCount(), 0);
    const Eigen::Vector3i centre = ct->volume->geometry()
                                       .toIndex(cc::PatientPoint{m_truth.tumor.centerCtMm})
                                       .ijk.array()
                                       .round()
                                       .cast<int>();
    fillBox(labels, centre - Eigen::Vector3i(2, 2, 1), Eigen::Vector3i(5, 5, 3), 1);
    fillBox(labels, centre + Eigen::Vector3i(-3, 9, -1), Eigen::Vector3i(6, 6, 3), 2);
    const QString file = m_dir.filePath(QStringLiteral("organs.nii.gz"));
    cc::writeNifti(labels, file.toStdString());
    const QString table = m_dir.filePath(QStringLiteral("organs.txt"));
    {
        QFile out(table);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Text));
        out.write(
            "# ITK-SNAP Label Description File\n"
            "    0     0    0    0        0  0  0    \"Clear Label\"\n"
            "    1   255    0    0        1  1  1    \"tumour\"\n"
            "    2     0  255    0        1  1  1    \"muscle\"\n");
    }

    QSignalSpy imported(window.workflow(), &Workflow::segmentationImported);
    window.workflow()->importSegmentation(file.toStdString(), table.toStdString());
    QVERIFY(imported.wait(60000));
    const auto& annotations = window.annotationLayer()->history().annotations();
    QCOMPARE(annotations.size(), std::size_t(2));
    QCOMPARE(QString::fromStdString(annotations[0].label), QStringLiteral("tumour"));
    QCOMPARE(QString::fromStdString(annotations[1].label), QStringLiteral("muscle"));
    // The names in the measurement table too.
    QTRY_VERIFY(window.measurementTable()->toTsv().contains(QStringLiteral("\ntumour\t")));
    QVERIFY(window.measurementTable()->toTsv().contains(QStringLiteral("\nmuscle\t")));

    // The table comes up with the import and asks for a comparison.
    cc::viewer::StructureAgreementTable* agreement = window.structureAgreementTable();
    QVERIFY(window.structureAgreementDock()->isVisible());
    QTRY_VERIFY(agreement->status().contains(QStringLiteral("compare CT and sCT")));
    QCOMPARE(agreement->table()->rowCount(), 0);

    QSignalSpy analysed(&window, &MainWindow::analysisFinished);
    window.analyzeDiscrepancies();
    QVERIFY(analysed.wait(120000));
    QTRY_COMPARE(agreement->table()->rowCount(), 2);

    // Core's numbers, computed here from the comparison on screen, row for row.
    auto expectedRows = [&] {
        std::vector<cc::ImportedRoi> structures;
        for (const auto& a : window.annotationLayer()->history().annotations()) {
            structures.push_back({a.label, a.roi});
        }
        const cc::StudyComparison pair = cc::comparisonInputs(study);
        return cc::structureAgreement(*window.discrepancyLayer()->result()->difference, structures,
                                      study.transforms, pair.ct->info.frameOfReferenceUid);
    };
    auto checkRows = [&](const std::vector<cc::StructureAgreementRow>& expected) {
        QCOMPARE(agreement->table()->rowCount(), int(expected.size()));
        for (int r = 0; r < int(expected.size()); ++r) {
            const auto& e = expected[std::size_t(r)];
            QVERIFY(e.measured);
            auto cell = [&](int c) { return agreement->table()->item(r, c)->text(); };
            QCOMPARE(cell(0), QString::fromStdString(e.label));
            QCOMPARE(cell(1), QString::number(e.ctMeanHu, 'f', 1));
            QCOMPARE(cell(2), QString::number(e.sctMeanHu, 'f', 1));
            QCOMPARE(cell(3), QString::number(e.metrics.maeHu, 'f', 1));
            QCOMPARE(cell(4), QString::number(e.metrics.meHu, 'f', 1));
            QCOMPARE(cell(5), QString::number(e.metrics.voxels));
        }
    };
    const auto before = expectedRows();
    checkRows(before);
    // Sorted by MAE: the tumour the sCT misses first.
    QCOMPARE(agreement->table()->item(0, 0)->text(), QStringLiteral("tumour"));
    QVERIFY(before[0].metrics.maeHu > 100.0);
    QCOMPARE(agreement->table()->item(1, 0)->text(), QStringLiteral("muscle"));

    const QString docs = qEnvironmentVariable("CROSSCHECK_DOC_IMAGES");
    if (!docs.isEmpty()) {
        window.workflow()->viewState()->setCursor(cc::PatientPoint{m_truth.tumor.centerCtMm});
        for (auto* pane : window.paneGrid()->visiblePanes()) {
            QVERIFY(cc::testing::waitForFrame(pane));
        }
        window.structureAgreementDock()->raise();
        QTest::qWait(200);
        window.grab().save(docs + QStringLiteral("/import-agreement-window.png"));
        agreement->grab().save(docs + QStringLiteral("/import-agreement-table.png"));
    }

    // A registration change clears the comparison and with it the table; comparing again
    // under the new transform refills it with the new numbers.
    const cc::LoadedSeries* sct = study.find(cc::SeriesRole::sCT);
    QVERIFY(sct);
    Eigen::Matrix4d shift = Eigen::Matrix4d::Identity();
    shift(0, 3) = 4.0;
    window.workflow()->nudgeSeries(QString::fromStdString(sct->info.seriesInstanceUid), shift);
    QTRY_COMPARE(agreement->table()->rowCount(), 0);
    QVERIFY(agreement->status().contains(QStringLiteral("compare CT and sCT")));
    QSignalSpy again(&window, &MainWindow::analysisFinished);
    window.analyzeDiscrepancies();
    QVERIFY(again.wait(120000));
    QTRY_COMPARE(agreement->table()->rowCount(), 2);
    const auto after = expectedRows();
    checkRows(after);
    QVERIFY(std::abs(after[0].metrics.maeHu - before[0].metrics.maeHu) > 0.05 ||
            std::abs(after[1].metrics.maeHu - before[1].metrics.maeHu) > 0.05);

    // One import is one undo step: Ctrl+Z takes both structures (and their rows) away,
    // Ctrl+Shift+Z brings them back.
    auto& history = window.annotationLayer()->history();
    QVERIFY(QString::fromStdString(history.undoText()).startsWith(QStringLiteral("Import 2")));
    auto trigger = [&window](const QKeySequence& key) {
        for (QAction* action : window.findChildren<QAction*>()) {
            if (action->shortcut() == key) {
                action->trigger();
                return true;
            }
        }
        return false;
    };
    QVERIFY(trigger(QKeySequence(Qt::CTRL | Qt::Key_Z)));
    QTRY_COMPARE(history.annotations().size(), std::size_t(0));
    QTRY_COMPARE(agreement->table()->rowCount(), 0);
    QVERIFY(trigger(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)));
    QTRY_COMPARE(history.annotations().size(), std::size_t(2));
    QCOMPARE(QString::fromStdString(history.annotations()[0].label), QStringLiteral("tumour"));
    QTRY_COMPARE(agreement->table()->rowCount(), 2);
    checkRows(after);
}

QTEST_MAIN(ImportSegmentationGuiTest)
#include "ImportSegmentationGuiTest.moc"
