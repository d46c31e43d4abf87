#include "core/dicom/PictureLoader.h"

// clang-format off
#include <dcmtk/config/osconfig.h>
// clang-format on
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmimage/diregist.h>
#include <dcmtk/dcmimgle/dcmimage.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <vector>

#include "core/dicom/DicomError.h"
#include "core/dicom/DicomFile.h"
#include "core/dicom/RleDecoder.h"
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

// Largest decoded RLE colour file accepted (a 4 GiB value would not fit DICOM anyway).
constexpr std::size_t kMaxDecodedBytes = 0xFFFFFFF0u;

// Replaces RLE pixel data by its decode, native and pixel interleaved, so that DicomImage
// reads it like any native colour image. The project's RleDecoder does the decoding:
// DCMTK's RLE codec is not registered (it read out of bounds on fuzzed input).
void decodeRleInPlace(const std::string& path, DcmDataset& dataset) {
    Uint16 rows = 0, columns = 0, samples = 0, bits = 0;
    dataset.findAndGetUint16(DCM_Rows, rows);
    dataset.findAndGetUint16(DCM_Columns, columns);
    dataset.findAndGetUint16(DCM_SamplesPerPixel, samples);
    dataset.findAndGetUint16(DCM_BitsAllocated, bits);
    Sint32 frames = 1;
    dataset.findAndGetSint32(DCM_NumberOfFrames, frames);
    frames = std::max<Sint32>(frames, 1);
    DcmElement* element = nullptr;
    DcmPixelSequence* sequence = nullptr;
    auto* pixel = dataset.findAndGetElement(DCM_PixelData, element).good()
                      ? dynamic_cast<DcmPixelData*>(element)
                      : nullptr;
    if (pixel == nullptr ||
        pixel->getEncapsulatedRepresentation(dataset.getOriginalXfer(), nullptr, sequence).bad() ||
        sequence == nullptr || sequence->card() < 2) {
        throw DicomError(path, "RLE pixel data has no fragments");
    }
    const unsigned long fragments = sequence->card() - 1;  // item 0 is the offset table
    if (frames > 1 && fragments != static_cast<unsigned long>(frames)) {
        throw DicomError(path, "RLE multi-frame data with " + std::to_string(fragments) +
                                   " fragments for " + std::to_string(frames) +
                                   " frames is not supported");
    }
    const std::size_t bytesPerSample = bits / 8u;
    const std::size_t frameBytes = std::size_t{rows} * columns * samples * bytesPerSample;
    if (frameBytes == 0 || (bits != 8 && bits != 16) ||
        frameBytes > kMaxDecodedBytes / static_cast<std::size_t>(frames)) {
        throw DicomError(path, "RLE colour image of impossible size");
    }
    std::vector<Uint8> native(frameBytes * static_cast<std::size_t>(frames));
    for (Sint32 f = 0; f < frames; ++f) {
        std::vector<std::uint8_t> stream;
        const unsigned long first = frames > 1 ? static_cast<unsigned long>(f) + 1 : 1;
        const unsigned long last = frames > 1 ? first + 1 : fragments + 1;
        for (unsigned long i = first; i < last; ++i) {
            DcmPixelItem* item = nullptr;
            Uint8* data = nullptr;
            if (sequence->getItem(item, i).bad() || item == nullptr ||
                item->getUint8Array(data).bad()) {
                throw DicomError(path, "cannot read RLE fragment " + std::to_string(i));
            }
            if (data != nullptr) {
                stream.insert(stream.end(), data, data + item->getLength());
            }
        }
        const std::string error = decodeRle(
            stream.data(), stream.size(), native.data() + static_cast<std::size_t>(f) * frameBytes,
            rows, columns, static_cast<int>(bytesPerSample), samples);
        if (!error.empty()) {
            throw DicomError(path, "RLE: " + error);
        }
    }
    dataset.putAndInsertUint16(DCM_PlanarConfiguration, 0);
    const OFCondition status =
        bits == 8 ? dataset.putAndInsertUint8Array(DCM_PixelData, native.data(),
                                                   static_cast<unsigned long>(native.size()))
                  : dataset.putAndInsertUint16Array(DCM_PixelData,
                                                    reinterpret_cast<Uint16*>(native.data()),
                                                    static_cast<unsigned long>(native.size() / 2));
    if (status.bad()) {
        throw DicomError(path, std::string("cannot store the decoded RLE data: ") + status.text());
    }
}

// Writes the frames of one file that the picture needs (frame -> slice index).
void loadFile(const std::string& path, const std::map<int, int>& frameToSlice,
              const SeriesInfo& series, RgbPicture& picture) {
    // Native YBR_FULL(_422) is converted here (ybrFullToRgb); JPEG data was converted to RGB
    // by the JPEG decoder already, other models by DCMTK.
    const bool rle = series.transferSyntaxUid == kRleTransferSyntax;
    const bool ownYbr =
        (isNative(series.transferSyntaxUid) || rle) &&
        (series.photometric == "YBR_FULL" || series.photometric == "YBR_FULL_422") &&
        series.bitsAllocated == 8;
    // All frames of the file at once: multi-frame colour files are ultrasound loops and
    // screenshots of a few MiB, and DicomImage decodes compressed frames in order anyway.
    const unsigned long flags = CIF_MayDetachPixelData | (ownYbr ? CIF_KeepYCbCrColorModel : 0ul);
    DcmFileFormat rleFile;
    std::unique_ptr<DicomImage> decoded;
    if (rle) {
        const OFCondition status = rleFile.loadFile(path.c_str());
        if (status.bad()) {
            throw DicomError(path, std::string("not readable as DICOM: ") + status.text());
        }
        decodeRleInPlace(path, *rleFile.getDataset());
        decoded = std::make_unique<DicomImage>(rleFile.getDataset(), EXS_LittleEndianExplicit,
                                               flags, 0, 0);
    } else {
        decoded = std::make_unique<DicomImage>(path.c_str(), flags, 0, 0);
    }
    DicomImage& image = *decoded;
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
