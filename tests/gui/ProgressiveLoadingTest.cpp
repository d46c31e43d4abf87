// Progressive loading: a study is on screen while its voxels are decoded, the panes answer
// input during the load (a keyboard scroll moves the cursor before the study is whole),
// the voxels are right once it is whole, and a cancelled load takes the half-decoded study
// off the screen.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <filesystem>

#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "core/dicom/DicomSeriesWriter.h"
#include "core/model/Study.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/roi/MeasurementTable.h"
#include "viewer/state/ViewState.h"
#include "viewer/study/StudyWorkflow.h"

namespace cc = crosscheck;
namespace fs = std::filesystem;
using cc::app::MainWindow;
using cc::viewer::SlicePane;
using cc::viewer::StudyWorkflow;

namespace {

constexpr int kSlices = 240;

/// The HU the test CT holds at voxel (i, j, k): a ramp along the slices, a small pattern
/// across the columns, so a slice in the wrong place or a column shift shows.
double huAt(int i, int k) {
    return -400.0 + 4.0 * k + (i % 16);
}

/// A 512 x 512 x 240 CT (0.5 mm pixels, 1 mm slices): 120 MiB of voxels, long enough to
/// decode that the test acts while it loads.
void writeCt(const fs::path& folder) {
    const Eigen::Vector3i dims(512, 512, kSlices);
    const cc::VolumeGeometry geometry = cc::VolumeGeometry::fromDicom(
        dims, Eigen::Vector3d::UnitX(), Eigen::Vector3d::UnitY(), Eigen::Vector2d(0.5, 0.5),
        Eigen::Vector3d(-128, -128, -120), Eigen::Vector3d::UnitZ());
    cc::Volume volume(geometry, cc::VoxelType::Int16);
    std::int16_t* voxel = volume.voxels<std::int16_t>();
    for (int k = 0; k < dims.z(); ++k) {
        for (int j = 0; j < dims.y(); ++j) {
            for (int i = 0; i < dims.x(); ++i) {
                *voxel++ = static_cast<std::int16_t>(huAt(i, k));
            }
        }
    }
    cc::DicomSeriesMetadata m;
    m.kind = cc::DicomImageKind::CT;
    m.patientName = "PROGRESSIVE^TEST";
    m.patientId = "P1";
    m.studyInstanceUid = "1.2.826.0.1.3680043.10.2.1";
    m.seriesInstanceUid = "1.2.826.0.1.3680043.10.2.2";
    m.frameOfReferenceUid = "1.2.826.0.1.3680043.10.2.3";
    m.sopInstanceUidPrefix = "1.2.826.0.1.3680043.10.2.4";
    m.seriesDescription = "progressive CT";
    m.imageType = "ORIGINAL\\PRIMARY\\AXIAL";
    m.rescaleIntercept = -1024.0;
    cc::DicomSeriesWriter(m).write(volume, folder);
}

/// The HU expected at a point (patient mm = voxel index scaled and shifted, as written).
double expectedAt(const cc::PatientPoint& p) {
    const int i = static_cast<int>(std::lround((p.mm.x() + 128.0) / 0.5));
    const int k = static_cast<int>(std::lround(p.mm.z() + 120.0));
    return huAt(i, k);
}

}  // namespace

class ProgressiveLoadingTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void thePanesAnswerWhileTheStudyLoads();
    void aCancelledLoadClosesTheHalfLoadedStudy();
    void aPictureOfAStudyFillingIn();

private:
    QTemporaryDir m_dir;
    QString m_ct;
};

void ProgressiveLoadingTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_ct = m_dir.filePath(QStringLiteral("ct"));
    writeCt(m_ct.toStdString());
}

void ProgressiveLoadingTest::thePanesAnswerWhileTheStudyLoads() {
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    StudyWorkflow* workflow = window.workflow();
    QSignalSpy loading(workflow, &StudyWorkflow::loadingShown);
    QSignalSpy shown(workflow, &StudyWorkflow::studyShown);
    window.openPaths({m_ct});
    QVERIFY(loading.wait(60000));
    QVERIFY(workflow->isFillingStudy());
    SlicePane* axial = window.paneGrid()->panes().front();
    QVERIFY(axial->hasSeries());
    QCOMPARE(axial->orientation(), cc::ViewOrientation::Axial);

    // Scroll 50 slices up with the keyboard while the voxels are decoded: the cursor
    // moves at once, before the study is whole.
    const cc::PatientPoint before = workflow->viewState()->cursor();
    for (int n = 0; n < 5; ++n) {
        QTest::keyClick(axial, Qt::Key_PageUp);
    }
    const cc::PatientPoint after = workflow->viewState()->cursor();
    QVERIFY2(shown.isEmpty() && workflow->isFillingStudy(),
             "the load ended before the keys were handled: the test proves nothing");
    QVERIFY(std::abs(std::abs(after.mm.z() - before.mm.z()) - 50.0) < 1e-6);
    // A transform change mid-fill (the "nearest" pick follows the cursor) leaves the
    // measurement table without the half-read volumes.
    emit workflow->transformsChanged();
    QVERIFY(!window.measurementTable()->study());

    QVERIFY(!shown.isEmpty() || shown.wait(120000));
    QVERIFY(!workflow->isFillingStudy());
    QVERIFY(window.measurementTable()->study() == workflow->study());
    QVERIFY(workflow->isDecodedAt(axial->series().seriesInstanceUid, after));
    // Whole, the voxels are the written ones, at the new cursor and far from it.
    QCOMPARE(axial->valueAtReference(after).value_or(-9999), expectedAt(after));
    const cc::PatientPoint corner{Eigen::Vector3d(-120.0, -100.0, -119.0)};
    QCOMPARE(axial->valueAtReference(corner).value_or(-9999), expectedAt(corner));
    QCOMPARE(workflow->study()->series.size(), std::size_t(1));
    QVERIFY(workflow->study()->series.front().warnings.empty());
}

void ProgressiveLoadingTest::aCancelledLoadClosesTheHalfLoadedStudy() {
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    StudyWorkflow* workflow = window.workflow();
    QSignalSpy loading(workflow, &StudyWorkflow::loadingShown);
    QSignalSpy cancelled(workflow, &StudyWorkflow::cancelled);
    QSignalSpy shown(workflow, &StudyWorkflow::studyShown);
    window.openPaths({m_ct});
    QVERIFY(loading.wait(60000));
    QVERIFY(workflow->isFillingStudy());
    workflow->cancel();
    QVERIFY(cancelled.wait(60000));
    QVERIFY(shown.isEmpty());
    QVERIFY(!workflow->isFillingStudy());
    QVERIFY(workflow->study()->series.empty());
    for (SlicePane* pane : window.paneGrid()->panes()) {
        QVERIFY(!pane->hasSeries());  // nothing half-decoded stays on screen
    }
    QCOMPARE(workflow->state(), StudyWorkflow::State::Idle);
}

void ProgressiveLoadingTest::aPictureOfAStudyFillingIn() {
    const QString docs = qEnvironmentVariable("CROSSCHECK_DOC_IMAGES");
    if (docs.isEmpty()) {
        QSKIP("only with CROSSCHECK_DOC_IMAGES set");
    }
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    StudyWorkflow* workflow = window.workflow();
    QSignalSpy redrawn(workflow, &StudyWorkflow::volumeDataChanged);
    window.openPaths({m_ct});
    // The first slices decoded: the axial one is there, the others fill in.
    QVERIFY(redrawn.wait(60000));
    if (workflow->isFillingStudy()) {
        window.paneGrid()->grabComposed().save(docs + QStringLiteral("/progressive-loading.png"));
    }
}

QTEST_MAIN(ProgressiveLoadingTest)
#include "ProgressiveLoadingTest.moc"
