// The rasters a pane lays over its image, against volumes whose answer is known: the
// CT - sCT colours where the difference is, the outline of a labelled block where its
// border is (and only as large as the block's footprint), nothing where there is nothing.
#include <QtTest>

#include "core/volume/Volume.h"
#include "viewer/analysis/SliceRaster.h"

using crosscheck::Volume;
using crosscheck::VolumeGeometry;
using crosscheck::VoxelType;
using crosscheck::viewer::PixelToPatient;

namespace {

/// A 20 x 20 x 5 int16 volume of 1 mm voxels at the origin: `value` in the block
/// x, y in [8, 11], every slice; 0 elsewhere.
std::unique_ptr<Volume> blockVolume(std::int16_t value) {
    auto volume = std::make_unique<Volume>(VolumeGeometry({20, 20, 5}, Eigen::Matrix4d::Identity()),
                                           VoxelType::Int16);
    for (int k = 0; k < 5; ++k) {
        for (int j = 0; j < 20; ++j) {
            for (int i = 0; i < 20; ++i) {
                const bool inside = i >= 8 && i <= 11 && j >= 8 && j <= 11;
                volume->voxels<std::int16_t>()[volume->offset(i, j, k)] = inside ? value : 0;
            }
        }
    }
    return volume;
}

/// Pane pixel (x, y) at patient (x / 4, y / 4, 2) mm: 4 pixels a voxel, slice k = 2.
PixelToPatient quarterMillimetrePixels() {
    PixelToPatient pixels;
    pixels.origin = Eigen::Vector3d(0.0, 0.0, 2.0);
    pixels.stepX = Eigen::Vector3d(0.25, 0.0, 0.0);
    pixels.stepY = Eigen::Vector3d(0.0, 0.25, 0.0);
    return pixels;
}

}  // namespace

class SliceRasterTest : public QObject {
    Q_OBJECT
private slots:
    void differenceIsRedWhereTheCtIsDenserAndClearElsewhere();
    void differenceIsBlueWhereTheSctIsDenser();
    void outlineFollowsTheBlockBorderWithinItsFootprint();
    void outlineOutsideThePaneIsNull();
};

void SliceRasterTest::differenceIsRedWhereTheCtIsDenserAndClearElsewhere() {
    const auto difference = blockVolume(400);
    const QImage image = crosscheck::viewer::differenceImage(
        *difference, Eigen::Matrix4d::Identity(), quarterMillimetrePixels(), QSize(80, 80), 1.0,
        50.0, 500.0, 2);
    QCOMPARE(image.size(), QSize(40, 40));
    // Image pixel 19 is pane pixel 38.5: x = 9.6 mm, inside the block (8..11 mm).
    const QColor centre = image.pixelColor(19, 19);
    QVERIFY2(centre.alpha() > 150, qPrintable(QString::number(centre.alpha())));
    QVERIFY(centre.red() > centre.blue() + 100);
    // Pixel 4 is at 1.1 mm: no difference, fully transparent.
    QCOMPARE(image.pixelColor(4, 4).alpha(), 0);
    QCOMPARE(image.pixelColor(36, 19).alpha(), 0);
}

void SliceRasterTest::differenceIsBlueWhereTheSctIsDenser() {
    const auto difference = blockVolume(-400);
    const QImage image = crosscheck::viewer::differenceImage(
        *difference, Eigen::Matrix4d::Identity(), quarterMillimetrePixels(), QSize(80, 80), 1.0,
        50.0, 500.0, 2);
    const QColor centre = image.pixelColor(19, 19);
    QVERIFY(centre.alpha() > 150);
    QVERIFY(centre.blue() > centre.red() + 100);
}

void SliceRasterTest::outlineFollowsTheBlockBorderWithinItsFootprint() {
    const auto labels = blockVolume(1);
    const QRgb magenta = qRgb(255, 40, 200);
    // The block's footprint: its voxels span 7.5..11.5 mm, pane pixels 30..46.
    const QRect footprint(30, 30, 17, 17);
    const auto outline = crosscheck::viewer::labelOutlineImage(*labels, Eigen::Matrix4d::Identity(),
                                                               quarterMillimetrePixels(),
                                                               QSize(80, 80), footprint, magenta);
    // Only the footprint (and the outline's width around it) is an image.
    QCOMPARE(outline.topLeft, QPoint(28, 28));
    QCOMPARE(outline.image.size(), QSize(21, 21));
    // Nearest voxel: label 1 from x = 7.5 mm (pixel 30) on, so the left border lies
    // between pane pixels 29 and 30, and both are drawn.
    const auto at = [&](int paneX, int paneY) {
        return outline.image.pixel(paneX - outline.topLeft.x(), paneY - outline.topLeft.y());
    };
    QCOMPARE(at(29, 38), magenta);
    QCOMPARE(at(30, 38), magenta);
    QCOMPARE(qAlpha(at(28, 38)), 0);
    // Inside the block: no outline.
    QCOMPARE(qAlpha(at(38, 38)), 0);
}

void SliceRasterTest::outlineOutsideThePaneIsNull() {
    const auto labels = blockVolume(1);
    const auto outline = crosscheck::viewer::labelOutlineImage(
        *labels, Eigen::Matrix4d::Identity(), quarterMillimetrePixels(), QSize(80, 80),
        QRect(200, 200, 10, 10), qRgb(255, 40, 200));
    QVERIFY(outline.image.isNull());
}

QTEST_MAIN(SliceRasterTest)
#include "SliceRasterTest.moc"
