#include "core/pacs/internal/DimseScu.h"

#include <dcmtk/dcmnet/diutil.h>
#include <dcmtk/oflog/oflog.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <mutex>
#include <vector>

#include "core/pacs/RetrievedFiles.h"
#include "core/pacs/internal/DimseTls.h"
#include "core/util/AsciiLower.h"

namespace crosscheck {

void initDcmtkNetworkOnce() {
    static std::once_flag once;
    std::call_once(once, [] {
        OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
        // Debian's DCMTK leaves Nagle's algorithm on unless TCP_NODELAY is set in the
        // environment, which it reads at each connection. With it on, every small DIMSE
        // write (a C-STORE response, a PDU header written apart from its data) waits for
        // the peer's delayed ACK: about 45 ms an instance, a C-GET of 200 CT slices took
        // 9.7 s instead of about 1 s (tests/bench/pacs). A value the user set is kept.
        ::setenv("TCP_NODELAY", "1", 0);
    });
}

namespace {

// Lossless syntaxes only: a node may transcode to what is accepted, and a lossy choice
// would change the voxels.
const char* const kStorageSyntaxes[] = {UID_LittleEndianExplicitTransferSyntax,
                                        UID_LittleEndianImplicitTransferSyntax,
                                        UID_DeflatedExplicitVRLittleEndianTransferSyntax,
                                        UID_JPEGProcess14SV1TransferSyntax,
                                        UID_JPEGLSLosslessTransferSyntax,
                                        UID_JPEG2000LosslessOnlyTransferSyntax,
                                        UID_RLELosslessTransferSyntax};

// What Crosscheck reads and writes comes first; the rest of DCMTK's list fills the
// association's 128 presentation contexts (a few are kept for Q/R and verification).
const char* const kFirstStorageClasses[] = {UID_CTImageStorage,
                                            UID_MRImageStorage,
                                            UID_EnhancedCTImageStorage,
                                            UID_EnhancedMRImageStorage,
                                            UID_SecondaryCaptureImageStorage,
                                            UID_EnhancedSRStorage,
                                            UID_ComprehensiveSRStorage,
                                            UID_BasicTextSRStorage,
                                            UID_SegmentationStorage,
                                            UID_RTStructureSetStorage,
                                            UID_PositronEmissionTomographyImageStorage};
constexpr std::size_t kMaxStorageContexts = 124;

}  // namespace

std::string conditionText(const OFCondition& cond) {
    std::string text = cond.text();
    for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at)) {
        text.replace(at, 1, "; ");
    }
    return text;
}

DimseTlsHolder::DimseTlsHolder() = default;
DimseTlsHolder::~DimseTlsHolder() = default;

DimseScu::DimseScu(const PacsNode& node) : m_node(node) {
    initDcmtkNetworkOnce();
    setAETitle(node.callingAeTitle.c_str());
    setPeerAETitle(node.aeTitle.c_str());
    setPeerHostName(node.host.c_str());
    setPeerPort(static_cast<Uint16>(node.port));
    const int seconds = std::max(1, node.timeoutSeconds);
    setConnectionTimeout(seconds);
    setACSETimeout(static_cast<Uint32>(seconds));
    setDIMSETimeout(static_cast<Uint32>(seconds));
    setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    setMaxReceivePDULength(ASC_DEFAULTMAXPDU * 4);
}

DimseScu::~DimseScu() {
    if (isConnected()) {
        abortAssociation();
    }
}

void DimseScu::addStorageContexts(bool asScp) {
    OFList<OFString> syntaxes;
    for (const char* ts : kStorageSyntaxes) {
        syntaxes.push_back(ts);
    }
    std::vector<std::string> classes(std::begin(kFirstStorageClasses),
                                     std::end(kFirstStorageClasses));
    for (int i = 0; i < numberOfDcmLongSCUStorageSOPClassUIDs; ++i) {
        const std::string uid = dcmLongSCUStorageSOPClassUIDs[i];
        if (std::find(classes.begin(), classes.end(), uid) == classes.end()) {
            classes.push_back(uid);
        }
    }
    classes.resize(std::min(classes.size(), kMaxStorageContexts));
    for (const std::string& uid : classes) {
        addPresentationContext(uid.c_str(), syntaxes,
                               asScp ? ASC_SC_ROLE_SCP : ASC_SC_ROLE_DEFAULT);
    }
}

void DimseScu::connect() {
    OFCondition cond = initNetwork();
    if (cond.good() && m_node.useTls) {
        tls = makeClientTls(m_node);  // throws PacsError naming a file that does not fit
        cond = useSecureConnection(tls.get());
    }
    if (cond.good()) {
        cond = negotiateAssociation();
    }
    if (cond.bad()) {
        throw error(cond, "opening the association");
    }
}

T_ASC_PresentationContextID DimseScu::contextFor(const char* sopClass, const std::string& what) {
    const T_ASC_PresentationContextID id = findAnyPresentationContextID(sopClass, "");
    if (id == 0) {
        throw PacsError(m_node.address(), PacsFailure::Refused, "the node does not offer " + what);
    }
    return id;
}

void DimseScu::finish() {
    if (isConnected() && releaseAssociation().bad() && isConnected()) {
        abortAssociation();
    }
}

PacsError DimseScu::error(const OFCondition& cond, const std::string& during) const {
    const std::string node = m_node.address();
    const std::string text = asciiLower(cond.text());
    const std::string seconds = std::to_string(std::max(1, m_node.timeoutSeconds));
    if (auto tlsFailure = tlsError(cond, m_node)) {
        return *tlsFailure;
    }
    if (cond == DUL_ASSOCIATIONREJECTED) {
        return PacsError(node, PacsFailure::AssociationRejected,
                         "association rejected (the node does not accept calling AE title '" +
                             m_node.callingAeTitle + "' for called AE title '" + m_node.aeTitle +
                             "'; check both AE titles)");
    }
    if (text.find("refused") != std::string::npos) {
        return PacsError(node, PacsFailure::ConnectionRefused,
                         "connection refused (is the PACS running, and is port " +
                             std::to_string(m_node.port) + " right?)");
    }
    if (cond == DIMSE_NODATAAVAILABLE || cond == DUL_READTIMEOUT ||
        text.find("timed out") != std::string::npos || text.find("timeout") != std::string::npos) {
        return PacsError(node, PacsFailure::TimedOut,
                         "timed out after " + seconds + " s while " + during);
    }
    if (text.find("not known") != std::string::npos ||
        text.find("unknown host") != std::string::npos ||
        text.find("name resolution") != std::string::npos ||
        text.find("no address") != std::string::npos) {
        return PacsError(node, PacsFailure::HostNotFound, "host '" + m_node.host + "' not found");
    }
    if (cond == DUL_PEERABORTEDASSOCIATION || cond == DUL_PEERREQUESTEDRELEASE ||
        text.find("abort") != std::string::npos || text.find("closed") != std::string::npos ||
        text.find("reset") != std::string::npos || text.find("broken pipe") != std::string::npos) {
        // A TLS-only port closes a plain connection at once, and a node that wants a client
        // certificate closes a TLS 1.3 one after the handshake: say so where it can be that.
        std::string hint;
        if (during == "opening the association") {
            hint = !m_node.useTls ? " (if the node speaks DICOM TLS only, use TLS for it)"
                   : m_node.tlsCertFile.empty()
                       ? " (does the node require a client certificate?)"
                       : " (does the node trust the CA that signed Crosscheck's certificate?)";
        }
        return PacsError(node, PacsFailure::Aborted,
                         "the association was aborted while " + during + hint);
    }
    return PacsError(node, PacsFailure::Aborted, during + " failed: " + conditionText(cond));
}

void DimseScu::setRetrieveTarget(RetrievedFiles* files, const Progress* progress, int expected) {
    m_files = files;
    m_progress = progress;
    m_expected = expected;
}

OFCondition DimseScu::handleSTORERequestFile(T_ASC_PresentationContextID* presID,
                                             const OFString& filename, T_DIMSE_C_StoreRQ* request) {
    if (m_files == nullptr) {
        return DcmSCU::handleSTORERequestFile(presID, filename, request);
    }
    if (m_progress != nullptr && m_progress->cancelled()) {
        m_cancelled = true;
        return EC_IllegalCall;  // refuses this instance and ends the C-GET session
    }
    const std::string uid = request->AffectedSOPInstanceUID;
    const std::string temp = m_files->begin(uid);
    const OFCondition cond = DcmSCU::handleSTORERequestFile(presID, temp.c_str(), request);
    if (cond.bad()) {
        m_files->discard(temp);
        m_receiveError = conditionText(cond);
        m_receiveTimedOut = cond == DIMSE_NODATAAVAILABLE || cond == DUL_READTIMEOUT;
        return cond;
    }
    try {
        m_files->complete(temp, uid);
    } catch (const std::exception& e) {
        m_receiveError = e.what();
        return EC_IllegalCall;
    }
    if (m_progress != nullptr) {
        const int done = m_files->count();
        const int total = m_expected > 0 ? m_expected : done + std::max(0, m_remaining);
        (*m_progress)(total > 0 ? std::min(1.0, double(done) / total) : 0.0, "retrieving");
    }
    return cond;
}

void DimseScu::noteResponse(const RetrieveResponse& response) {
    m_lastStatus = response.m_status;
    m_completed = response.m_numberOfCompletedSubops;
    m_failed = response.m_numberOfFailedSubops;
    m_warning = response.m_numberOfWarningSubops;
    m_remaining = response.m_numberOfRemainingSubops;
    m_finalSeen = !DICOM_PENDING_STATUS(response.m_status);
}

OFCondition DimseScu::handleCGETResponse(const T_ASC_PresentationContextID presID,
                                         RetrieveResponse* response, OFBool& continueSession) {
    if (response != nullptr) {
        noteResponse(*response);
    }
    const OFCondition cond = DcmSCU::handleCGETResponse(presID, response, continueSession);
    if (m_progress != nullptr && m_progress->cancelled()) {
        m_cancelled = true;
        continueSession = OFFalse;
    }
    return cond;
}

OFCondition DimseScu::handleMOVEResponse(const T_ASC_PresentationContextID presID,
                                         RetrieveResponse* response, OFBool& waitForNext) {
    if (response != nullptr) {
        noteResponse(*response);
    }
    const OFCondition cond = DcmSCU::handleMOVEResponse(presID, response, waitForNext);
    if (m_progress != nullptr && m_progress->cancelled()) {
        m_cancelled = true;
        waitForNext = OFFalse;
    }
    return cond;
}

}  // namespace crosscheck
