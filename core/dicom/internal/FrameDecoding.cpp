#include "core/dicom/internal/FrameDecoding.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#include "core/dicom/DicomError.h"
#include "core/dicom/DicomFile.h"
#include "core/dicom/PixelConverter.h"

namespace crosscheck {

namespace {

void checkSameFormat(const FrameHeader& h, const SliceRef& ref, const SeriesInfo& s) {
    const int rows = ref.mosaicTile >= 0 ? ref.storedRows : s.dims[1];
    const int columns = ref.mosaicTile >= 0 ? ref.storedColumns : s.dims[0];
    if (h.rows != rows || h.columns != columns || h.bitsAllocated != s.bitsAllocated ||
        h.bitsStored != s.bitsStored || h.pixelRepresentation != s.pixelRepresentation) {
        throw DicomError(h.file, "image size or pixel format differs from the scan (" +
                                     std::to_string(h.columns) + "x" + std::to_string(h.rows) +
                                     ", " + std::to_string(h.bitsStored) +
                                     " bits): the file changed since it was scanned");
    }
}

// A file read with pread, after checking it still has the size the scan saw.
class RawFile {
public:
    RawFile() = default;
    RawFile(const RawFile&) = delete;
    RawFile& operator=(const RawFile&) = delete;
    ~RawFile() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    void open(const std::string& path, long long expectedSize) {
        m_path = path;
        m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        struct stat info {};
        if (m_fd < 0 || ::fstat(m_fd, &info) != 0) {
            throw DicomError(path, "cannot open: " + std::string(std::strerror(errno)));
        }
        if (static_cast<long long>(info.st_size) != expectedSize) {
            throw DicomError(path, "the file changed since it was scanned (" +
                                       std::to_string(info.st_size) + " bytes, was " +
                                       std::to_string(expectedSize) + ")");
        }
    }
    void read(std::size_t offset, void* buffer, std::size_t bytes) const {
        auto* out = static_cast<unsigned char*>(buffer);
        std::size_t done = 0;
        while (done < bytes) {
            const ssize_t got =
                ::pread(m_fd, out + done, bytes - done, static_cast<off_t>(offset + done));
            if (got <= 0) {
                throw DicomError(m_path, "truncated pixel data (read " + std::to_string(done) +
                                             " of " + std::to_string(bytes) + " bytes)");
            }
            done += static_cast<std::size_t>(got);
        }
    }

private:
    std::string m_path;
    int m_fd = -1;
};

// Copies tile `ref.mosaicTile` (columns x rows samples) out of a decoded mosaic frame whose
// tiles lie storedColumns / columns to a row, left to right, then top to bottom.
void cutTile(const unsigned char* mosaic, const SliceRef& ref, int columns, int rows,
             std::size_t sampleBytes, unsigned char* out) {
    const int perRow = ref.storedColumns / columns;
    const int tileRow = ref.mosaicTile / perRow;
    const int tileColumn = ref.mosaicTile % perRow;
    const std::size_t lineBytes = static_cast<std::size_t>(columns) * sampleBytes;
    const std::size_t storedLineBytes = static_cast<std::size_t>(ref.storedColumns) * sampleBytes;
    for (int r = 0; r < rows; ++r) {
        const std::size_t from = static_cast<std::size_t>(tileRow * rows + r) * storedLineBytes +
                                 static_cast<std::size_t>(tileColumn) * lineBytes;
        std::memcpy(out + static_cast<std::size_t>(r) * lineBytes, mosaic + from, lineBytes);
    }
}

StoredPixelFormat formatOf(const SeriesInfo& s, const SliceRef& ref) {
    return {s.bitsAllocated,
            s.bitsStored,
            s.highBit,
            s.pixelRepresentation,
            s.photometric == "MONOCHROME1",
            ref.rescaleSlope,
            ref.rescaleIntercept};
}

StoredPixelFormat formatOf(const FrameHeader& h) {
    return {h.bitsAllocated,
            h.bitsStored,
            h.highBit,
            h.pixelRepresentation,
            h.photometric == "MONOCHROME1",
            h.rescaleSlope,
            h.rescaleIntercept};
}

// Decodes one frame of a file DCMTK parsed into `raw`, cutting a mosaic tile out of the
// frame when the slice is one (the whole mosaic is decoded once and kept in `mosaic`).
StoredPixelFormat decodeParsed(const SeriesInfo& series, DicomFile& file, const FrameTarget& t,
                               std::vector<unsigned char>& mosaic, int& mosaicFrame, void* raw,
                               std::size_t frameBytes) {
    const SliceRef& ref = series.slices[static_cast<std::size_t>(t.slice)];
    if (t.frame >= static_cast<int>(file.frames().size())) {
        throw DicomError(file.path(), "frame " + std::to_string(t.frame) + " missing");
    }
    const FrameHeader& h = file.frames()[static_cast<std::size_t>(t.frame)];
    checkSameFormat(h, ref, series);
    if (ref.mosaicTile >= 0) {
        const std::size_t sampleBytes = static_cast<std::size_t>(series.bitsAllocated / 8);
        const std::size_t storedBytes = static_cast<std::size_t>(ref.storedRows) *
                                        static_cast<std::size_t>(ref.storedColumns) * sampleBytes;
        if (mosaicFrame != t.frame) {
            mosaic.resize(storedBytes);
            file.decodeFrame(t.frame, mosaic.data(), storedBytes);
            mosaicFrame = t.frame;
        }
        cutTile(mosaic.data(), ref, series.dims[0], series.dims[1], sampleBytes,
                static_cast<unsigned char*>(raw));
    } else {
        file.decodeFrame(t.frame, raw, frameBytes);
    }
    return formatOf(h);
}

}  // namespace

void decodeFrames(const SeriesInfo& series, const std::string& file,
                  const std::vector<FrameTarget>& targets, unsigned char* base,
                  DecodeCounters& counters, const std::function<bool()>& stop,
                  const std::function<void(int slice)>& sliceDone) {
    if (targets.empty()) {
        return;
    }
    const std::size_t sliceVoxels =
        static_cast<std::size_t>(series.dims[0]) * static_cast<std::size_t>(series.dims[1]);
    const std::size_t outBytes = bytesPerVoxel(series.voxelType);
    const std::size_t frameBytes = sliceVoxels * static_cast<std::size_t>(series.bitsAllocated / 8);
    const bool inPlace = series.bitsAllocated == 16 && outBytes == 2;
    const bool direct = std::all_of(targets.begin(), targets.end(), [&](const FrameTarget& t) {
        return series.slices[static_cast<std::size_t>(t.slice)].pixelDataOffset >= 0;
    });
    std::unique_ptr<DicomFile> parsed;
    RawFile rawFile;
    if (direct) {
        rawFile.open(file, series.slices[static_cast<std::size_t>(targets.front().slice)].fileSize);
    } else {
        parsed = std::make_unique<DicomFile>(file);
        if (parsed->frames().empty()) {
            throw DicomError(file, "no image frames (the file changed since it was scanned)");
        }
    }
    std::vector<unsigned char> scratch;
    std::vector<unsigned char> mosaic;
    int mosaicFrame = -1;
    for (const FrameTarget& t : targets) {
        if (stop()) {
            return;
        }
        const SliceRef& ref = series.slices[static_cast<std::size_t>(t.slice)];
        void* dst = base + static_cast<std::size_t>(t.slice) * sliceVoxels * outBytes;
        void* raw = dst;
        if (!inPlace) {
            scratch.resize(frameBytes);
            raw = scratch.data();
        }
        StoredPixelFormat format = formatOf(series, ref);
        if (direct) {
            rawFile.read(static_cast<std::size_t>(ref.pixelDataOffset) +
                             static_cast<std::size_t>(t.frame) * frameBytes,
                         raw, frameBytes);
        } else {
            format = decodeParsed(series, *parsed, t, mosaic, mosaicFrame, raw, frameBytes);
        }
        // MONOCHROME1 is a display convention; HU keep their values whatever it says.
        format.invert = format.invert && !isHounsfield(series.role) && series.modality != "CT";
        if (format.invert) {
            counters.inverted = true;
        }
        counters.clipped += convertPixels(raw, format, dst, series.voxelType, sliceVoxels);
        sliceDone(t.slice);
    }
}

}  // namespace crosscheck
