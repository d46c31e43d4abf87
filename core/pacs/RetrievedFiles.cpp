#include "core/pacs/RetrievedFiles.h"

#include "core/pacs/internal/DimseScu.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <stdexcept>
#include <system_error>

namespace crosscheck {

namespace fs = std::filesystem;

std::string uidFileName(const std::string& uid) {
    std::string name = uid.empty() ? std::string("unknown") : uid;
    for (char& c : name) {
        if (!((c >= '0' && c <= '9') || c == '.')) {
            c = '_';
        }
    }
    if (name == "." || name == "..") {
        name = "_";
    }
    return name;
}

RetrievedFiles::RetrievedFiles(fs::path outDir) : m_outDir(std::move(outDir)) {
    initDcmtkNetworkOnce();  // header reads below report through exceptions, not DCMTK's log
}

RetrievedFiles::~RetrievedFiles() {
    for (const std::string& temp : m_pending) {
        std::error_code ec;
        fs::remove(temp, ec);
    }
}

std::string RetrievedFiles::begin(const std::string& sopInstanceUid) {
    std::error_code ec;
    fs::create_directories(m_outDir, ec);
    if (ec) {
        throw std::runtime_error(m_outDir.string() + ": cannot create folder: " + ec.message());
    }
    const std::string temp = (m_outDir / ("." + uidFileName(sopInstanceUid) + ".part")).string();
    std::lock_guard<std::mutex> lock(m_mutex);
    m_pending.insert(temp);
    return temp;
}

std::string RetrievedFiles::complete(const std::string& tempPath,
                                     const std::string& sopInstanceUid) {
    DcmFileFormat file;
    OFString series, sop(sopInstanceUid.c_str());
    const OFCondition read =
        file.loadFileUntilTag(tempPath.c_str(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength,
                              ERM_autoDetect, DCM_PixelData);
    DcmDataset* header = file.getDataset();
    if (read.bad() || header->findAndGetOFString(DCM_SeriesInstanceUID, series).bad() ||
        (sop.empty() && header->findAndGetOFString(DCM_SOPInstanceUID, sop).bad())) {
        discard(tempPath);
        throw std::runtime_error(tempPath + ": received object has no readable header");
    }
    const fs::path folder = m_outDir / uidFileName(series.c_str());
    const fs::path target = folder / (uidFileName(sop.c_str()) + ".dcm");
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (!ec) {
        fs::rename(tempPath, target, ec);
    }
    if (ec) {
        discard(tempPath);
        throw std::runtime_error(target.string() + ": cannot write: " + ec.message());
    }
    const auto size = fs::file_size(target, ec);
    std::lock_guard<std::mutex> lock(m_mutex);
    m_pending.erase(tempPath);
    m_files.push_back(target.string());
    m_bytes += ec ? 0 : static_cast<long long>(size);
    return target.string();
}

void RetrievedFiles::discard(const std::string& tempPath) {
    std::error_code ec;
    fs::remove(tempPath, ec);
    std::lock_guard<std::mutex> lock(m_mutex);
    m_pending.erase(tempPath);
}

int RetrievedFiles::count() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return static_cast<int>(m_files.size());
}

long long RetrievedFiles::bytes() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_bytes;
}

std::vector<std::string> RetrievedFiles::files() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_files;
}

}  // namespace crosscheck
