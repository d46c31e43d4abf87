#pragma once

// Private to core/pacs: the one header of this folder that names DCMTK types.

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/scu.h>

#include <memory>
#include <string>

#include "core/pacs/PacsError.h"
#include "core/pacs/PacsNode.h"
#include "core/util/Progress.h"

class DcmTLSTransportLayer;

namespace crosscheck {

class RetrievedFiles;

/// Holds the TLS layer ahead of DcmSCU in DimseScu's bases, so that the layer outlives the
/// association and network the SCU drops in its own destructor.
struct DimseTlsHolder {
    DimseTlsHolder();
    ~DimseTlsHolder();
    std::unique_ptr<DcmTLSTransportLayer> tls;
};

/// DCMTK's SCU set up for one node: AE titles, time-outs (connect, ACSE and each DIMSE
/// message all bounded by the node's time-out, DIMSE non-blocking), error translation into
/// PacsError sentences, and the C-GET / C-MOVE hooks that write received instances through
/// RetrievedFiles (temporary name, then rename) and check the cancel flag per instance.
/// With node.useTls the association runs over DICOM TLS (internal/DimseTls).
class DimseScu : private DimseTlsHolder, public DcmSCU {
public:
    explicit DimseScu(const PacsNode& node);
    ~DimseScu() override;

    /// Proposes the storage SOP classes a retrieve may bring (SCP role for C-GET).
    void addStorageContexts(bool asScp);
    /// Opens the association; throws PacsError (refused, rejected, timed out, ...).
    void connect();
    /// The accepted presentation context for `sopClass`; throws PacsError if none.
    T_ASC_PresentationContextID contextFor(const char* sopClass, const std::string& what);
    /// Releases the association (aborts it if release fails).
    void finish();

    const PacsNode& node() const { return m_node; }
    /// Translates a failed DCMTK condition during `during` ("C-FIND", ...) into PacsError.
    PacsError error(const OFCondition& cond, const std::string& during) const;

    /// Receive C-GET sub-operations into `files`; `expected` (-1 unknown) scales progress.
    void setRetrieveTarget(RetrievedFiles* files, const Progress* progress, int expected);
    /// True when the retrieve stopped because the cancel flag was set (a signal may also
    /// have interrupted a read: the flag decides, not how the read ended).
    bool cancelled() const {
        return m_cancelled || (m_progress != nullptr && m_progress->cancelled());
    }
    /// Why receiving an instance failed (empty if none did).
    const std::string& receiveError() const { return m_receiveError; }
    bool receiveTimedOut() const { return m_receiveTimedOut; }
    /// Counts from the last C-GET / C-MOVE response.
    int completed() const { return m_completed; }
    int failedSubOperations() const { return m_failed; }
    int warningSubOperations() const { return m_warning; }
    int remaining() const { return m_remaining; }
    Uint16 lastStatus() const { return m_lastStatus; }
    bool finalResponseSeen() const { return m_finalSeen; }

protected:
    OFCondition handleSTORERequestFile(T_ASC_PresentationContextID* presID,
                                       const OFString& filename,
                                       T_DIMSE_C_StoreRQ* request) override;
    OFCondition handleCGETResponse(const T_ASC_PresentationContextID presID,
                                   RetrieveResponse* response, OFBool& continueSession) override;
    OFCondition handleMOVEResponse(const T_ASC_PresentationContextID presID,
                                   RetrieveResponse* response, OFBool& waitForNext) override;

private:
    void noteResponse(const RetrieveResponse& response);

    PacsNode m_node;
    RetrievedFiles* m_files = nullptr;
    const Progress* m_progress = nullptr;
    int m_expected = -1;
    bool m_cancelled = false;
    bool m_receiveTimedOut = false;
    bool m_finalSeen = false;
    std::string m_receiveError;
    int m_completed = 0, m_failed = 0, m_warning = 0, m_remaining = -1;
    Uint16 m_lastStatus = 0;
};

/// A DCMTK condition's text on one line: DCMTK chains a failure's causes one per line
/// ("DIMSE Failed to send message" then "TCP I/O Error (Broken pipe)"), and a message that
/// names the node must stay one line.
std::string conditionText(const OFCondition& cond);

/// Silences DCMTK's own log lines (every failure is reported as a PacsError instead).
void initDcmtkNetworkOnce();

}  // namespace crosscheck
