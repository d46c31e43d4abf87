#include "core/dicom/SeriesInfo.h"

#include <algorithm>

namespace crosscheck {

void SeriesInfo::warn(const std::string& tag, const std::string& detail) {
    if (!hasWarning(tag)) {
        warnings.push_back(tag);
    }
    warningDetails.push_back(tag + ": " + detail);
}

bool SeriesInfo::hasWarning(const std::string& tag) const {
    return std::find(warnings.begin(), warnings.end(), tag) != warnings.end();
}

}  // namespace crosscheck
