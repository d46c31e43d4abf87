#include "core/dicom/SeriesFiller.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>

#include "core/dicom/DicomError.h"
#include "core/dicom/SeriesLoader.h"
#include "core/dicom/internal/FrameDecoding.h"
#include "core/util/ParallelFor.h"

namespace crosscheck {

namespace {

// One unit of work: some frames of one file of one target, decoded by one thread in
// increasing order (compressed multi-frame data is cheapest to walk forwards).
struct WorkItem {
    std::size_t target;
    std::string file;
    std::vector<FrameTarget> frames;
    int lowSlice;
    int highSlice;
    bool taken = false;
};

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

template <class T>
void fillSlice(void* data, std::size_t count, double value) {
    std::fill_n(static_cast<T*>(data), count, static_cast<T>(value));
}

void fillWithGapValue(const SeriesInfo& s, void* slice, std::size_t voxels) {
    switch (s.voxelType) {
        case VoxelType::Int16:
            fillSlice<std::int16_t>(slice, voxels, s.gapFillValue);
            break;
        case VoxelType::UInt16:
            fillSlice<std::uint16_t>(slice, voxels, s.gapFillValue);
            break;
        case VoxelType::Float32:
            fillSlice<float>(slice, voxels, s.gapFillValue);
            break;
    }
}

void planTarget(const SeriesInfo& s, std::size_t target, std::vector<WorkItem>& items) {
    std::map<std::string, std::vector<FrameTarget>> byFile;
    for (std::size_t k = 0; k < s.slices.size(); ++k) {
        if (!s.slices[k].missing) {
            byFile[s.slices[k].file].push_back({s.slices[k].frame, static_cast<int>(k)});
        }
    }
    const std::size_t workers = static_cast<std::size_t>(workerCount());
    for (auto& [file, frames] : byFile) {
        std::sort(frames.begin(), frames.end(),
                  [](const FrameTarget& a, const FrameTarget& b) { return a.frame < b.frame; });
        // A big multi-frame file is shared out to every worker, each opening its own copy.
        const std::size_t chunk = std::max<std::size_t>(1, (frames.size() + workers - 1) / workers);
        for (std::size_t begin = 0; begin < frames.size(); begin += chunk) {
            const auto end = std::min(frames.size(), begin + chunk);
            WorkItem item{target, file,
                          std::vector<FrameTarget>(frames.begin() + static_cast<long>(begin),
                                                   frames.begin() + static_cast<long>(end)),
                          INT_MAX, INT_MIN};
            for (const FrameTarget& f : item.frames) {
                item.lowSlice = std::min(item.lowSlice, f.slice);
                item.highSlice = std::max(item.highSlice, f.slice);
            }
            items.push_back(std::move(item));
        }
    }
}

int distanceTo(const WorkItem& item, int focus) {
    return focus < item.lowSlice ? item.lowSlice - focus
                                 : (focus > item.highSlice ? focus - item.highSlice : 0);
}

// The error of a series as loadSeries reports it: a DicomError naming a file or the series.
std::exception_ptr asDicomError(const SeriesInfo& s) {
    try {
        throw;
    } catch (const DicomError&) {
        return std::current_exception();
    } catch (const std::bad_alloc&) {
        return std::make_exception_ptr(
            DicomError("series " + s.seriesInstanceUid, "not enough memory to load it"));
    } catch (const std::exception& e) {
        return std::make_exception_ptr(DicomError("series " + s.seriesInstanceUid, e.what()));
    }
}

}  // namespace

std::shared_ptr<Volume> allocateSeriesVolume(const SeriesInfo& series, bool fillPending) {
    if (series.isColour()) {
        throw DicomError(
            series.files.empty() ? "series " + series.seriesInstanceUid : series.files.front(),
            "colour image (" + series.photometric +
                "): a picture of RGB colours, not a volume of HU or intensities");
    }
    checkSize(series);
    auto volume = std::make_shared<Volume>(series.geometry, series.voxelType);
    auto* base = static_cast<unsigned char*>(volume->data());
    adviseHugePages(base, volume->byteCount());
    const std::size_t sliceVoxels =
        static_cast<std::size_t>(series.dims[0]) * static_cast<std::size_t>(series.dims[1]);
    const std::size_t sliceBytes = sliceVoxels * bytesPerVoxel(series.voxelType);
    // On every core: this fill stands between the scan and the first image on screen.
    parallelFor(static_cast<int>(series.slices.size()), [&](int begin, int end) {
        for (int k = begin; k < end; ++k) {
            if (fillPending || series.slices[static_cast<std::size_t>(k)].missing) {
                fillWithGapValue(series, base + static_cast<std::size_t>(k) * sliceBytes,
                                 sliceVoxels);
            }
        }
    });
    return volume;
}

struct SeriesFiller::Impl {
    std::vector<Target> targets;
    std::vector<WorkItem> items;
    // One flag per slice of each target, set once the slice holds its values.
    std::vector<std::unique_ptr<std::atomic<bool>[]>> decoded;
    std::deque<DecodeCounters> counters;
    std::vector<std::exception_ptr> errors;
    std::vector<int> focus;
    std::mutex mutex;  // guards items[].taken, focus, errors
    std::atomic<bool> stop{false};

    // The undecoded item nearest its target's focus (ties: the earlier target), or null.
    WorkItem* take() {
        std::lock_guard<std::mutex> lock(mutex);
        WorkItem* best = nullptr;
        int bestDistance = INT_MAX;
        for (WorkItem& item : items) {
            if (item.taken || errors[item.target]) {
                continue;
            }
            const int d = distanceTo(item, focus[item.target]);
            if (d < bestDistance) {
                best = &item;
                bestDistance = d;
            }
        }
        if (best) {
            best->taken = true;
        }
        return best;
    }

    void fail(std::size_t target, std::exception_ptr error) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!errors[target]) {
            errors[target] = std::move(error);
        }
    }
};

SeriesFiller::SeriesFiller(std::vector<Target> targets) : m_impl(std::make_unique<Impl>()) {
    Impl& d = *m_impl;
    d.targets = std::move(targets);
    d.counters.resize(d.targets.size());
    d.errors.resize(d.targets.size());
    d.focus.assign(d.targets.size(), 0);
    for (std::size_t t = 0; t < d.targets.size(); ++t) {
        const SeriesInfo& s = d.targets[t].series;
        auto flags = std::make_unique<std::atomic<bool>[]>(s.slices.size());
        for (std::size_t k = 0; k < s.slices.size(); ++k) {
            flags[k] = s.slices[k].missing;
        }
        d.decoded.push_back(std::move(flags));
        planTarget(s, t, d.items);
    }
}

SeriesFiller::~SeriesFiller() = default;

std::size_t SeriesFiller::targetCount() const {
    return m_impl->targets.size();
}

void SeriesFiller::setFocus(std::size_t target, int slice) {
    const int slices = static_cast<int>(m_impl->targets.at(target).series.slices.size());
    std::lock_guard<std::mutex> lock(m_impl->mutex);
    m_impl->focus[target] = std::clamp(slice, 0, std::max(0, slices - 1));
}

bool SeriesFiller::isDecoded(std::size_t target, int slice) const {
    const auto& slices = m_impl->targets.at(target).series.slices;
    return slice >= 0 && slice < static_cast<int>(slices.size()) &&
           m_impl->decoded[target][static_cast<std::size_t>(slice)].load();
}

std::vector<SeriesFiller::Outcome> SeriesFiller::run(const Progress& progress,
                                                     const SliceReady& ready, int threads) {
    Impl& d = *m_impl;
    const int total = static_cast<int>(std::max<std::size_t>(1, [&] {
        std::size_t n = 0;
        for (const WorkItem& item : d.items) {
            n += item.frames.size();
        }
        return n;
    }()));
    std::atomic<int> done{0};
    const auto stop = [&] {
        if (progress.cancelled()) {
            d.stop = true;
        }
        return d.stop.load();
    };
    parallelFor(threads > 0 ? threads : workerCount(), [&](int, int) {
        while (WorkItem* item = d.take()) {
            const Target& target = d.targets[item->target];
            const std::size_t t = item->target;
            try {
                decodeFrames(target.series, item->file, item->frames,
                             static_cast<unsigned char*>(target.volume->data()), d.counters[t],
                             stop, [&](int slice) {
                                 d.decoded[t][static_cast<std::size_t>(slice)] = true;
                                 if (ready) {
                                     ready(t, slice);
                                 }
                                 const int n = ++done;
                                 if (n % 16 == 0 || n == total) {
                                     progress(static_cast<double>(n) / total, "loading");
                                 }
                             });
            } catch (...) {
                d.fail(t, asDicomError(target.series));
            }
            if (stop()) {
                return;
            }
        }
    });
    if (progress.cancelled()) {
        throw Cancelled();
    }
    std::vector<Outcome> outcomes(d.targets.size());
    for (std::size_t t = 0; t < d.targets.size(); ++t) {
        outcomes[t].error = d.errors[t];
        if (const std::size_t clipped = d.counters[t].clipped; clipped > 0) {
            outcomes[t].warnings.push_back(
                "clipped: " + std::to_string(clipped) + " voxels beyond the range of " +
                toString(d.targets[t].series.voxelType) + " were clipped");
        }
        if (d.counters[t].inverted) {
            outcomes[t].warnings.push_back(
                "inverted: MONOCHROME1 values were inverted so that higher means brighter");
        }
    }
    return outcomes;
}

}  // namespace crosscheck
