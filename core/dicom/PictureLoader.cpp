#include "core/dicom/PictureLoader.h"

// clang-format off
#include <dcmtk/config/osconfig.h>
// clang-format on
#include <dcmtk/dcmimage/diregist.h>
#include <dcmtk/dcmimgle/dcmimage.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>

#include "core/dicom/DicomError.h"
#include "core/dicom/internal/DcmtkInit.h"

namespace crosscheck {

namespace {

bool isNative(const std::string& transferSyntaxUid) {
    return transferSyntaxUid == "1.2.840.10008.1.2" || transferSyntaxUid == "1.2.840.10008.1.2.1" ||
           transferSyntaxUid == "1.2.840.10008.1.2.2" ||
           transferSyntaxUid == "1.2.840.10008.1.2.1.99";
}

std::uint8_t toByte(double v) {
    return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0, 255.0)));
}

// The YBR_FULL to RGB conversion of PS3.3 C.7.6.3.1.2, rounded to the nearest value, in
// place. DCMTK's own (DiYBRPixelTemplate) offsets the chroma by 127.5 and truncates, which
// is up to 2 levels off the standard; DCMTK still unpacks the samples (planar
// configuration, 4:2:2 subsampling).
void ybrFullToRgb(std::uint8_t* pixels, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i, pixels += 3) {
        const double y = pixels[0], cb = pixels[1] - 128.0, cr = pixels[2] - 128.0;
        pixels[0] = toByte(y + 1.402 * cr);
        pixels[1] = toByte(y - 0.344136 * cb - 0.714136 * cr);
        pixels[2] = toByte(y + 1.772 * cb);
    }
}

// Writes the frames of one file that the picture needs (frame -> slice index).
void loadFile(const std::string& path, const std::map<int, int>& frameToSlice,
              const SeriesInfo& series, RgbPicture& picture) {
    // Native YBR_FULL(_422) is converted here (ybrFullToRgb); JPEG data was converted to RGB
    // by the JPEG decoder already, other models by DCMTK.
    const bool ownYbr =
        isNative(series.transferSyntaxUid) &&
        (series.photometric == "YBR_FULL" || series.photometric == "YBR_FULL_422") &&
        series.bitsAllocated == 8;
    // All frames of the file at once: multi-frame colour files are ultrasound loops and
    // screenshots of a few MiB, and DicomImage decodes compressed frames in order anyway.
    DicomImage image(path.c_str(), CIF_MayDetachPixelData | (ownYbr ? CIF_KeepYCbCrColorModel : 0),
                     0, 0);
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
        std::uint8_t* out =
            picture.rgb.data() + static_cast<std::size_t>(slice) * picture.frameBytes();
        std::memcpy(out, rgb, bytes);
        if (ownYbr) {
            ybrFullToRgb(out, bytes / 3);
        }
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
            loadFile(file, frames, series, *picture);
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
