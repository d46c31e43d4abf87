#pragma once

#include <string>
#include <vector>

#include "core/pacs/PacsClient.h"
#include "core/pacs/PacsNode.h"

namespace crosscheck {

/// A DIMSE node through DCMTK's dcmnet: C-ECHO, C-FIND (patient root at patient level, study
/// root otherwise), C-GET and C-MOVE (study root, study or series level) and C-STORE. Each
/// call opens its own association and releases it; every network step is bounded by the
/// node's time-out. Before a retrieve a C-FIND asks how many instances the node has, so
/// progress is a fraction and a short retrieve is an error (PacsFailure::Incomplete).
/// Received files are written under temporary names and renamed when complete.
class DimseClient : public PacsClient {
public:
    explicit DimseClient(PacsNode node);

    std::string address() const override { return m_node.address(); }
    double echo() override;
    std::vector<PacsMatch> find(const PacsQuery& query) override;
    /// C-GET on one association.
    RetrieveResult retrieve(const RetrieveRequest& request, const Progress& progress) override;
    /// C-MOVE to Crosscheck's own storage SCP, which listens on `port` as `destinationAeTitle`
    /// for the duration of the call and accepts only this node (see StorageScp). The node
    /// must know `destinationAeTitle` at this host and port.
    RetrieveResult move(const RetrieveRequest& request, const std::string& destinationAeTitle,
                        int port, const Progress& progress);
    StoreResult store(const std::vector<std::string>& files, const Progress& progress) override;

    /// Things worth telling the user that did not fail the call (associations the storage
    /// SCP refused, ...), one sentence each.
    const std::vector<std::string>& notes() const { return m_notes; }

private:
    PacsNode m_node;
    std::vector<std::string> m_notes;
};

}  // namespace crosscheck
