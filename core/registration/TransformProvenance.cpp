#include "core/registration/TransformProvenance.h"

#include <cstdio>

namespace crosscheck {

const char* toString(TransformBasis basis) {
    switch (basis) {
        case TransformBasis::SameFrame:
            return "same-frame";
        case TransformBasis::Landmarks:
            return "landmarks";
        case TransformBasis::AutomaticMi:
            return "rigid-mi";
        case TransformBasis::File:
            return "file";
        case TransformBasis::Manual:
            return "manual";
    }
    return "manual";
}

std::string TransformProvenance::label() const {
    std::string text;
    switch (basis) {
        case TransformBasis::SameFrame:
            text = "same frame";
            break;
        case TransformBasis::Landmarks:
            if (rmsMm >= 0.0) {
                char buffer[64];
                std::snprintf(buffer, sizeof buffer, "landmarks: RMS %.1f mm", rmsMm);
                text = buffer;
            } else {
                text = "landmarks";
            }
            break;
        case TransformBasis::AutomaticMi:
            if (regionCentreMm) {
                char buffer[128];
                std::snprintf(buffer, sizeof buffer,
                              "registered locally at (%.1f, %.1f, %.1f), radius %.0f mm",
                              regionCentreMm->x(), regionCentreMm->y(), regionCentreMm->z(),
                              regionRadiusMm);
                text = buffer;
            } else {
                text = "registered: automatic MI";
            }
            break;
        case TransformBasis::File:
            text = "transform file";
            break;
        case TransformBasis::Manual:
            text = "manual";
            break;
    }
    if (adjustedByHand && basis != TransformBasis::Manual) {
        text += " + hand-adjusted";
    }
    return text;
}

}  // namespace crosscheck
