// Shapes of real studies in the panes: a study of one series opens as an MPR (its axial,
// sagittal and coronal planes), the second echo of a two-echo series is chosen in the
// pane with its control and with the , and . keys and shows its own values, and a colour
// secondary capture (pydicom's SC_rgb_dcmtk_+eb+cr.dcm) is shown as stored, never sampled.
#include <QComboBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <filesystem>

#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "core/dicom/DicomScanner.h"
#include "core/dicom/DicomSeriesWriter.h"
#include "core/dicom/PictureLoader.h"
#include "core/model/Study.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/state/ViewState.h"
#include "viewer/study/StudyWorkflow.h"

namespace cc = crosscheck;
namespace fs = std::filesystem;
using cc::ViewOrientation;
using cc::app::MainWindow;
using cc::viewer::SlicePane;

namespace {

const fs::path kColourPicture =
    "/usr/lib/python3/dist-packages/pydicom/data/test_files/SC_rgb_dcmtk_+eb+cr.dcm";
constexpr std::uint16_t kEcho1Value = 100;
constexpr std::uint16_t kEcho2Value = 300;

/// One echo of a 64 x 64 x 40 MR series (1 mm voxels): a ball of radius 12 mm at the
/// centre, `value` within 3 mm, falling to half at its edge; a quarter of it around.
void writeEcho(const fs::path& folder, int echo, std::uint16_t value) {
    const Eigen::Vector3i dims(64, 64, 40);
    const cc::VolumeGeometry geometry = cc::VolumeGeometry::fromDicom(
        dims, Eigen::Vector3d::UnitX(), Eigen::Vector3d::UnitY(), Eigen::Vector2d(1.0, 1.0),
        Eigen::Vector3d(-32, -32, -20), Eigen::Vector3d::UnitZ());
    cc::Volume volume(geometry, cc::VoxelType::UInt16);
    std::uint16_t* voxel = volume.voxels<std::uint16_t>();
    for (int k = 0; k < dims.z(); ++k) {
        for (int j = 0; j < dims.y(); ++j) {
            for (int i = 0; i < dims.x(); ++i) {
                const Eigen::Vector3d fromCentre(i - 31.5, j - 31.5, k - 19.5);
                const double r = fromCentre.norm();
                const double fraction = r <= 3.0    ? 1.0
                                        : r <= 12.0 ? 1.0 - 0.5 * (r - 3.0) / 9.0
                                                    : 0.25;
                *voxel++ = static_cast<std::uint16_t>(std::lround(value * fraction));
            }
        }
    }
    cc::DicomSeriesMetadata m;
    m.kind = cc::DicomImageKind::MR;
    m.patientName = "ECHO^TEST";
    m.patientId = "E1";
    m.studyInstanceUid = "1.2.826.0.1.3680043.10.1.1";
    m.seriesInstanceUid = "1.2.826.0.1.3680043.10.1.2";
    m.frameOfReferenceUid = "1.2.826.0.1.3680043.10.1.3";
    m.seriesDescription = "t2_me2d";
    m.sopInstanceUidPrefix = "1.2.826.0.1.3680043.10.1.4." + std::to_string(echo);
    m.fileNamePrefix = "E" + std::to_string(echo) + "_";
    m.repetitionTimeMs = 3000;
    m.echoTimeMs = 40.0 * echo;
    m.extra["EchoNumbers"] = std::to_string(echo);
    cc::DicomSeriesWriter(m).write(volume, folder);
}

bool waitForFrame(SlicePane* pane) {
    QSignalSpy painted(pane, &cc::viewer::VtkRenderWidget::framePainted);
    pane->update();
    return painted.wait(20000);
}

}  // namespace

class RealWorldPanesTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void aStudyOfOneSeriesOpensAsAnMpr();
    void theSecondEchoIsChosenInThePane();
    void aColourPictureIsShownAsStored();

private:
    /// Opens the folder in a new window; false when nothing was shown.
    bool open(MainWindow& window, const QString& folder);

    QTemporaryDir m_dir;
    QString m_echoes;       // the two-echo series alone
    QString m_withPicture;  // the same plus a colour secondary capture
};

void RealWorldPanesTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_echoes = m_dir.filePath(QStringLiteral("echoes"));
    m_withPicture = m_dir.filePath(QStringLiteral("with-picture"));
    for (const QString& folder : {m_echoes, m_withPicture}) {
        writeEcho(folder.toStdString(), 1, kEcho1Value);
        writeEcho(folder.toStdString(), 2, kEcho2Value);
    }
    QVERIFY(fs::exists(kColourPicture));
    fs::copy_file(kColourPicture, fs::path(m_withPicture.toStdString()) / "SC_rgb.dcm");
}

bool RealWorldPanesTest::open(MainWindow& window, const QString& folder) {
    QSignalSpy shown(window.workflow(), &cc::viewer::StudyWorkflow::studyShown);
    window.openPaths({folder});
    return shown.wait(60000);
}

void RealWorldPanesTest::aStudyOfOneSeriesOpensAsAnMpr() {
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(open(window, m_echoes));
    const auto& study = *window.workflow()->study();
    QCOMPARE(study.series.size(), std::size_t(1));
    QCOMPARE(study.otherVolumes.size(), std::size_t(1));
    const QString uid = QString::fromStdString(study.series.front().info.seriesInstanceUid);
    const auto& panes = window.paneGrid()->panes();
    const ViewOrientation expected[] = {ViewOrientation::Axial, ViewOrientation::Sagittal,
                                        ViewOrientation::Coronal};
    for (int i = 0; i < 3; ++i) {
        QVERIFY(panes[std::size_t(i)]->hasSeries());
        QCOMPARE(panes[std::size_t(i)]->series().seriesInstanceUid, uid);
        QCOMPARE(panes[std::size_t(i)]->orientation(), expected[i]);
        QCOMPARE(window.workflow()->viewState()->paneAssignment(i).orientation, expected[i]);
    }
    QVERIFY(!panes[3]->hasSeries());
}

void RealWorldPanesTest::theSecondEchoIsChosenInThePane() {
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(open(window, m_echoes));
    SlicePane* pane = window.paneGrid()->panes().front();
    const cc::PatientPoint cursor = window.workflow()->viewState()->cursor();
    QCOMPARE(pane->valueAtReference(cursor).value_or(-1), double(kEcho1Value));

    auto* box = pane->findChild<QComboBox*>(QStringLiteral("volumeBox"));
    QVERIFY(box && box->isVisible());
    QCOMPARE(box->count(), 2);
    QVERIFY(box->itemText(1).contains(QStringLiteral("echo 2")));

    // The . key asks for the next volume; it loads in the background, then shows.
    QSignalSpy loaded(window.workflow(), &cc::viewer::StudyWorkflow::volumeLoaded);
    QTest::keyClick(pane, Qt::Key_Period);
    QVERIFY(loaded.wait(30000));
    QTRY_COMPARE(pane->series().volumeIndex, 1);
    QCOMPARE(pane->valueAtReference(cursor).value_or(-1), double(kEcho2Value));
    QCOMPARE(box->currentIndex(), 1);
    QCOMPARE(window.workflow()->viewState()->paneAssignment(0).volume, 1);
    // The other panes still show echo 1: a volume is chosen per pane.
    QCOMPARE(window.paneGrid()->panes()[1]->valueAtReference(cursor).value_or(-1),
             double(kEcho1Value));

    // The , key goes back; the volume is loaded already, so it shows at once.
    QTest::keyClick(pane, Qt::Key_Comma);
    QTRY_COMPARE(pane->series().volumeIndex, 0);
    QCOMPARE(pane->valueAtReference(cursor).value_or(-1), double(kEcho1Value));
    // And the control picks the second echo again.
    emit box->activated(1);
    QTRY_COMPARE(pane->series().volumeIndex, 1);
    QCOMPARE(loaded.count(), 1);  // loaded once, kept in the study

    const QString docs = qEnvironmentVariable("CROSSCHECK_DOC_IMAGES");
    if (!docs.isEmpty()) {
        QVERIFY(waitForFrame(pane));
        window.paneGrid()->grabComposed().save(docs + QStringLiteral("/realworld-mpr-echo.png"));
    }
}

void RealWorldPanesTest::aColourPictureIsShownAsStored() {
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(open(window, m_withPicture));
    const auto& study = *window.workflow()->study();
    QCOMPARE(study.pictures.size(), std::size_t(1));
    for (const auto& problem : study.problems) {
        QVERIFY2(problem.reason.find("colour") == std::string::npos, problem.reason.c_str());
    }
    SlicePane* pane = window.paneGrid()->panes()[3];
    QTRY_VERIFY(pane->hasPicture());
    QVERIFY(!pane->hasSeries());  // nothing samples or measures it
    QVERIFY(!pane->valueAtReference(window.workflow()->viewState()->cursor()));

    // The pane's pixels are the picture's: each sample point maps to the widget by the
    // fit the pane uses (whole picture, centred, square pixels: the file has no geometry).
    const auto scan = cc::scanPaths({kColourPicture});
    QCOMPARE(scan.series.size(), std::size_t(1));
    const auto picture = cc::loadPicture(scan.series.front()).picture;
    QVERIFY(waitForFrame(pane));
    const QImage shown = pane->grabFramebuffer();
    const double dpr = shown.devicePixelRatio();
    const double scale =
        std::min(pane->width() / double(picture->columns), pane->height() / double(picture->rows));
    const double left = (pane->width() - picture->columns * scale) / 2;
    const double top = (pane->height() - picture->rows * scale) / 2;
    int compared = 0;
    for (int row = 5; row < picture->rows; row += 10) {
        for (int col = 5; col < picture->columns; col += 10) {
            const std::uint8_t* rgb =
                picture->frame(0) + (std::size_t(row) * picture->columns + col) * 3;
            const QPoint at(int((left + (col + 0.5) * scale) * dpr),
                            int((top + (row + 0.5) * scale) * dpr));
            const QColor got = shown.pixelColor(at);
            const int diff = std::abs(got.red() - rgb[0]) + std::abs(got.green() - rgb[1]) +
                             std::abs(got.blue() - rgb[2]);
            // The overlay's text may cover a few points; the picture must be under the rest.
            compared += diff <= 6;
        }
    }
    QVERIFY2(compared >= 90, qPrintable(QStringLiteral("%1 of 100 points match").arg(compared)));

    // The wheel steps frames, not a cursor: a one-frame picture stays on frame 0.
    QTest::keyClick(pane, Qt::Key_Up);
    QCOMPARE(pane->pictureFrame(), 0);

    const QString docs = qEnvironmentVariable("CROSSCHECK_DOC_IMAGES");
    if (!docs.isEmpty()) {
        window.paneGrid()->grabComposed().save(docs + QStringLiteral("/realworld-colour.png"));
    }
}

QTEST_MAIN(RealWorldPanesTest)
#include "RealWorldPanesTest.moc"
