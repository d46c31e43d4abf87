#pragma once

#include <vtkSmartPointer.h>
#include <memory>

class vtkImageData;

namespace crosscheck {
class Volume;
enum class VoxelType;
}  // namespace crosscheck

namespace crosscheck::viewer {

/// Wraps a core Volume's voxel buffer in a vtkImageData without copying it.
///
/// The image lives in index space (origin 0, spacing 1): the volume's true,
/// possibly sheared geometry is applied by the slice's placement matrix or the plane
/// resampling, since vtkImageData cannot express shear. The returned image holds the volume alive
/// through `keepAlive` ownership by the caller; VTK never frees or writes the buffer.
vtkSmartPointer<vtkImageData> wrapVolume(const std::shared_ptr<const Volume>& volume);

/// VTK's scalar type (VTK_SHORT, ...) for a voxel type.
int vtkScalarTypeOf(VoxelType type);

}  // namespace crosscheck::viewer
