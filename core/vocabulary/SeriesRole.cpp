#include "core/vocabulary/SeriesRole.h"

#include <algorithm>
#include <cctype>

namespace crosscheck {

const char* toString(SeriesRole role) {
    switch (role) {
        case SeriesRole::CT:
            return "CT";
        case SeriesRole::T1w:
            return "T1w";
        case SeriesRole::T2w:
            return "T2w";
        case SeriesRole::sCT:
            return "sCT";
        case SeriesRole::Other:
            return "other";
    }
    return "other";
}

std::optional<SeriesRole> seriesRoleFromString(const std::string& text) {
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (SeriesRole r :
         {SeriesRole::CT, SeriesRole::T1w, SeriesRole::T2w, SeriesRole::sCT, SeriesRole::Other}) {
        std::string name = toString(r);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (name == lower) {
            return r;
        }
    }
    return std::nullopt;
}

bool isHounsfield(SeriesRole role) {
    return role == SeriesRole::CT || role == SeriesRole::sCT;
}

}  // namespace crosscheck
