#pragma once

#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/dicom/SeriesInfo.h"
#include "core/util/Progress.h"
#include "core/volume/Volume.h"

namespace crosscheck {

/// Allocates the volume a scanned series is loaded into (the scan's geometry and voxel
/// type) and fills its gap slices with `series.gapFillValue`. With `fillPending`, every
/// other slice gets that value too (air for CT), so that a viewer showing the volume while
/// it loads shows background where nothing is decoded yet, never stale memory.
/// Throws DicomError for a colour series and for a size beyond maxVolumeBytes().
std::shared_ptr<Volume> allocateSeriesVolume(const SeriesInfo& series, bool fillPending = false);

/// Decodes the slices of one or several series into their allocated volumes, on all
/// cores, in the order a viewer needs them.
///
/// Each series has a focus: a slice index along its stack (0 = lowest position, the
/// volume's k). A free worker takes, over every series, the undecoded file nearest its
/// series' focus; so the slice at the cursor of every pane arrives first and the rest
/// fills in outwards. The focus may move while the fill runs (a user scrolling during a
/// load). The order changes nothing in the result: each slice is decoded once, straight
/// into its place, and rescaled there (int16 HU for CT, the stored type for MR unless the
/// rescale needs float32).
///
/// A series that fails (a truncated file, a file changed since the scan) stops alone: its
/// outcome holds the DicomError and the other series go on. A cancel throws Cancelled.
/// setFocus and isDecoded may be called from any thread while run() works.
class SeriesFiller {
public:
    struct Target {
        SeriesInfo series;  ///< a copy: the caller may change its own while the fill runs
        std::shared_ptr<Volume> volume;
    };
    struct Outcome {
        /// What loading found: values clipped to the voxel type, MONOCHROME1 inverted.
        std::vector<std::string> warnings;
        /// Set when the series could not be loaded (a DicomError naming file and reason).
        std::exception_ptr error;
    };
    /// Called from a worker thread once slice `slice` of target `target` holds its values.
    using SliceReady = std::function<void(std::size_t target, int slice)>;

    explicit SeriesFiller(std::vector<Target> targets);
    ~SeriesFiller();
    SeriesFiller(const SeriesFiller&) = delete;
    SeriesFiller& operator=(const SeriesFiller&) = delete;

    std::size_t targetCount() const;
    /// The slice of `target` to decode first from now on (clamped to the stack).
    void setFocus(std::size_t target, int slice);
    /// True once slice `slice` of `target` holds its values (gap slices: from the start).
    bool isDecoded(std::size_t target, int slice) const;
    /// Decodes every slice on `threads` threads (0: one per core); one outcome per
    /// target, in their order. Call once.
    std::vector<Outcome> run(const Progress& progress = {}, const SliceReady& ready = {},
                             int threads = 0);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace crosscheck
