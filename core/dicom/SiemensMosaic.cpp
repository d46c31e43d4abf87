#include "core/dicom/SiemensMosaic.h"

#include <Eigen/Geometry>
#include <cmath>

#include "core/dicom/DicomError.h"

namespace crosscheck {

std::vector<FrameHeader> expandMosaic(const FrameHeader& stored) {
    if (stored.mosaicImages == 0) {
        return {stored};
    }
    const int n = stored.mosaicImages;
    const int perRow = n > 0 ? static_cast<int>(std::ceil(std::sqrt(static_cast<double>(n)))) : 0;
    if (n < 0 || perRow < 1 || stored.rows % perRow != 0 || stored.columns % perRow != 0) {
        throw DicomError(stored.file, "Siemens mosaic with NumberOfImagesInMosaic " +
                                          std::to_string(n) + " does not tile its " +
                                          std::to_string(stored.columns) + "x" +
                                          std::to_string(stored.rows) + " frame");
    }
    const int tileRows = stored.rows / perRow;
    const int tileColumns = stored.columns / perRow;
    std::optional<Eigen::Vector3d> first;
    Eigen::Vector3d along = Eigen::Vector3d::UnitZ();
    if (stored.position && stored.rowDirection && stored.columnDirection &&
        stored.pixelSpacingRowCol) {
        const Eigen::Vector2d spacing = *stored.pixelSpacingRowCol;  // between rows, columns
        first = *stored.position +
                *stored.rowDirection * spacing[1] * (stored.columns - tileColumns) / 2.0 +
                *stored.columnDirection * spacing[0] * (stored.rows - tileRows) / 2.0;
        along = stored.csaSliceNormal.value_or(
            stored.rowDirection->cross(*stored.columnDirection).normalized());
    }
    const double step = stored.spacingBetweenSlicesMm.value_or(0.0) > 0
                            ? *stored.spacingBetweenSlicesMm
                            : (stored.sliceThicknessMm > 0 ? stored.sliceThicknessMm : 1.0);
    std::vector<FrameHeader> slices;
    slices.reserve(static_cast<std::size_t>(n));
    for (int t = 0; t < n; ++t) {
        FrameHeader h = stored;
        h.mosaicTile = t;
        h.storedRows = stored.rows;
        h.storedColumns = stored.columns;
        h.rows = tileRows;
        h.columns = tileColumns;
        h.pixelDataOffset = -1;  // a tile is not a contiguous run of the file
        if (first) {
            h.position = *first + along * (step * t);
        }
        slices.push_back(std::move(h));
    }
    return slices;
}

}  // namespace crosscheck
