#include "core/pacs/DimseClient.h"

#include <dcmtk/dcmnet/diutil.h>

#include <chrono>
#include <memory>

#include "core/pacs/internal/DimseQueries.h"
#include "core/pacs/internal/DimseScu.h"

namespace crosscheck {

namespace {

double msSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

}  // namespace

DimseClient::DimseClient(PacsNode node) : m_node(std::move(node)) {}

double DimseClient::echo() {
    const auto start = std::chrono::steady_clock::now();
    DimseScu scu(m_node);
    scu.addPresentationContext(UID_VerificationSOPClass, networkSyntaxes());
    scu.connect();
    const OFCondition cond =
        scu.sendECHORequest(scu.contextFor(UID_VerificationSOPClass, "verification (C-ECHO)"));
    if (cond.bad()) {
        throw scu.error(cond, "waiting for the C-ECHO answer");
    }
    scu.finish();
    return msSince(start);
}

std::vector<PacsMatch> DimseClient::find(const PacsQuery& query) {
    checkQuery(query);
    const char* model = query.level == QueryLevel::Patient
                            ? UID_FINDPatientRootQueryRetrieveInformationModel
                            : UID_FINDStudyRootQueryRetrieveInformationModel;
    DimseScu scu(m_node);
    scu.addPresentationContext(model, networkSyntaxes());
    scu.connect();
    const auto id = scu.contextFor(
        model, "queries (C-FIND) at " + std::string(toString(query.level)) + " level");
    std::vector<PacsMatch> matches = runFind(scu, id, query);
    scu.finish();
    return matches;
}

}  // namespace crosscheck
