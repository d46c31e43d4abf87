#pragma once

#include <QObject>
#include <memory>

#include "core/analysis/DiscrepancyAnalysis.h"

namespace crosscheck::viewer {

/// The CT-versus-sCT analysis as the panes show it: the difference volume (CT grid,
/// HU), the ranked regions and their label volume, and how the overlay is drawn.
/// Panes observe it; the findings panel edits its display settings.
class DiscrepancyLayer : public QObject {
    Q_OBJECT
public:
    explicit DiscrepancyLayer(QObject* parent = nullptr);

    /// A new analysis; `inputs` are kept to judge MRI visibility again on a threshold change.
    void setResult(std::shared_ptr<const DiscrepancyResult> result,
                   const DiscrepancyInputs& inputs = {},
                   const DiscrepancyThresholds& thresholds = {});
    /// Finds the regions again for new thresholds from the kept difference volume (no
    /// resampling: tens of milliseconds on a full-size CT).
    void setThresholds(const DiscrepancyThresholds& thresholds);
    const DiscrepancyThresholds& thresholds() const { return m_thresholds; }
    void clear();
    const std::shared_ptr<const DiscrepancyResult>& result() const { return m_result; }
    /// uint16 on the CT grid: 0 outside regions, else the region's rank.
    const std::shared_ptr<const Volume>& labels() const { return m_labels; }
    bool hasResult() const { return m_result != nullptr; }

    /// Regions dense on CT but not on sCT: what the sCT misses.
    int missedDenseCount() const;

    double differenceOpacity() const { return m_opacity; }
    void setDifferenceOpacity(double opacity);
    bool showDifference() const { return m_showDifference; }
    void setShowDifference(bool on);

signals:
    void changed();

private:
    std::shared_ptr<const DiscrepancyResult> m_result;
    std::shared_ptr<const Volume> m_labels;
    DiscrepancyInputs m_inputs;
    DiscrepancyThresholds m_thresholds;
    double m_opacity = 0.5;
    bool m_showDifference = true;
};

}  // namespace crosscheck::viewer
