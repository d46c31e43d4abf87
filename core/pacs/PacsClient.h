#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/pacs/PacsQuery.h"
#include "core/util/Progress.h"

namespace crosscheck {

/// Which study (and optionally which one series of it) to fetch, and the folder the files
/// go to: `outDir/<SeriesInstanceUID>/<SOPInstanceUID>.dcm`.
struct RetrieveRequest {
    std::string studyInstanceUid;
    std::string seriesInstanceUid;  // empty: the whole study
    std::filesystem::path outDir;
};

/// What a retrieve brought: instances written (each complete, under its final name), their
/// bytes, the wall time, how many the node said it had (-1 when it did not say), the files.
struct RetrieveResult {
    int instances = 0;
    long long bytes = 0;
    double ms = 0.0;
    int expected = -1;
    std::vector<std::string> files;
};

struct StoreFailure {
    std::string file;
    std::string reason;
};

/// What a store sent: the count the node accepted and each file it did not, with the reason.
struct StoreResult {
    int sent = 0;
    std::vector<StoreFailure> failed;
};

/// A node Crosscheck can search, fetch from and send to, whatever protocol it speaks: DIMSE
/// (DimseClient, in core) or DICOMweb (outside core, where HTTP is available). Every failure
/// to reach or use the node throws PacsError naming the node; long work takes a Progress
/// (fraction of instances done; its cancel flag stops between instances, throws Cancelled
/// and leaves only complete files behind).
class PacsClient {
public:
    virtual ~PacsClient() = default;
    /// How errors and reports name the node ("AET@HOST:PORT" or the DICOMweb root).
    virtual std::string address() const = 0;
    /// Checks the node answers (C-ECHO, or a QIDO-RS request); returns the round trip in ms.
    virtual double echo() = 0;
    virtual std::vector<PacsMatch> find(const PacsQuery& query) = 0;
    /// C-GET (DIMSE) or WADO-RS (DICOMweb). Throws PacsError(Incomplete) when fewer
    /// instances arrived than the node found; the files that did arrive stay.
    virtual RetrieveResult retrieve(const RetrieveRequest& request, const Progress& progress) = 0;
    /// C-STORE or STOW-RS of DICOM files. A file the node refuses is listed in `failed`; not
    /// reaching the node at all throws.
    virtual StoreResult store(const std::vector<std::string>& files, const Progress& progress) = 0;
};

}  // namespace crosscheck
