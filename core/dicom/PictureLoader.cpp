#include "core/dicom/PictureLoader.h"

// clang-format off
#include <dcmtk/config/osconfig.h>
// clang-format on
#include <dcmtk/dcmimage/diregist.h>
#include <dcmtk/dcmimgle/dcmimage.h>

#include <cstring>
#include <map>

#include "core/dicom/DicomError.h"
#include "core/dicom/internal/DcmtkInit.h"

namespace crosscheck {

namespace {

// Writes the frames of one file that the picture needs (frame -> slice index).
void loadFile(const std::string& path, const std::map<int, int>& frameToSlice,
              RgbPicture& picture) {
    // All frames of the file at once: multi-frame colour files are ultrasound loops and
    // screenshots of a few MiB, and DicomImage decodes compressed frames in order anyway.
    DicomImage image(path.c_str(), CIF_MayDetachPixelData, 0, 0);
    if (image.getStatus() != EIS_Normal) {
        throw DicomError(path, std::string("cannot read the colour image: ") +
                                   DicomImage::getString(image.getStatus()));
    }
    if (image.isMonochrome()) {
        throw DicomError(path, "expected a colour image, DCMTK reads a grey one");
    }
    if (static_cast<int>(image.getWidth()) != picture.columns ||
        static_cast<int>(image.getHeight()) != picture.rows) {
        throw DicomError(path, "image size differs from the scan: the file changed since");
    }
    for (const auto& [frame, slice] : frameToSlice) {
        if (static_cast<unsigned long>(frame) >= image.getFrameCount()) {
            throw DicomError(path, "frame " + std::to_string(frame) + " missing");
        }
        // 8 bits a sample, pixel interleaved (planar 0).
        const void* rgb = image.getOutputData(8, static_cast<unsigned long>(frame), 0);
        const unsigned long bytes = image.getOutputDataSize(8);
        if (rgb == nullptr || bytes != picture.frameBytes()) {
            throw DicomError(path, "cannot convert frame " + std::to_string(frame) +
                                       " to RGB: " + DicomImage::getString(image.getStatus()));
        }
        std::memcpy(picture.rgb.data() + static_cast<std::size_t>(slice) * picture.frameBytes(),
                    rgb, bytes);
    }
}

}  // namespace

LoadedPicture loadPicture(const SeriesInfo& series, const Progress& progress) {
    initDcmtk();
    if (!series.isColour()) {
        throw DicomError("series " + series.seriesInstanceUid,
                         "not a colour image: load it as a volume");
    }
    LoadedPicture loaded;
    loaded.info = series;
    loaded.warnings = series.warningDetails;
    auto picture = std::make_shared<RgbPicture>();
    picture->columns = series.dims[0];
    picture->rows = series.dims[1];
    picture->frames = static_cast<int>(series.slices.size());
    picture->rgb.assign(picture->frameBytes() * series.slices.size(), 0);
    if (series.hasGeometry) {
        picture->geometry = series.geometry;
    }
    std::map<std::string, std::map<int, int>> byFile;
    for (std::size_t k = 0; k < series.slices.size(); ++k) {
        if (!series.slices[k].missing) {
            byFile[series.slices[k].file][series.slices[k].frame] = static_cast<int>(k);
        }
    }
    int done = 0;
    for (const auto& [file, frames] : byFile) {
        if (progress.cancelled()) {
            throw Cancelled();
        }
        try {
            loadFile(file, frames, *picture);
        } catch (const DicomError&) {
            throw;
        } catch (const std::exception& e) {
            throw DicomError(file, std::string("cannot read the colour image: ") + e.what());
        }
        progress(static_cast<double>(++done) / static_cast<double>(byFile.size()), "loading");
    }
    loaded.picture = std::move(picture);
    return loaded;
}

}  // namespace crosscheck
