#pragma once

#include <map>
#include <string>

namespace crosscheck {

/// Replaces DICOM UIDs consistently within one export: the same input UID always gives the
/// same new UID, different inputs give different ones, and the new UIDs (2.25.<random
/// 128-bit decimal>, PS3.5 B.2) carry no trace of the old. An empty UID stays empty.
class UidRemapper {
public:
    std::string map(const std::string& uid);
    std::size_t size() const { return m_map.size(); }

private:
    std::map<std::string, std::string> m_map;
};

}  // namespace crosscheck
