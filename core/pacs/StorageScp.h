#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/pacs/PacsNode.h"
#include "core/util/Progress.h"

namespace crosscheck {

class RetrievedFiles;

/// Crosscheck's own storage SCP, the destination of a C-MOVE: listens on `port` as
/// `aeTitle` while a move runs, and accepts an association only when the called AE title is
/// its own, the calling AE title is the node's and the peer's address is one the node's
/// host resolves to; any other association is refused and noted in `refusals()`. Instances
/// go through RetrievedFiles (temporary name, renamed when complete). Runs on its own
/// thread between start() and stop(); the progress cancel flag makes it refuse further
/// instances. DCMTK 3.6.7 cannot bind to one interface: the port is open on all of them,
/// which is why the peer is checked.
class StorageScp {
public:
    StorageScp(std::string aeTitle, int port, const PacsNode& allowedNode, RetrievedFiles& files,
               const Progress& progress);
    ~StorageScp();
    StorageScp(const StorageScp&) = delete;
    StorageScp& operator=(const StorageScp&) = delete;

    /// Opens the port and starts accepting; throws PacsError(Local) if the port cannot be
    /// opened (in use, privileged).
    void start();
    /// Stops accepting (within about a second) and joins the thread.
    void stop();
    /// How many instances the move should bring (scales progress); -1 unknown.
    void setExpected(int instances);
    /// True while an association is open.
    bool busy() const;
    /// One sentence per refused association: who asked and why it was refused.
    std::vector<std::string> refusals() const;
    /// Why an instance could not be received or written (empty if none failed).
    std::string receiveError() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace crosscheck
