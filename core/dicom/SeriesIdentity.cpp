#include "core/dicom/SeriesIdentity.h"

#include <cstdint>
#include <map>
#include <set>
#include <tuple>

namespace crosscheck {

namespace {

std::string trimmed(const std::string& s) {
    const auto begin = s.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) {
        return {};
    }
    return s.substr(begin, s.find_last_not_of(" \t\r\n") - begin + 1);
}

// A UID under the 2.25 root made from a 64-bit FNV-1a hash of the key.
std::string madeUid(const std::string& key) {
    std::uint64_t hash = 1469598103934665603ull;
    for (unsigned char c : key) {
        hash = (hash ^ c) * 1099511628211ull;
    }
    return "2.25." + std::to_string(hash);
}

struct Identity {
    std::string study;
    int seriesNumber = 0;
    std::string modality;
    bool operator<(const Identity& o) const {
        return std::tie(study, seriesNumber, modality) <
               std::tie(o.study, o.seriesNumber, o.modality);
    }
};

std::string describe(const Identity& id) {
    return "study " + (id.study.empty() ? std::string("(none)") : id.study) + ", series number " +
           std::to_string(id.seriesNumber) + ", " +
           (id.modality.empty() ? std::string("no modality") : id.modality);
}

}  // namespace

std::vector<SeriesGroup> groupSeries(const std::vector<FrameHeader>& frames) {
    // UID -> identity -> frames; frames without a UID share the empty UID.
    std::map<std::string, std::map<Identity, std::vector<const FrameHeader*>>> byUid;
    for (const FrameHeader& f : frames) {
        const Identity id{f.studyInstanceUid, f.seriesNumber, f.modality};
        byUid[trimmed(f.seriesInstanceUid)][id].push_back(&f);
    }
    std::vector<SeriesGroup> groups;
    for (auto& [uid, identities] : byUid) {
        for (auto& [id, members] : identities) {
            SeriesGroup g;
            g.frames = std::move(members);
            if (uid.empty()) {
                g.uid = madeUid("no uid|" + id.study + "|" + std::to_string(id.seriesNumber) + "|" +
                                id.modality);
                g.identityTag = "no series uid";
                g.identityDetail = "SeriesInstanceUID missing or empty in " +
                                   std::to_string(g.frames.size()) + " image(s): grouped by " +
                                   describe(id) + " as dcm2niix does, and named " + g.uid;
            } else if (identities.size() > 1) {
                g.uid = madeUid("shared uid|" + uid + "|" + id.study + "|" +
                                std::to_string(id.seriesNumber) + "|" + id.modality);
                g.identityTag = "shared series uid";
                g.identityDetail = "SeriesInstanceUID " + uid + " is shared by " +
                                   std::to_string(identities.size()) +
                                   " series (different study, series number or modality): this "
                                   "one is " +
                                   describe(id) + ", named " + g.uid;
            } else {
                g.uid = uid;
            }
            groups.push_back(std::move(g));
        }
    }
    return groups;
}

}  // namespace crosscheck
