// DimseClient's C-GET and C-MOVE (the rest of the class: DimseClient.cpp).
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/diutil.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "core/pacs/DimseClient.h"
#include "core/pacs/RetrievedFiles.h"
#include "core/pacs/StorageScp.h"
#include "core/pacs/internal/DimseQueries.h"
#include "core/pacs/internal/DimseScu.h"

namespace crosscheck {

namespace {

using Clock = std::chrono::steady_clock;

std::string ofWhat(int received, int expected) {
    return std::to_string(received) + " of " +
           (expected >= 0 ? std::to_string(expected) : std::string("an unknown number of")) +
           " instances";
}

/// After the last response: cancelled, broken off, short, or complete.
RetrieveResult conclude(DimseScu& scu, const OFCondition& cond, RetrievedFiles& files, int expected,
                        const std::string& what, const std::string& localError,
                        Clock::time_point start) {
    const std::string node = scu.node().address();
    const int received = files.count();
    if (scu.cancelled()) {
        scu.abortAssociation();
        throw Cancelled();
    }
    const std::string error = !scu.receiveError().empty() ? scu.receiveError() : localError;
    if (!error.empty()) {
        scu.abortAssociation();
        throw PacsError(node, scu.receiveTimedOut() ? PacsFailure::TimedOut : PacsFailure::Aborted,
                        "receiving the instances of " + what + " broke off after " +
                            ofWhat(received, expected) + ": " + error);
    }
    if (cond.bad() || !scu.finalResponseSeen()) {
        const PacsError e = scu.error(cond.bad() ? cond : DUL_PEERABORTEDASSOCIATION,
                                      "receiving the instances of " + what + " (" +
                                          ofWhat(received, expected) + " received)");
        scu.abortAssociation();
        throw e;
    }
    scu.finish();
    if (expected < 0) {
        expected = scu.completed() + scu.failedSubOperations() + scu.warningSubOperations();
    }
    if (received < expected || scu.failedSubOperations() > 0) {
        throw PacsError(
            node, PacsFailure::Incomplete,
            "only " + ofWhat(received, expected) + " were retrieved by " + what +
                (scu.failedSubOperations() > 0
                     ? " (" + std::to_string(scu.failedSubOperations()) + " failed at the node)"
                     : ""));
    }
    if (received == 0) {
        throw PacsError(node, PacsFailure::Incomplete,
                        what + " brought no instances (does the node have that study?)");
    }
    RetrieveResult result;
    result.instances = received;
    result.bytes = files.bytes();
    result.expected = expected;
    result.files = files.files();
    result.ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    return result;
}

}  // namespace

RetrieveResult DimseClient::retrieve(const RetrieveRequest& request, const Progress& progress) {
    const auto start = Clock::now();
    DimseScu scu(m_node);
    scu.addPresentationContext(UID_GETStudyRootQueryRetrieveInformationModel, networkSyntaxes());
    scu.addPresentationContext(UID_FINDStudyRootQueryRetrieveInformationModel, networkSyntaxes());
    scu.addStorageContexts(true);
    scu.setStorageMode(DCMSCU_STORAGE_BIT_PRESERVING);
    scu.connect();
    const auto id = scu.contextFor(UID_GETStudyRootQueryRetrieveInformationModel,
                                   "retrieval by C-GET (study root)");
    const int expected = countInstances(scu, request);
    RetrievedFiles files(request.outDir);
    scu.setRetrieveTarget(&files, &progress, expected);
    DcmDataset keys;
    retrieveKeys(request, keys);
    const OFCondition cond = scu.sendCGETRequest(id, &keys, nullptr);
    return conclude(scu, cond, files, expected, "the C-GET", "", start);
}

RetrieveResult DimseClient::move(const RetrieveRequest& request,
                                 const std::string& destinationAeTitle, int port,
                                 const Progress& progress) {
    const auto start = Clock::now();
    RetrievedFiles files(request.outDir);
    StorageScp scp(destinationAeTitle, port, m_node, files, progress);
    scp.start();
    DimseScu scu(m_node);
    scu.addPresentationContext(UID_MOVEStudyRootQueryRetrieveInformationModel, networkSyntaxes());
    scu.addPresentationContext(UID_FINDStudyRootQueryRetrieveInformationModel, networkSyntaxes());
    scu.connect();
    const auto id = scu.contextFor(UID_MOVEStudyRootQueryRetrieveInformationModel,
                                   "retrieval by C-MOVE (study root)");
    const int expected = countInstances(scu, request);
    scp.setExpected(expected);
    scu.setRetrieveTarget(nullptr, &progress, expected);
    DcmDataset keys;
    retrieveKeys(request, keys);
    const OFCondition cond = scu.sendMOVERequest(id, destinationAeTitle.c_str(), &keys, nullptr);
    // The node answers the C-MOVE when its sub-operations are done; let the storage
    // association close before looking at the files (bounded by the time-out).
    const auto deadline = Clock::now() + std::chrono::seconds(std::max(1, m_node.timeoutSeconds));
    while (scp.busy() && Clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    scp.stop();
    for (const std::string& refusal : scp.refusals()) {
        m_notes.push_back("storage SCP " + destinationAeTitle + " on port " + std::to_string(port) +
                          " " + refusal);
    }
    const Uint16 status = scu.lastStatus();
    const bool failed = status != STATUS_Success && (status & 0xf000) != 0xb000;
    if (cond.good() && scu.finalResponseSeen() && failed && files.count() == 0 &&
        scp.refusals().empty()) {
        scu.finish();
        char code[8];
        std::snprintf(code, sizeof code, "%04X", static_cast<unsigned>(status));
        throw PacsError(m_node.address(), PacsFailure::Refused,
                        std::string("the C-MOVE failed at the node (status 0x") + code + ", " +
                            DU_cmoveStatusString(status) +
                            "): does the node know the move destination '" + destinationAeTitle +
                            "' at this host and port " + std::to_string(port) + "?");
    }
    if (cond.good() && files.count() == 0 && !scp.refusals().empty()) {
        scu.finish();
        throw PacsError(m_node.address(), PacsFailure::Refused,
                        "the C-MOVE brought nothing: the storage SCP " + scp.refusals().front());
    }
    return conclude(scu, cond, files, expected, "the C-MOVE", scp.receiveError(), start);
}

}  // namespace crosscheck
