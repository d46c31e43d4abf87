#include "core/dicom/SeriesLoader.h"

#include <unistd.h>

#include <algorithm>

#include "core/dicom/DicomError.h"
#include "core/dicom/SeriesFiller.h"

namespace crosscheck {

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
    LoadedSeries loaded;
    loaded.info = series;
    loaded.warnings = series.warningDetails;
    try {
        loaded.volume = allocateSeriesVolume(series);
    } catch (const std::bad_alloc&) {
        throw DicomError("series " + series.seriesInstanceUid, "not enough memory to load it");
    }
    SeriesFiller filler({{series, loaded.volume}});
    SeriesFiller::Outcome outcome = std::move(filler.run(progress).front());
    if (outcome.error) {
        std::rethrow_exception(outcome.error);
    }
    loaded.warnings.insert(loaded.warnings.end(), outcome.warnings.begin(), outcome.warnings.end());
    return loaded;
}

}  // namespace crosscheck
