#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "core/dicom/DicomScanner.h"
#include "core/vocabulary/SeriesRole.h"

namespace crosscheck {

/// Picks the one series a command means by SERIES (docs/cli.md): the only series
/// found, the one whose SeriesInstanceUID is `uid`, or the only one with `role`; of a
/// series of several volumes, volume `volume` (0-based; the first when not given). Throws
/// DicomError naming the path and why nothing (or more than one thing) matches.
const SeriesInfo& selectSeries(const ScanResult& scan, const std::string& path,
                               const std::string& uid = {},
                               std::optional<SeriesRole> role = std::nullopt,
                               std::optional<int> volume = std::nullopt);

/// Volume `volume` (0-based) of the series `uid` in a scan, or nullptr: how a viewer loads
/// another volume of the series it shows (SeriesInfo::volumeCount() says how many).
const SeriesInfo* findVolume(const ScanResult& scan, const std::string& uid, int volume);

}  // namespace crosscheck
