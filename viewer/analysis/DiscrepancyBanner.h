#pragma once

#include <QString>
#include <vector>

#include "core/analysis/DiscrepancyRegion.h"
#include "core/analysis/DiscrepancyThresholds.h"

namespace crosscheck::viewer {

/// What the sCT pane's banner says about a CT-versus-sCT comparison.
struct DiscrepancyBanner {
    enum class Severity { None, Disagrees, Misses };
    Severity severity = Severity::None;
    QString text;
};

/// The banner for these regions, compared with `used` thresholds:
/// - Misses (red): "sCT MISSES n dense region(s) seen on CT - largest ..." for the regions
///   dense on CT and not on sCT (the calcified tumour);
/// - Disagrees (amber): when none is missed but others are flagged, "sCT DISAGREES with CT
///   in n region(s) - largest ..."; a region stays on screen when a raised "dense"
///   threshold turns a miss into a large difference;
/// - both name thresholds that differ from the defaults ("dense from 700 HU (default
///   200)"), so a changed setting is never silent.
DiscrepancyBanner discrepancyBanner(const std::vector<DiscrepancyRegion>& regions,
                                    const DiscrepancyThresholds& used);

}  // namespace crosscheck::viewer
