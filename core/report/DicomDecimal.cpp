#include "core/report/DicomDecimal.h"

#include <cstdio>

namespace crosscheck {

std::string dicomDecimalString(double value) {
    char buffer[64];
    for (int precision = 15; precision > 0; --precision) {
        std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
        if (std::string(buffer).size() <= 16) {
            break;
        }
    }
    return buffer;
}

}  // namespace crosscheck
