#include "core/pacs/PacsNode.h"

#include <algorithm>
#include <stdexcept>

namespace crosscheck {

std::string PacsNode::address() const {
    return aeTitle + "@" + host + ":" + std::to_string(port);
}

void checkAeTitle(const std::string& title, const std::string& what) {
    if (title.empty() || title.size() > 16) {
        throw std::invalid_argument(what + " '" + title + "' must have 1 to 16 characters");
    }
    const bool bad = std::any_of(title.begin(), title.end(), [](unsigned char c) {
        return c == '\\' || c < 0x20 || c == 0x7f;
    });
    if (bad || title.find_first_not_of(' ') == std::string::npos) {
        throw std::invalid_argument(what + " '" + title +
                                    "' may not contain a backslash or control characters");
    }
}

PacsNode parsePacsNode(const std::string& text) {
    const auto at = text.find('@');
    const auto colon = text.rfind(':');
    if (at == std::string::npos || colon == std::string::npos || colon < at) {
        throw std::invalid_argument("node '" + text + "' is not AET@HOST:PORT");
    }
    PacsNode node;
    node.aeTitle = text.substr(0, at);
    node.host = text.substr(at + 1, colon - at - 1);
    const std::string port = text.substr(colon + 1);
    checkAeTitle(node.aeTitle, "the node's AE title");
    if (node.host.empty()) {
        throw std::invalid_argument("node '" + text + "' names no host");
    }
    if (port.empty() || port.size() > 5 ||
        port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) < 1 ||
        std::stoi(port) > 65535) {
        throw std::invalid_argument("node '" + text + "': port must be a number in 1..65535");
    }
    node.port = std::stoi(port);
    return node;
}

}  // namespace crosscheck
