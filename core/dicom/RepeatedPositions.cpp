#include "core/dicom/RepeatedPositions.h"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

namespace crosscheck {

namespace {

// Positions closer than this along the normal are the same slice position (mm).
constexpr double kSameMm = 0.01;

double along(const FrameHeader& f, const Eigen::Vector3d& normal) {
    return f.position ? f.position->dot(normal) : 0.0;
}

// Frames grouped by position along the normal (neighbours within kSameMm are one position).
std::vector<std::vector<const FrameHeader*>> byPosition(std::vector<const FrameHeader*> frames,
                                                        const Eigen::Vector3d& normal) {
    std::stable_sort(frames.begin(), frames.end(), [&](const FrameHeader* a, const FrameHeader* b) {
        return along(*a, normal) < along(*b, normal);
    });
    std::vector<std::vector<const FrameHeader*>> clusters;
    for (const FrameHeader* f : frames) {
        if (clusters.empty() ||
            along(*f, normal) - along(*clusters.back().back(), normal) >= kSameMm) {
            clusters.emplace_back();
        }
        clusters.back().push_back(f);
    }
    return clusters;
}

bool inTimeOrder(const FrameHeader* a, const FrameHeader* b) {
    return std::make_tuple(a->temporalPosition, a->acquisitionNumber, a->bValue.value_or(0.0),
                           a->instanceNumber, a->file, a->frameIndex) <
           std::make_tuple(b->temporalPosition, b->acquisitionNumber, b->bValue.value_or(0.0),
                           b->instanceNumber, b->file, b->frameIndex);
}

std::string number(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof(buffer), "%g", v);
    return buffer;
}

// What tells volume `frames` apart from the others: a b-value or time point shared by all
// of its frames and not by every volume.
std::string describe(const std::vector<const FrameHeader*>& frames, bool bVaries, bool timeVaries) {
    std::string label;
    const FrameHeader& f = *frames.front();
    const bool oneB = std::all_of(frames.begin(), frames.end(), [&](const FrameHeader* x) {
        return x->bValue.value_or(-1.0) == f.bValue.value_or(-1.0);
    });
    const bool oneTime = std::all_of(frames.begin(), frames.end(), [&](const FrameHeader* x) {
        return x->temporalPosition == f.temporalPosition;
    });
    if (bVaries && oneB && f.bValue) {
        label = "b=" + number(*f.bValue);
    }
    if (timeVaries && oneTime) {
        label += (label.empty() ? "" : ", ") + std::string("time point ") +
                 std::to_string(f.temporalPosition);
    }
    return label;
}

}  // namespace

std::vector<RepeatedVolume> splitRepeatedPositions(const std::vector<const FrameHeader*>& frames,
                                                   std::string& why) {
    why.clear();
    const bool positioned = std::all_of(
        frames.begin(), frames.end(), [](const FrameHeader* f) { return f->position.has_value(); });
    if (frames.empty() || !positioned) {
        return {{"", frames}};
    }
    const FrameHeader& first = *frames.front();
    const Eigen::Vector3d normal =
        first.rowDirection && first.columnDirection
            ? Eigen::Vector3d(first.rowDirection->cross(*first.columnDirection).normalized())
            : Eigen::Vector3d::UnitZ();
    const auto clusters = byPosition(frames, normal);
    if (clusters.size() == frames.size()) {
        return {{"", frames}};
    }

    // Repeated acquisitions, each complete in itself (the rule before multi-volume series).
    std::map<int, std::vector<const FrameHeader*>> byAcquisition;
    for (const FrameHeader* f : frames) {
        byAcquisition[f->acquisitionNumber].push_back(f);
    }
    if (byAcquisition.size() > 1) {
        const bool eachOnce = std::all_of(byAcquisition.begin(), byAcquisition.end(), [&](auto& a) {
            return byPosition(a.second, normal).size() == a.second.size();
        });
        if (eachOnce) {
            std::vector<RepeatedVolume> volumes;
            for (auto& [acquisition, list] : byAcquisition) {
                volumes.push_back({"acquisition " + std::to_string(acquisition), list});
            }
            why = "positions repeat in each AcquisitionNumber";
            return volumes;
        }
    }

    // The same number of frames at every position: that many volumes, in time order.
    const std::size_t count = clusters.front().size();
    const bool even = std::all_of(clusters.begin(), clusters.end(),
                                  [&](const auto& c) { return c.size() == count; });
    bool copies = false;
    for (const auto& c : clusters) {
        std::set<std::tuple<std::string, int, int>> seen;
        for (const FrameHeader* f : c) {
            copies =
                copies || (!f->sopInstanceUid.empty() &&
                           !seen.insert({f->sopInstanceUid, f->frameIndex, f->mosaicTile}).second);
        }
    }
    if (!even || copies || count < 2) {
        return {{"", frames}};
    }
    std::vector<RepeatedVolume> volumes(count);
    for (auto c : clusters) {
        std::sort(c.begin(), c.end(), inTimeOrder);
        for (std::size_t v = 0; v < count; ++v) {
            volumes[v].frames.push_back(c[v]);
        }
    }
    std::set<double> bValues;
    std::set<int> times;
    for (const FrameHeader* f : frames) {
        bValues.insert(f->bValue.value_or(-1.0));
        times.insert(f->temporalPosition);
    }
    for (std::size_t v = 0; v < count; ++v) {
        const std::string what = describe(volumes[v].frames, bValues.size() > 1, times.size() > 1);
        volumes[v].label =
            "volume " + std::to_string(v + 1) + (what.empty() ? "" : " (" + what + ")");
    }
    why = "every position holds " + std::to_string(count) +
          " images (dynamic, diffusion or repeated acquisition)";
    return volumes;
}

}  // namespace crosscheck
