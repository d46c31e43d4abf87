#include "core/util/AsciiLower.h"

#include <algorithm>
#include <cctype>

namespace crosscheck {

std::string asciiLower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

}  // namespace crosscheck
