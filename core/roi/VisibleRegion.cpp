#include "core/roi/VisibleRegion.h"

#include <algorithm>
#include <deque>
#include <limits>

namespace crosscheck {

namespace {

/// The erosion gives up after this many steps: a bridge thicker than that is no partial
/// volume contact but one object.
constexpr int kMaxErosionSteps = 4;

/// 26-connected components of the voxels with member[i] true.
std::vector<std::vector<int>> components(const RoiFootprint& fp, const std::vector<bool>& member) {
    std::vector<std::vector<int>> out;
    std::vector<bool> seen(member.size(), false);
    for (int s = 0; s < static_cast<int>(member.size()); ++s) {
        if (!member[static_cast<std::size_t>(s)] || seen[static_cast<std::size_t>(s)]) {
            continue;
        }
        std::vector<int> comp, stack{s};
        seen[static_cast<std::size_t>(s)] = true;
        while (!stack.empty()) {
            const int at = stack.back();
            stack.pop_back();
            comp.push_back(at);
            for (int n : fp.neighbours(at)) {
                if (member[static_cast<std::size_t>(n)] && !seen[static_cast<std::size_t>(n)]) {
                    seen[static_cast<std::size_t>(n)] = true;
                    stack.push_back(n);
                }
            }
        }
        std::sort(comp.begin(), comp.end());
        out.push_back(std::move(comp));
    }
    return out;
}

bool crosses(const RoiFootprint& fp, const std::vector<int>& region) {
    const double limit = kCrossingSpacings * fp.spacingMm();
    return std::any_of(region.begin(), region.end(), [&](int i) {
        return fp.voxels()[static_cast<std::size_t>(i)].outsideMm > limit;
    });
}

bool hasInside(const RoiFootprint& fp, const std::vector<int>& region) {
    return std::any_of(region.begin(), region.end(),
                       [&](int i) { return fp.voxels()[static_cast<std::size_t>(i)].inside(); });
}

/// Splits a crossing region into the territories of its eroded cores; returns the
/// territories of the cores that do not cross the border.
std::vector<std::vector<int>> splitByErosion(const RoiFootprint& fp,
                                             const std::vector<int>& region) {
    const std::size_t n = fp.voxels().size();
    std::vector<bool> member(n, false);
    for (int i : region) {
        member[static_cast<std::size_t>(i)] = true;
    }
    std::vector<bool> eroded = member;
    for (int step = 1; step <= kMaxErosionSteps; ++step) {
        std::vector<bool> next(n, false);
        bool any = false;
        for (int i : region) {
            if (!eroded[static_cast<std::size_t>(i)]) {
                continue;
            }
            // Neighbours outside the footprint do not erode: the band's outer edge is no edge
            // of the structure, and a crossing structure must keep its outer part.
            const auto nb = fp.neighbours(i);
            const bool keep = std::all_of(
                nb.begin(), nb.end(), [&](int j) { return eroded[static_cast<std::size_t>(j)]; });
            next[static_cast<std::size_t>(i)] = keep;
            any = any || keep;
        }
        eroded.swap(next);
        if (!any) {
            return {};
        }
        const auto cores = components(fp, eroded);
        std::vector<int> free;
        bool anyCrossing = false;
        for (std::size_t c = 0; c < cores.size(); ++c) {
            if (crosses(fp, cores[c])) {
                anyCrossing = true;
            } else if (hasInside(fp, cores[c])) {
                free.push_back(static_cast<int>(c));
            }
        }
        if (free.empty()) {
            if (!anyCrossing) {
                return {};  // the crossing part vanished first: nothing to split off
            }
            continue;
        }
        // Grow every core back through the original region, breadth first, so that each
        // voxel goes to the core it is geodesically nearest to. Free cores are queued first,
        // so a tie goes to the object inside the ROI; the bridge is left out just below.
        std::vector<int> owner(n, -1);
        std::deque<int> queue;
        for (int pass = 0; pass < 2; ++pass) {
            for (std::size_t c = 0; c < cores.size(); ++c) {
                const bool isFree =
                    std::find(free.begin(), free.end(), static_cast<int>(c)) != free.end();
                if (isFree != (pass == 0)) {
                    continue;
                }
                for (int i : cores[c]) {
                    owner[static_cast<std::size_t>(i)] = static_cast<int>(c);
                    queue.push_back(i);
                }
            }
        }
        while (!queue.empty()) {
            const int at = queue.front();
            queue.pop_front();
            for (int j : fp.neighbours(at)) {
                if (member[static_cast<std::size_t>(j)] && owner[static_cast<std::size_t>(j)] < 0) {
                    owner[static_cast<std::size_t>(j)] = owner[static_cast<std::size_t>(at)];
                    queue.push_back(j);
                }
            }
        }
        // A voxel touching another core's territory is the partial-volume bridge itself: it
        // belongs to neither object (measuring it would carry the end into the bone).
        auto touchesOther = [&](int i) {
            const auto nb = fp.neighbours(i);
            return std::any_of(nb.begin(), nb.end(), [&](int j) {
                const int o = owner[static_cast<std::size_t>(j)];
                return o >= 0 && o != owner[static_cast<std::size_t>(i)];
            });
        };
        std::vector<std::vector<int>> out;
        for (int c : free) {
            std::vector<int> territory;
            for (int i : region) {
                if (owner[static_cast<std::size_t>(i)] == c && !touchesOther(i)) {
                    territory.push_back(i);
                }
            }
            if (!territory.empty() && !crosses(fp, territory)) {
                out.push_back(std::move(territory));
            }
        }
        return out;
    }
    return {};
}

double distanceToCenter(const RoiFootprint& fp, const std::vector<int>& region) {
    double best = std::numeric_limits<double>::infinity();
    for (int i : region) {
        const FootprintVoxel& v = fp.voxels()[static_cast<std::size_t>(i)];
        if (!v.inside()) {
            continue;
        }
        Eigen::Vector3d d = v.voxel.positionMm - fp.centerMm();
        if (fp.planar()) {
            const Eigen::Vector3d nrm = fp.plane().normal();
            d -= d.dot(nrm) * nrm;
        }
        best = std::min(best, d.norm());
    }
    return best;
}

}  // namespace

VisibleRegion findVisibleRegion(const RoiFootprint& fp, double threshold) {
    const auto& voxels = fp.voxels();
    std::vector<bool> above(voxels.size(), false);
    for (std::size_t i = 0; i < voxels.size(); ++i) {
        above[i] = voxels[i].voxel.value >= threshold;
    }
    std::vector<std::vector<int>> candidates;
    std::vector<bool> fromSplit;
    bool anyInside = false;
    for (auto& region : components(fp, above)) {
        if (!hasInside(fp, region)) {
            continue;
        }
        anyInside = true;
        if (!crosses(fp, region)) {
            candidates.push_back(std::move(region));
            fromSplit.push_back(false);
            continue;
        }
        for (auto& piece : splitByErosion(fp, region)) {
            candidates.push_back(std::move(piece));
            fromSplit.push_back(true);
        }
    }
    VisibleRegion out;
    out.foreign = above;
    // "Containing the centre": within half a voxel diagonal of it, so that a centre between
    // voxel centres still counts as inside the region.
    const double containing = 0.75 * fp.spacingMm();
    int best = -1;
    double bestKey = 0.0;
    for (std::size_t c = 0; c < candidates.size(); ++c) {
        const double d = std::max(containing, distanceToCenter(fp, candidates[c]));
        // Away from the centre only what lies wholly inside the ROI is what it was drawn
        // around; a region reaching the outline there is something the ROI cuts (the
        // cortex of a vertebra running along the outline, whose inside is below threshold).
        if (d > containing && !std::all_of(candidates[c].begin(), candidates[c].end(), [&](int i) {
                return voxels[static_cast<std::size_t>(i)].inside();
            })) {
            continue;
        }
        const double key = d - 1e-9 * static_cast<double>(candidates[c].size());
        if (best < 0 || key < bestKey) {
            best = static_cast<int>(c);
            bestKey = key;
        }
    }
    if (best < 0) {
        out.onlyCrossing = anyInside;
        return out;
    }
    out.voxels = candidates[static_cast<std::size_t>(best)];
    out.split = fromSplit[static_cast<std::size_t>(best)];
    for (int i : out.voxels) {
        out.foreign[static_cast<std::size_t>(i)] = false;
    }
    return out;
}

}  // namespace crosscheck
