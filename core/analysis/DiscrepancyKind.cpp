#include "core/analysis/DiscrepancyKind.h"

namespace crosscheck {

const char* toString(DiscrepancyKind kind) {
    switch (kind) {
        case DiscrepancyKind::CtDenseSctNot:
            return "ct_dense_sct_not";
        case DiscrepancyKind::SctDenseCtNot:
            return "sct_dense_ct_not";
        case DiscrepancyKind::LargeDifference:
        default:
            return "large_difference";
    }
}

std::optional<DiscrepancyKind> discrepancyKindFromString(const std::string& text) {
    for (DiscrepancyKind kind : {DiscrepancyKind::CtDenseSctNot, DiscrepancyKind::SctDenseCtNot,
                                 DiscrepancyKind::LargeDifference}) {
        if (text == toString(kind)) {
            return kind;
        }
    }
    return std::nullopt;
}

const char* describe(DiscrepancyKind kind) {
    switch (kind) {
        case DiscrepancyKind::CtDenseSctNot:
            return "dense on CT, not on sCT";
        case DiscrepancyKind::SctDenseCtNot:
            return "dense on sCT, not on CT";
        case DiscrepancyKind::LargeDifference:
        default:
            return "large difference";
    }
}

}  // namespace crosscheck
