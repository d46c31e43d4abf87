#include "viewer/analysis/DiscrepancyBanner.h"

#include <QCoreApplication>
#include <QStringList>

#include "core/analysis/MissedRegions.h"

namespace crosscheck::viewer {

namespace {

QString tr(const char* text, int n = -1) {
    return QCoreApplication::translate("DiscrepancyBanner", text, nullptr, n);
}

QString sizeAndValues(const DiscrepancyRegion& r) {
    return tr(" - largest %1 x %2 mm, CT %3 HU vs sCT %4 HU")
        .arg(r.extentMm[0], 0, 'f', 0)
        .arg(r.extentMm[1], 0, 'f', 0)
        .arg(r.objectCtHu(), 0, 'f', 0)
        .arg(r.objectSctHu(), 0, 'f', 0);
}

QString changedThresholds(const DiscrepancyThresholds& used) {
    const DiscrepancyThresholds defaults;
    QStringList changed;
    const auto note = [&](const char* what, double value, double standard, const char* unit) {
        if (value != standard) {
            changed << tr("%1 %2 %3 (default %4)")
                           .arg(QString::fromLatin1(what))
                           .arg(value)
                           .arg(QString::fromLatin1(unit))
                           .arg(standard);
        }
    };
    note("dense from", used.denseHu, defaults.denseHu, "HU");
    note("not dense below", used.notDenseHu, defaults.notDenseHu, "HU");
    note("large difference from", used.largeDifferenceHu, defaults.largeDifferenceHu, "HU");
    note("smallest region", used.minVolumeMm3, defaults.minVolumeMm3, "mm\u00b3");
    return changed.isEmpty() ? QString() : tr(" [thresholds: %1]").arg(changed.join(", "));
}

}  // namespace

DiscrepancyBanner discrepancyBanner(const std::vector<DiscrepancyRegion>& regions,
                                    const DiscrepancyThresholds& used) {
    DiscrepancyBanner banner;
    if (const DiscrepancyRegion* largest = largestMissed(regions)) {
        banner.severity = DiscrepancyBanner::Severity::Misses;
        banner.text = tr("sCT MISSES %n dense region(s) seen on CT", countMissed(regions)) +
                      sizeAndValues(*largest);
    } else if (const DiscrepancyRegion* largest = largestRegion(regions)) {
        banner.severity = DiscrepancyBanner::Severity::Disagrees;
        banner.text =
            tr("sCT DISAGREES with CT in %n region(s)", static_cast<int>(regions.size())) +
            sizeAndValues(*largest);
    } else {
        return banner;
    }
    banner.text += changedThresholds(used);
    return banner;
}

}  // namespace crosscheck::viewer
