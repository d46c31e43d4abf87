#include "viewer/panes/VolumeImageData.h"

#include <vtkFloatArray.h>
#include <vtkImageData.h>
#include <vtkPointData.h>
#include <vtkShortArray.h>
#include <vtkType.h>
#include <vtkUnsignedShortArray.h>

#include "core/volume/Volume.h"

namespace crosscheck::viewer {

namespace {

template <class ArrayType, class T>
vtkSmartPointer<vtkDataArray> borrow(const T* voxels, std::size_t count) {
    auto array = vtkSmartPointer<ArrayType>::New();
    // save = 1: VTK must not free the buffer; the Volume owns it. VTK only reads it.
    array->SetArray(const_cast<T*>(voxels), static_cast<vtkIdType>(count), 1);
    return array;
}

}  // namespace

vtkSmartPointer<vtkImageData> wrapVolume(const std::shared_ptr<const Volume>& volume) {
    auto image = vtkSmartPointer<vtkImageData>::New();
    const auto& dims = volume->geometry().dims();
    image->SetDimensions(dims[0], dims[1], dims[2]);
    image->SetOrigin(0, 0, 0);
    image->SetSpacing(1, 1, 1);
    const std::size_t n = volume->geometry().voxelCount();
    vtkSmartPointer<vtkDataArray> scalars;
    switch (volume->voxelType()) {
        case VoxelType::Int16:
            scalars = borrow<vtkShortArray>(volume->voxels<std::int16_t>(), n);
            break;
        case VoxelType::UInt16:
            scalars = borrow<vtkUnsignedShortArray>(volume->voxels<std::uint16_t>(), n);
            break;
        case VoxelType::Float32:
            scalars = borrow<vtkFloatArray>(volume->voxels<float>(), n);
            break;
    }
    scalars->SetName("voxels");
    image->GetPointData()->SetScalars(scalars);
    return image;
}

int vtkScalarTypeOf(VoxelType type) {
    switch (type) {
        case VoxelType::Int16:
            return VTK_SHORT;
        case VoxelType::UInt16:
            return VTK_UNSIGNED_SHORT;
        case VoxelType::Float32:
            return VTK_FLOAT;
    }
    return VTK_FLOAT;
}

}  // namespace crosscheck::viewer
