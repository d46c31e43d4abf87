#include "core/pacs/StorageScp.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/scp.h>
#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "core/pacs/PacsError.h"
#include "core/pacs/RetrievedFiles.h"
#include "core/pacs/internal/DimseScu.h"

namespace crosscheck {

namespace {

const char* const kAcceptedSyntaxes[] = {UID_LittleEndianExplicitTransferSyntax,
                                         UID_LittleEndianImplicitTransferSyntax,
                                         UID_DeflatedExplicitVRLittleEndianTransferSyntax,
                                         UID_JPEGProcess14SV1TransferSyntax,
                                         UID_JPEGLSLosslessTransferSyntax,
                                         UID_JPEG2000LosslessOnlyTransferSyntax,
                                         UID_RLELosslessTransferSyntax,
                                         UID_JPEGProcess1TransferSyntax,
                                         UID_JPEGLSLossyTransferSyntax,
                                         UID_JPEG2000TransferSyntax};

/// Every numeric address `host` resolves to ("127.0.0.1", "::1", ...).
std::set<std::string> addressesOf(const std::string& host) {
    std::set<std::string> out;
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* list = nullptr;
    if (getaddrinfo(host.c_str(), nullptr, &hints, &list) == 0) {
        for (addrinfo* a = list; a != nullptr; a = a->ai_next) {
            char text[NI_MAXHOST];
            if (getnameinfo(a->ai_addr, a->ai_addrlen, text, sizeof text, nullptr, 0,
                            NI_NUMERICHOST) == 0) {
                out.insert(text);
            }
        }
        freeaddrinfo(list);
    }
    return out;
}

class Scp : public DcmSCP {
public:
    Scp(std::string aeTitle, const PacsNode& node, RetrievedFiles& files, const Progress& progress)
        : m_aeTitle(std::move(aeTitle)),
          m_node(node),
          m_files(files),
          m_progress(progress),
          m_allowedHosts(addressesOf(node.host)) {}

    std::atomic<bool> stop{false};
    std::atomic<bool> busy{false};
    std::atomic<int> expected{-1};
    mutable std::mutex mutex;
    std::vector<std::string> refusals;
    std::string receiveError;

protected:
    OFBool checkCalledAETitleAccepted(const OFString& called) override {
        return accept(
            called == m_aeTitle.c_str(),
            "called AE title '" + std::string(called.c_str()) + "' is not '" + m_aeTitle + "'");
    }
    OFBool checkCallingAETitleAccepted(const OFString& calling) override {
        m_calling = calling.c_str();
        return accept(
            calling == m_node.aeTitle.c_str(),
            "calling AE title '" + m_calling + "' is not the node's '" + m_node.aeTitle + "'");
    }
    OFBool checkCallingHostAccepted(const OFString& host) override {
        // DCMTK passes an empty string when host name lookup is off; ask for the IP.
        m_peer = host.empty() ? std::string(getPeerIP().c_str()) : std::string(host.c_str());
        return accept(m_allowedHosts.count(m_peer) > 0,
                      "address " + m_peer + " is not " + m_node.host + "'s");
    }
    void notifyAssociationAcknowledge() override { busy = true; }
    void notifyAssociationTermination() override { busy = false; }
    OFBool stopAfterConnectionTimeout() override { return stop.load(); }
    OFBool stopAfterCurrentAssociation() override { return stop.load(); }

    OFCondition handleIncomingCommand(T_DIMSE_Message* message,
                                      const DcmPresentationContextInfo& info) override {
        if (message->CommandField != DIMSE_C_STORE_RQ) {
            return DcmSCP::handleIncomingCommand(message, info);
        }
        T_DIMSE_C_StoreRQ& request = message->msg.CStoreRQ;
        const std::string uid = request.AffectedSOPInstanceUID;
        const std::string temp = m_files.begin(uid);
        const OFCondition cond =
            receiveSTORERequest(request, info.presentationContextID, OFString(temp.c_str()));
        Uint16 status = STATUS_Success;
        if (cond.bad()) {
            m_files.discard(temp);
            noteError(uid + ": " + conditionText(cond));
            status = STATUS_STORE_Refused_OutOfResources;
        } else if (m_progress.cancelled()) {
            m_files.discard(temp);
            status = STATUS_STORE_Refused_OutOfResources;
        } else {
            try {
                m_files.complete(temp, uid);
                const int total = expected.load();
                m_progress(total > 0 ? std::min(1.0, double(m_files.count()) / total) : 0.0,
                           "retrieving");
            } catch (const std::exception& e) {
                noteError(e.what());
                status = STATUS_STORE_Refused_OutOfResources;
            }
        }
        if (cond.bad()) {
            return cond;
        }
        return sendSTOREResponse(info.presentationContextID, request, status);
    }

private:
    OFBool accept(bool ok, const std::string& why) {
        if (!ok) {
            std::lock_guard<std::mutex> lock(mutex);
            refusals.push_back("refused an association from " +
                               (m_peer.empty() ? std::string("an unknown peer") : m_peer) +
                               (m_calling.empty() ? "" : " (AE '" + m_calling + "')") + ": " + why);
        }
        return ok ? OFTrue : OFFalse;
    }
    void noteError(const std::string& text) {
        std::lock_guard<std::mutex> lock(mutex);
        if (receiveError.empty()) {
            receiveError = text;
        }
    }

    std::string m_aeTitle;
    PacsNode m_node;
    RetrievedFiles& m_files;
    const Progress& m_progress;
    std::set<std::string> m_allowedHosts;
    std::string m_calling, m_peer;
};

}  // namespace

struct StorageScp::Impl {
    std::unique_ptr<Scp> scp;
    std::thread thread;
    int port = 0;
};

StorageScp::StorageScp(std::string aeTitle, int port, const PacsNode& allowedNode,
                       RetrievedFiles& files, const Progress& progress)
    : m_impl(std::make_unique<Impl>()) {
    initDcmtkNetworkOnce();
    m_impl->port = port;
    const std::string title = aeTitle;
    m_impl->scp = std::make_unique<Scp>(std::move(aeTitle), allowedNode, files, progress);
    Scp& scp = *m_impl->scp;
    scp.setPort(static_cast<Uint16>(port));
    scp.setAETitle(title.c_str());
    scp.setHostLookupEnabled(OFFalse);
    scp.setConnectionBlockingMode(DUL_NOBLOCK);
    scp.setConnectionTimeout(1);
    const Uint32 seconds = static_cast<Uint32>(std::max(1, allowedNode.timeoutSeconds));
    scp.setACSETimeout(seconds);
    scp.setDIMSETimeout(seconds);
    scp.setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    OFList<OFString> syntaxes;
    for (const char* ts : kAcceptedSyntaxes) {
        syntaxes.push_back(ts);
    }
    for (int i = 0; i < numberOfDcmAllStorageSOPClassUIDs; ++i) {
        scp.addPresentationContext(dcmAllStorageSOPClassUIDs[i], syntaxes);
    }
    scp.setEnableVerification();
}

StorageScp::~StorageScp() {
    stop();
}

void StorageScp::start() {
    const OFCondition cond = m_impl->scp->openListenPort();
    if (cond.bad()) {
        throw PacsError("storage SCP on port " + std::to_string(m_impl->port), PacsFailure::Local,
                        "cannot listen: " + conditionText(cond));
    }
    m_impl->thread = std::thread([scp = m_impl->scp.get()] { scp->acceptAssociations(); });
}

void StorageScp::stop() {
    if (m_impl->thread.joinable()) {
        m_impl->scp->stop = true;
        m_impl->thread.join();
    }
}

void StorageScp::setExpected(int instances) {
    m_impl->scp->expected = instances;
}

bool StorageScp::busy() const {
    return m_impl->scp->busy.load();
}

std::vector<std::string> StorageScp::refusals() const {
    std::lock_guard<std::mutex> lock(m_impl->scp->mutex);
    return m_impl->scp->refusals;
}

std::string StorageScp::receiveError() const {
    std::lock_guard<std::mutex> lock(m_impl->scp->mutex);
    return m_impl->scp->receiveError;
}

}  // namespace crosscheck
