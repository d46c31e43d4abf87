#pragma once

#include <Eigen/Core>
#include <QImage>
#include <QString>

#include "core/roi/Roi.h"
#include "viewer/report/KeyImageWindow.h"

namespace crosscheck {
class Volume;
}

namespace crosscheck::viewer {

/// The square of a plane a key image shows, in the "view frame" (the frame of the ROI or
/// finding the image is about; DICOM patient coordinates, LPS, mm). `right` and `up` are
/// unit vectors along the image's x (to the right) and y (to the top) axes; right x up
/// points towards the viewer, as in ViewPlane (axial seen from the feet: patient's right on
/// the image's left, anterior at the top).
struct KeyImagePlane {
    Eigen::Vector3d centerMm = Eigen::Vector3d::Zero();
    Eigen::Vector3d right = Eigen::Vector3d::UnitX();
    Eigen::Vector3d up = -Eigen::Vector3d::UnitY();
    double fieldOfViewMm = 80.0;  ///< side of the square, mm
};

/// The plane of a planar ROI (ellipse, rectangle, polygon, ruler, bidirectional), turned so
/// that it is seen like the nearest standard view (axial, coronal or sagittal, docs/domain.md),
/// or the axial plane through the centre of any other ROI (sphere, brush, point). Centred on
/// the ROI's centre (roiAnchorMm). The ROI is in the view frame.
KeyImagePlane keyImagePlaneForRoi(const Roi& roi, double fieldOfViewMm);

/// The axial plane (seen from the feet) through a point.
KeyImagePlane axialKeyImagePlane(const Eigen::Vector3d& centerMm, double fieldOfViewMm);

/// One field of view for all the series of one ROI: three times the ROI's long axis, at
/// least 50 mm and at most 200 mm, so the lesion and its surroundings both show.
double keyImageFieldOfViewMm(const Roi& roi);

/// A series as a key image samples it: its volume and the rigid transform from the view
/// frame to the series' patient coordinates (the study's ROI frame -> series transform).
struct KeyImageSeries {
    const Volume* volume = nullptr;
    Eigen::Matrix4d viewToSeries = Eigen::Matrix4d::Identity();
};

/// Renders one key image: the plane resliced from the volume through its true
/// index-to-patient geometry (any acquisition orientation, tilted stacks included), in grey
/// through `window`, with the outline of `roi` (view frame; null for none) where it meets
/// the plane, the orientation letters at the four edges and a scale bar. `sizePx` x
/// `sizePx`, RGB. Pixels outside the volume are black.
///
/// Sampling is trilinear (Volume::sampleLinear), done here on the CPU rather than with VTK
/// or GL: the PDF is then identical in the GUI and the headless CLI, and needs no display.
/// `empty` (optional) is set to true when no pixel of the plane lies in the volume.
/// `textScale` enlarges the letters and the scale bar's label for small prints
/// (thumbnails).
QImage renderKeyImage(const KeyImageSeries& series, const KeyImagePlane& plane,
                      const KeyImageWindow& window, const Roi* roi, int sizePx,
                      bool* empty = nullptr, double textScale = 1.0);

/// The orientation letters at the four edges of `image` (square) and a scale bar, as
/// renderKeyImage draws them, for pictures made elsewhere (the findings' 3D key images):
/// `right` and `up` are the image's axes in patient coordinates (LPS, unit vectors),
/// `fieldOfViewMm` its side.
void drawKeyImageLabels(QImage& image, const Eigen::Vector3d& right, const Eigen::Vector3d& up,
                        double fieldOfViewMm, double textScale = 1.0);

/// A grey placeholder of the same size saying why there is no image ("no T2w series",
/// "not registered").
QImage placeholderKeyImage(const QString& reason, int sizePx);

}  // namespace crosscheck::viewer
