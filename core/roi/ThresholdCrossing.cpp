#include "core/roi/ThresholdCrossing.h"

#include <algorithm>

namespace crosscheck {

double thresholdCrossingMm(const std::function<std::optional<double>(double)>& profile,
                           double threshold, double reachMm, double stepMm, double limitMm) {
    const auto f0 = profile(0.0);
    if (!f0) {
        return 0.0;
    }
    if (*f0 >= threshold) {
        double prev = *f0;
        for (double t = stepMm; t <= reachMm + 1e-9; t += stepMm) {
            const auto ft = profile(t);
            if (!ft) {
                return std::min(limitMm, t - 0.5 * stepMm);
            }
            if (*ft < threshold) {
                return std::min(limitMm, t - stepMm + stepMm * (prev - threshold) / (prev - *ft));
            }
            prev = *ft;
        }
        return std::min(limitMm, reachMm);
    }
    double next = *f0;
    for (double t = -stepMm; t >= -reachMm - 1e-9; t -= stepMm) {
        const auto ft = profile(t);
        if (!ft) {
            return 0.0;
        }
        if (*ft >= threshold) {
            return t + stepMm * (*ft - threshold) / (*ft - next);
        }
        next = *ft;
    }
    return 0.0;
}

}  // namespace crosscheck
