// File > Export report... driven through MainWindow::exportReport on the phantom with an
// ellipse around the tumour: the files are written in the background, and a second export
// into the same folder asks first; answered "no", it leaves every file as it was. The
// PDF's findings page carries the 3D key image rendered on the export's worker thread.
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "app/gui/ExportReportDialog.h"
#include "app/gui/MainWindow.h"
#include "app/gui/ReportExportRequest.h"
#include "core/model/Study.h"
#include "tests/gui/PhantomGuiSupport.h"
#include "viewer/render/SurfaceFormat.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/volume/VolumeScene.h"

using crosscheck::app::MainWindow;
namespace cc = crosscheck;

class ReportExportTest : public QObject {
    Q_OBJECT
private slots:
    void aSecondExportAnsweredNoLeavesTheFilesUntouched();
    void theDialogOffersOkOnlyWithAFormatAndAFolder();
    void anAnonymizedSegHoldsTheRoiAndNamesNoOne();
};

namespace {

QByteArray contents(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Runs one export and returns (written, message) of reportExportFinished.
QList<QVariant> exportOnce(MainWindow& window, const cc::app::ReportExportRequest& request) {
    QSignalSpy finished(&window, &MainWindow::reportExportFinished);
    window.exportReport(request);
    if (finished.isEmpty() && !finished.wait(120000)) {
        return {};
    }
    return finished.takeFirst();
}

/// Pixels in the colour of a region the sCT misses (magenta, lit 55 % to full) in the 3D key
/// image of the first finding: the third image of page 3 (cover, one ROI page, findings).
int missedColourPixelsIn3dImage(const QString& pdf) {
    QTemporaryDir dir;
    QProcess::execute(QStringLiteral("pdfimages"),
                      {QStringLiteral("-png"), QStringLiteral("-f"), QStringLiteral("3"),
                       QStringLiteral("-l"), QStringLiteral("3"), pdf, dir.filePath("img")});
    const QImage image(dir.filePath(QStringLiteral("img-002.png")));
    const Eigen::Vector3d colour =
        cc::viewer::VolumeScene::findingColour(cc::DiscrepancyKind::CtDenseSctNot);
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            const Eigen::Vector3d rgb(c.redF(), c.greenF(), c.blueF());
            const double scale = rgb.maxCoeff() / colour.maxCoeff();
            count += scale >= 0.55 && (rgb - scale * colour).cwiseAbs().maxCoeff() <= 0.12;
        }
    }
    return count;
}

}  // namespace

void ReportExportTest::aSecondExportAnsweredNoLeavesTheFilesUntouched() {
    QTemporaryDir dir;
    QTemporaryDir out;
    const cc::PhantomGroundTruth truth = cc::testing::writeSmallPhantom(dir.path(), 3);
    MainWindow window;
    QVERIFY(cc::testing::openStudy(window, dir.path(), QSize(1200, 900)));
    cc::testing::alignWithGroundTruth(window, truth);
    const cc::PhantomLesionTruth& t = truth.tumor;
    window.annotationLayer()->addRoi(cc::Roi::ellipse(
        truth.ctFrameUid, t.centerCtMm, Eigen::Vector3d::UnitX(), Eigen::Vector3d::UnitY(),
        Eigen::Vector2d(0.5 * t.diametersMm[2], 0.5 * t.diametersMm[1])));

    QStringList asked;
    bool answer = false;
    window.setOverwriteQuestion([&](const QStringList& files) {
        asked = files;
        return answer;
    });
    cc::app::ReportExportRequest request;
    request.folder = out.path();
    request.formats.pdf = true;
    request.formats.core = {cc::ReportFormat::Csv};

    const QList<QVariant> first = exportOnce(window, request);
    QCOMPARE(first.size(), 2);
    QVERIFY2(first.at(0).toBool(), qPrintable(first.at(1).toString()));
    QVERIFY(asked.isEmpty());  // nothing to replace: no question
    const QString pdf = out.filePath(QStringLiteral("report.pdf"));
    const QString csv = out.filePath(QStringLiteral("measurements.csv"));
    QVERIFY(contents(pdf).startsWith("%PDF-"));
    QVERIFY(contents(csv).contains("sCT"));
    const int missed = missedColourPixelsIn3dImage(pdf);
    QVERIFY2(missed > 500, qPrintable(QStringLiteral("%1 magenta pixels").arg(missed)));
    // Mark the files, so that any rewrite (even one with the same bytes) would show.
    for (const QString& path : {pdf, csv}) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("precious " + path.toUtf8());
    }
    const QByteArray pdfBefore = contents(pdf), csvBefore = contents(csv);

    const QList<QVariant> second = exportOnce(window, request);
    QCOMPARE(second.size(), 2);
    QVERIFY(!second.at(0).toBool());
    QCOMPARE(asked.size(), 2);
    QVERIFY(asked.contains(pdf));
    QVERIFY(asked.contains(csv));
    QCOMPARE(contents(pdf), pdfBefore);
    QCOMPARE(contents(csv), csvBefore);
    QCOMPARE(QDir(out.path()).entryList(QDir::Files | QDir::Hidden).size(), 2);

    answer = true;
    const QList<QVariant> third = exportOnce(window, request);
    QCOMPARE(third.size(), 2);
    QVERIFY2(third.at(0).toBool(), qPrintable(third.at(1).toString()));
    QVERIFY(contents(pdf).startsWith("%PDF-"));
}

void ReportExportTest::theDialogOffersOkOnlyWithAFormatAndAFolder() {
    crosscheck::app::ReportExportRequest initial;
    initial.folder = QStringLiteral("/tmp/crosscheck-report");
    initial.formats.pdf = true;
    crosscheck::app::ExportReportDialog dialog(initial);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    QVERIFY(ok->isEnabled());
    const QString docs = qEnvironmentVariable("CROSSCHECK_DOC_IMAGES");
    if (!docs.isEmpty()) {
        dialog.grab().save(docs + QStringLiteral("/report-export-dialog.png"));
    }
    for (QCheckBox* box : dialog.findChildren<QCheckBox*>()) {
        if (box->text().contains(QStringLiteral("PDF"))) {
            box->setChecked(false);
        }
    }
    QVERIFY(dialog.request().formats.empty());
    QVERIFY(!ok->isEnabled());
    QVERIFY(dialog.request().folder == initial.folder);
}

void ReportExportTest::anAnonymizedSegHoldsTheRoiAndNamesNoOne() {
    QTemporaryDir dir;
    QTemporaryDir out;
    const cc::PhantomGroundTruth truth = cc::testing::writeSmallPhantom(dir.path(), 4);
    MainWindow window;
    QVERIFY(cc::testing::openStudy(window, dir.path(), QSize(1200, 900)));
    const cc::PhantomLesionTruth& t = truth.tumor;
    window.annotationLayer()->addRoi(cc::Roi::sphere(truth.ctFrameUid, t.centerCtMm, 4.0));
    const std::string label = window.annotationLayer()->history().annotations().front().label;
    cc::app::ReportExportRequest request;
    request.folder = out.path();
    request.formats.core = {cc::ReportFormat::Seg};
    request.anonymize = true;
    const QList<QVariant> result = exportOnce(window, request);
    QCOMPARE(result.size(), 2);
    QVERIFY2(result.at(0).toBool(), qPrintable(result.at(1).toString()));

    DcmFileFormat file;
    QVERIFY(
        file.loadFile(out.filePath(QStringLiteral("report_seg.dcm")).toStdString().c_str()).good());
    DcmDataset* data = file.getDataset();
    OFString modality, name, segmentLabel;
    data->findAndGetOFString(DCM_Modality, modality);
    data->findAndGetOFString(DCM_PatientName, name);
    data->findAndGetOFString(DCM_SegmentLabel, segmentLabel, 0, OFTrue);
    QCOMPARE(QString::fromLatin1(modality.c_str()), QStringLiteral("SEG"));
    QCOMPARE(segmentLabel.c_str(), label.c_str());
    QVERIFY(!name.empty());
    QVERIFY(std::string(name.c_str()) != window.study()->series.front().info.patientName);
    Sint32 frames = 0;
    data->findAndGetSint32(DCM_NumberOfFrames, frames);
    QVERIFY(frames >= 2);  // a sphere of 4 mm radius spans more than one 3.3 mm CT slice
}

int main(int argc, char** argv) {
    crosscheck::viewer::prepareOpenGlForVtk();
    QApplication app(argc, argv);
    ReportExportTest test;
    return QTest::qExec(&test, argc, argv);
}
#include "ReportExportTest.moc"
