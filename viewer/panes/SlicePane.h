#pragma once

#include <Eigen/Core>
#include <memory>
#include <vtkNew.h>
#include <vtkSmartPointer.h>

#include "core/geometry/PatientPoint.h"
#include "core/geometry/ViewPlane.h"
#include "viewer/render/VtkRenderWidget.h"

class vtkImageData;
class vtkImageReslice;
class vtkImageSlice;
class vtkImageSliceMapper;
class vtkMatrix4x4;

namespace crosscheck {
class Volume;
}

namespace crosscheck::viewer {

/// One image pane: the slice of a volume through the cursor, in a standard orientation.
///
/// The cursor is a point in the session's reference frame (LPS, mm); `referenceToSeries`
/// carries it into the volume's own patient frame. vtkImageReslice samples the volume
/// along the view plane with the full index-to-patient affine, so oblique and tilted
/// series are shown where they really are. The pipeline is built once; a cursor or
/// window change only updates parameters and asks for a repaint.
class SlicePane : public VtkRenderWidget {
    Q_OBJECT
public:
    explicit SlicePane(QWidget* parent = nullptr);
    ~SlicePane() override;

    void setVolume(std::shared_ptr<const Volume> volume,
                   const Eigen::Matrix4d& referenceToSeries = Eigen::Matrix4d::Identity());
    void setOrientation(ViewOrientation orientation);
    void setCursor(const PatientPoint& referenceCursor);
    void setWindowLevel(double window, double level);

    ViewOrientation orientation() const { return m_orientation; }
    const std::shared_ptr<const Volume>& volume() const { return m_volume; }

protected:
    void resizeGL(int width, int height) override;

private:
    void updateReslice();
    void resetCamera();

    std::shared_ptr<const Volume> m_volume;
    vtkSmartPointer<vtkImageData> m_image;
    Eigen::Matrix4d m_referenceToSeries = Eigen::Matrix4d::Identity();
    ViewOrientation m_orientation = ViewOrientation::Axial;
    PatientPoint m_cursor;
    vtkNew<vtkImageReslice> m_reslice;
    vtkNew<vtkImageSliceMapper> m_mapper;
    vtkNew<vtkImageSlice> m_slice;
    vtkNew<vtkMatrix4x4> m_resliceAxes;
};

}  // namespace crosscheck::viewer
