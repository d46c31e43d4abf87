#include "core/dicom/SeriesLoader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <atomic>
#include <map>

#include "core/dicom/DicomError.h"
#include "core/dicom/DicomFile.h"
#include "core/dicom/PixelConverter.h"
#include "core/util/ParallelFor.h"

namespace crosscheck {

namespace {

struct FrameTarget {
    int frame;
    int slice;
};

// One unit of work: some frames of one file, decoded by one thread in increasing order
// (compressed multi-frame data is cheapest to walk forwards).
struct WorkItem {
    std::string file;
    std::vector<FrameTarget> targets;
};

std::vector<WorkItem> planWork(const SeriesInfo& s) {
    std::map<std::string, std::vector<FrameTarget>> byFile;
    for (std::size_t k = 0; k < s.slices.size(); ++k) {
        if (!s.slices[k].missing) {
            byFile[s.slices[k].file].push_back({s.slices[k].frame, static_cast<int>(k)});
        }
    }
    std::vector<WorkItem> items;
    const std::size_t workers = static_cast<std::size_t>(workerCount());
    for (auto& [file, targets] : byFile) {
        std::sort(targets.begin(), targets.end(),
                  [](const FrameTarget& a, const FrameTarget& b) { return a.frame < b.frame; });
        // A big multi-frame file is shared out to every worker, each opening its own copy.
        const std::size_t chunk =
            std::max<std::size_t>(1, (targets.size() + workers - 1) / workers);
        for (std::size_t begin = 0; begin < targets.size(); begin += chunk) {
            const auto end = std::min(targets.size(), begin + chunk);
            items.push_back(
                {file, std::vector<FrameTarget>(targets.begin() + static_cast<long>(begin),
                                                targets.begin() + static_cast<long>(end))});
        }
    }
    return items;
}

void checkSize(const SeriesInfo& s) {
    const auto& d = s.dims;
    if (d[0] <= 0 || d[1] <= 0 || d[2] <= 0 || static_cast<std::size_t>(d[2]) != s.slices.size()) {
        throw DicomError("series " + s.seriesInstanceUid, "no image size or slices");
    }
    const double bytes =
        static_cast<double>(d[0]) * d[1] * d[2] * static_cast<double>(bytesPerVoxel(s.voxelType));
    if (bytes > static_cast<double>(maxVolumeBytes())) {
        throw DicomError("series " + s.seriesInstanceUid,
                         "volume of " + std::to_string(d[0]) + " x " + std::to_string(d[1]) +
                             " x " + std::to_string(d[2]) + " voxels (" +
                             std::to_string(static_cast<long long>(bytes / 1048576)) +
                             " MiB) exceeds the limit of " +
                             std::to_string(maxVolumeBytes() / 1048576) + " MiB");
    }
}

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

// Asks for transparent huge pages on the volume buffer: the first touch of a 150 MiB
// volume then costs a few hundred page faults instead of tens of thousands.
void adviseHugePages(void* data, std::size_t bytes) {
    const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGE_SIZE));
    const auto begin = (reinterpret_cast<std::uintptr_t>(data) + page - 1) / page * page;
    const auto end = reinterpret_cast<std::uintptr_t>(data) + bytes;
    if (end > begin + page) {
        ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
    }
}

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

template <class T>
void fillSlice(void* data, std::size_t count, double value) {
    std::fill_n(static_cast<T*>(data), count, static_cast<T>(value));
}

LoadedSeries loadChecked(const SeriesInfo& series, const Progress& progress);

}  // namespace

std::size_t maxVolumeBytes() {
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGE_SIZE);
    const double physical = pages > 0 && pageSize > 0
                                ? static_cast<double>(pages) * static_cast<double>(pageSize)
                                : 0.0;
    const double cap = 32.0 * 1024 * 1024 * 1024;
    return static_cast<std::size_t>(physical > 0 ? std::min(cap, 0.8 * physical) : cap);
}

LoadedSeries loadSeries(const SeriesInfo& series, const Progress& progress) {
    try {
        return loadChecked(series, progress);
    } catch (const DicomError&) {
        throw;
    } catch (const Cancelled&) {
        throw;
    } catch (const std::bad_alloc&) {
        throw DicomError("series " + series.seriesInstanceUid, "not enough memory to load it");
    } catch (const std::exception& e) {
        throw DicomError("series " + series.seriesInstanceUid, e.what());
    }
}

namespace {

LoadedSeries loadChecked(const SeriesInfo& series, const Progress& progress) {
    if (series.isColour()) {
        throw DicomError(
            series.files.empty() ? "series " + series.seriesInstanceUid : series.files.front(),
            "colour image (" + series.photometric +
                "): a picture of RGB colours, not a volume of HU or intensities");
    }
    checkSize(series);
    LoadedSeries loaded;
    loaded.info = series;
    loaded.warnings = series.warningDetails;
    auto volume = std::make_shared<Volume>(series.geometry, series.voxelType);
    const std::size_t sliceVoxels =
        static_cast<std::size_t>(series.dims[0]) * static_cast<std::size_t>(series.dims[1]);
    const std::size_t outBytes = bytesPerVoxel(series.voxelType);
    auto* base = static_cast<unsigned char*>(volume->data());
    adviseHugePages(base, volume->byteCount());
    const bool inPlace = series.bitsAllocated == 16 && outBytes == 2;

    for (std::size_t k = 0; k < series.slices.size(); ++k) {
        if (series.slices[k].missing) {
            void* dst = base + k * sliceVoxels * outBytes;
            switch (series.voxelType) {
                case VoxelType::Int16:
                    fillSlice<std::int16_t>(dst, sliceVoxels, series.gapFillValue);
                    break;
                case VoxelType::UInt16:
                    fillSlice<std::uint16_t>(dst, sliceVoxels, series.gapFillValue);
                    break;
                case VoxelType::Float32:
                    fillSlice<float>(dst, sliceVoxels, series.gapFillValue);
                    break;
            }
        }
    }

    const std::vector<WorkItem> items = planWork(series);
    const int total = static_cast<int>(series.slices.size());
    std::atomic<int> done{0};
    std::atomic<std::size_t> clipped{0};
    std::atomic<bool> inverted{false};
    parallelFor(static_cast<int>(items.size()), [&](int begin, int end) {
        std::vector<unsigned char> scratch;
        for (int w = begin; w < end; ++w) {
            const WorkItem& item = items[static_cast<std::size_t>(w)];
            // Native little-endian files located by the scan are read without DCMTK.
            const bool direct =
                std::all_of(item.targets.begin(), item.targets.end(), [&](const FrameTarget& t) {
                    return series.slices[static_cast<std::size_t>(t.slice)].pixelDataOffset >= 0;
                });
            std::unique_ptr<DicomFile> file;
            RawFile rawFile;
            std::vector<unsigned char> mosaic;
            int mosaicFrame = -1;
            if (direct) {
                rawFile.open(
                    item.file,
                    series.slices[static_cast<std::size_t>(item.targets.front().slice)].fileSize);
            } else {
                file = std::make_unique<DicomFile>(item.file);
                if (file->frames().empty()) {
                    throw DicomError(item.file,
                                     "no image frames (the file changed since it was scanned)");
                }
            }
            for (const FrameTarget& t : item.targets) {
                if (progress.cancelled()) {
                    throw Cancelled();
                }
                const SliceRef& ref = series.slices[static_cast<std::size_t>(t.slice)];
                void* dst = base + static_cast<std::size_t>(t.slice) * sliceVoxels * outBytes;
                const std::size_t frameBytes =
                    sliceVoxels * static_cast<std::size_t>(series.bitsAllocated / 8);
                void* raw = dst;
                if (!inPlace) {
                    scratch.resize(frameBytes);
                    raw = scratch.data();
                }
                StoredPixelFormat format{series.bitsAllocated,
                                         series.bitsStored,
                                         series.highBit,
                                         series.pixelRepresentation,
                                         series.photometric == "MONOCHROME1",
                                         ref.rescaleSlope,
                                         ref.rescaleIntercept};
                if (direct) {
                    rawFile.read(static_cast<std::size_t>(ref.pixelDataOffset) +
                                     static_cast<std::size_t>(t.frame) * frameBytes,
                                 raw, frameBytes);
                } else {
                    if (t.frame >= static_cast<int>(file->frames().size())) {
                        throw DicomError(item.file,
                                         "frame " + std::to_string(t.frame) + " missing");
                    }
                    const FrameHeader& h = file->frames()[static_cast<std::size_t>(t.frame)];
                    checkSameFormat(h, ref, series);
                    if (ref.mosaicTile >= 0) {
                        // A mosaic frame holds every slice: decoded once, its tiles cut out.
                        const std::size_t sampleBytes =
                            static_cast<std::size_t>(series.bitsAllocated / 8);
                        const std::size_t storedBytes =
                            static_cast<std::size_t>(ref.storedRows) *
                            static_cast<std::size_t>(ref.storedColumns) * sampleBytes;
                        if (mosaicFrame != t.frame) {
                            mosaic.resize(storedBytes);
                            file->decodeFrame(t.frame, mosaic.data(), storedBytes);
                            mosaicFrame = t.frame;
                        }
                        cutTile(mosaic.data(), ref, series.dims[0], series.dims[1], sampleBytes,
                                static_cast<unsigned char*>(raw));
                    } else {
                        file->decodeFrame(t.frame, raw, frameBytes);
                    }
                    format = StoredPixelFormat{h.bitsAllocated,
                                               h.bitsStored,
                                               h.highBit,
                                               h.pixelRepresentation,
                                               h.photometric == "MONOCHROME1",
                                               h.rescaleSlope,
                                               h.rescaleIntercept};
                }
                // MONOCHROME1 is a display convention; HU keep their values whatever it says.
                format.invert =
                    format.invert && !isHounsfield(series.role) && series.modality != "CT";
                inverted = inverted || format.invert;
                clipped += convertPixels(raw, format, dst, series.voxelType, sliceVoxels);
                const int n = ++done;
                if (n % 16 == 0 || n == total) {
                    progress(static_cast<double>(n) / total, "loading");
                }
            }
        }
    });
    if (clipped > 0) {
        loaded.warnings.push_back("clipped: " + std::to_string(clipped.load()) +
                                  " voxels beyond the range of " + toString(series.voxelType) +
                                  " were clipped");
    }
    if (inverted) {
        loaded.warnings.push_back(
            "inverted: MONOCHROME1 values were inverted so that higher means brighter");
    }
    loaded.volume = std::move(volume);
    return loaded;
}

}  // namespace

}  // namespace crosscheck
