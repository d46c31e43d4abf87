// DimseClient's C-STORE (the rest of the class: DimseClient.cpp).
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmnet/diutil.h>

#include <cstdio>
#include <map>
#include <set>

#include "core/pacs/DimseClient.h"
#include "core/pacs/internal/DimseQueries.h"
#include "core/pacs/internal/DimseScu.h"

namespace crosscheck {

namespace {

struct Outgoing {
    std::string file, sopClass, transferSyntax;
};

/// Reads the SOP class and transfer syntax of each file; unreadable files become failures.
std::vector<Outgoing> readHeaders(const std::vector<std::string>& files, StoreResult& result) {
    std::vector<Outgoing> out;
    for (const std::string& path : files) {
        DcmFileFormat ff;
        const OFCondition cond =
            ff.loadFileUntilTag(path.c_str(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength,
                                ERM_autoDetect, DCM_PixelData);
        OFString sopClass, syntax;
        if (cond.bad() || ff.getDataset()->findAndGetOFString(DCM_SOPClassUID, sopClass).bad() ||
            ff.getMetaInfo()->findAndGetOFString(DCM_TransferSyntaxUID, syntax).bad()) {
            result.failed.push_back(
                {path, cond.bad() ? "not a readable DICOM file: " + conditionText(cond)
                                  : std::string("no SOP class or transfer syntax in the header")});
            continue;
        }
        out.push_back({path, sopClass.c_str(), syntax.c_str()});
    }
    return out;
}

std::string statusText(Uint16 status) {
    char code[8];
    std::snprintf(code, sizeof code, "%04X", static_cast<unsigned>(status));
    return std::string("refused with status 0x") + code + " (" + DU_cstoreStatusString(status) +
           ")";
}

bool stored(Uint16 status) {
    return status == STATUS_Success || (status & 0xf000) == 0xb000;
}

}  // namespace

StoreResult DimseClient::store(const std::vector<std::string>& files, const Progress& progress) {
    initDcmtkNetworkOnce();
    StoreResult result;
    const std::vector<Outgoing> outgoing = readHeaders(files, result);
    if (outgoing.empty()) {
        return result;
    }
    std::map<std::string, std::set<std::string>> syntaxesByClass;
    for (const Outgoing& o : outgoing) {
        syntaxesByClass[o.sopClass].insert(o.transferSyntax);
    }
    DimseScu scu(m_node);
    scu.setDatasetConversionMode(OFTrue);  // decompress when the node refuses a syntax
    for (const auto& [sopClass, syntaxes] : syntaxesByClass) {
        OFList<OFString> proposed;
        for (const std::string& ts : syntaxes) {
            proposed.push_back(ts.c_str());
        }
        for (const OFString& ts : networkSyntaxes()) {
            if (syntaxes.count(ts.c_str()) == 0) {
                proposed.push_back(ts);
            }
        }
        scu.addPresentationContext(sopClass.c_str(), proposed);
    }
    scu.connect();
    int done = 0;
    for (const Outgoing& o : outgoing) {
        if (progress.cancelled()) {
            scu.finish();
            throw Cancelled();
        }
        const T_ASC_PresentationContextID id =
            scu.findAnyPresentationContextID(o.sopClass.c_str(), o.transferSyntax.c_str());
        if (id == 0) {
            result.failed.push_back({o.file, "the node does not accept SOP class " + o.sopClass});
            continue;
        }
        Uint16 status = 0;
        const OFCondition cond = scu.sendSTORERequest(id, o.file.c_str(), nullptr, status);
        if (cond.bad()) {
            throw scu.error(cond, "sending " + o.file + " (" + std::to_string(result.sent) +
                                      " of " + std::to_string(files.size()) + " sent)");
        }
        if (stored(status)) {
            ++result.sent;
        } else {
            result.failed.push_back({o.file, statusText(status)});
        }
        progress(double(++done) / outgoing.size(), "sending");
    }
    scu.finish();
    return result;
}

}  // namespace crosscheck
