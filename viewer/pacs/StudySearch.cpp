#include "viewer/pacs/StudySearch.h"

#include <algorithm>
#include <map>

#include "core/db/StudyDatabase.h"
#include "core/pacs/QueryMatching.h"

namespace crosscheck::viewer {

namespace {

std::string joinModalities(const std::vector<PacsMatch>& series) {
    std::vector<std::string> seen;
    for (const PacsMatch& s : series) {
        if (!s.modality.empty() && std::find(seen.begin(), seen.end(), s.modality) == seen.end()) {
            seen.push_back(s.modality);
        }
    }
    std::string text;
    for (const std::string& m : seen) {
        text += (text.empty() ? "" : ", ") + m;
    }
    return text;
}

PacsMatch seriesMatch(const IndexedSeries& s) {
    PacsMatch m;
    m.level = QueryLevel::Series;
    m.patientId = s.patientId;
    m.patientName = s.patientName;
    m.studyInstanceUid = s.studyInstanceUid;
    m.studyDate = s.studyDate;
    m.studyDescription = s.studyDescription;
    m.seriesInstanceUid = s.seriesInstanceUid;
    m.modality = s.modality;
    m.seriesDescription = s.description.empty() ? s.role : s.description;
    m.instances = s.instances;
    return m;
}

}  // namespace

std::vector<FoundStudy> searchDatabase(const std::filesystem::path& databaseFile,
                                       const PacsQuery& query) {
    const StudyDatabase database(databaseFile);
    std::vector<FoundStudy> studies;
    std::map<std::string, std::size_t> index;  // study UID -> position in `studies`
    for (const IndexedSeries& s : database.listSeries()) {
        auto [it, added] = index.emplace(s.studyInstanceUid, studies.size());
        if (added) {
            FoundStudy found;
            found.study = seriesMatch(s);
            found.study.level = QueryLevel::Study;
            found.study.seriesInstanceUid.clear();
            found.study.seriesDescription.clear();
            found.study.modality.clear();
            found.study.instances = 0;
            studies.push_back(found);
        }
        FoundStudy& found = studies[it->second];
        found.series.push_back(seriesMatch(s));
        found.study.instances = *found.study.instances + s.instances;
    }
    std::vector<FoundStudy> matching;
    for (FoundStudy& found : studies) {
        std::vector<std::string> modalities;
        for (const PacsMatch& s : found.series) {
            modalities.push_back(s.modality);
        }
        if (studyMatches(query, found.study, modalities)) {
            found.modalities = joinModalities(found.series);
            found.study.modality = found.modalities;
            matching.push_back(std::move(found));
        }
    }
    return matching;
}

std::vector<FoundStudy> searchNode(PacsClient& client, const PacsQuery& query,
                                   const Progress& progress) {
    PacsQuery studyQuery = query;
    studyQuery.level = QueryLevel::Study;
    progress(0.0, "searching");
    std::vector<FoundStudy> studies;
    for (const PacsMatch& m : client.find(studyQuery)) {
        // ModalitiesInStudy is multi-valued: CT\MR reads "CT, MR".
        std::string modalities = m.modality;
        for (std::size_t at = modalities.find('\\'); at != std::string::npos;
             at = modalities.find('\\', at)) {
            modalities.replace(at, 1, ", ");
        }
        studies.push_back({m, {}, modalities});
    }
    const std::size_t withSeries =
        std::min(studies.size(), static_cast<std::size_t>(kMaxStudiesWithSeries));
    for (std::size_t i = 0; i < withSeries; ++i) {
        if (progress.cancelled()) {
            throw Cancelled();
        }
        progress(static_cast<double>(i) / static_cast<double>(withSeries), "listing series");
        PacsQuery seriesQuery;
        seriesQuery.level = QueryLevel::Series;
        seriesQuery.studyInstanceUid = studies[i].study.studyInstanceUid;
        studies[i].series = client.find(seriesQuery);
        if (studies[i].modalities.empty()) {
            studies[i].modalities = joinModalities(studies[i].series);
        }
    }
    progress(1.0, "searched");
    return studies;
}

std::vector<std::filesystem::path> indexedStudyFiles(const std::filesystem::path& databaseFile,
                                                     const std::string& studyInstanceUid) {
    const StudyDatabase database(databaseFile);
    std::vector<std::filesystem::path> files;
    for (const IndexedSeries& s : database.listSeries()) {
        if (s.studyInstanceUid != studyInstanceUid) {
            continue;
        }
        for (const std::string& file : database.seriesFiles(s.seriesInstanceUid)) {
            files.emplace_back(file);
        }
    }
    return files;
}

}  // namespace crosscheck::viewer
