#pragma once

#include <vector>

#include "core/analysis/DiscrepancyRegion.h"

namespace crosscheck {

/// How many regions the sCT misses: dense on the CT, not on the sCT (the calcified tumour
/// the mission is about). Every warning about a miss counts with this.
int countMissed(const std::vector<DiscrepancyRegion>& regions);

/// The largest missed region by volume (what a warning names first), or null when the sCT
/// misses none. Not simply the first: the list is ranked, and a large difference of another
/// kind may rank above a miss.
const DiscrepancyRegion* largestMissed(const std::vector<DiscrepancyRegion>& regions);

/// The largest region of any kind by volume, or null when there is none.
const DiscrepancyRegion* largestRegion(const std::vector<DiscrepancyRegion>& regions);

}  // namespace crosscheck
