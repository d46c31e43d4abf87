#pragma once

// Private to core/pacs: query keys and C-FIND on an open association (names DCMTK types).

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/scu.h>

#include <vector>

#include "core/pacs/PacsClient.h"
#include "core/pacs/PacsQuery.h"

namespace crosscheck {

class DimseScu;

/// Explicit and implicit little endian, the syntaxes every node takes for queries.
OFList<OFString> networkSyntaxes();

/// Sends the C-FIND and collects the matches; throws PacsError on a failure status.
std::vector<PacsMatch> runFind(DimseScu& scu, T_ASC_PresentationContextID id,
                               const PacsQuery& query);

/// How many instances the node has for the study (or series) to retrieve, by C-FIND on the
/// study root model; -1 when the node does not say.
int countInstances(DimseScu& scu, const RetrieveRequest& request);

/// The identifier of a C-GET / C-MOVE at study or series level.
void retrieveKeys(const RetrieveRequest& request, DcmDataset& keys);

}  // namespace crosscheck
