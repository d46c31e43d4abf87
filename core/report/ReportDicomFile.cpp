#include "core/report/ReportDicomFile.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <unistd.h>

#include <string>
#include <system_error>

#include "core/report/ReportWriteError.h"

namespace crosscheck {

void markDeidentified(DcmDataset& dataset, const std::filesystem::path& path) {
    const auto check = [&](const OFCondition& condition, const char* what) {
        if (condition.bad()) {
            throw ReportWriteError(path.string() + ": cannot mark the de-identification (" + what +
                                   "): " + condition.text());
        }
    };
    check(dataset.putAndInsertString(DCM_PatientIdentityRemoved, "YES"), "PatientIdentityRemoved");
    // LO: at most 64 characters per value; the long sentence is in report.json.
    check(dataset.putAndInsertString(
              DCM_DeidentificationMethod,
              "PS3.15 Annex E Basic Profile\\Crosscheck: UIDs remapped, IDs dates removed"),
          "DeidentificationMethod");
    DcmItem* code = nullptr;
    check(dataset.findOrCreateSequenceItem(DCM_DeidentificationMethodCodeSequence, code),
          "DeidentificationMethodCodeSequence");
    check(code->putAndInsertString(DCM_CodeValue, "113100"), "CodeValue");
    check(code->putAndInsertString(DCM_CodingSchemeDesignator, "DCM"), "CodingSchemeDesignator");
    check(code->putAndInsertString(DCM_CodeMeaning, "Basic Application Confidentiality Profile"),
          "CodeMeaning");
}

void saveDicomAtomically(DcmFileFormat& file, const std::filesystem::path& path) {
    const std::filesystem::path temp =
        path.parent_path() / ("." + path.filename().string() + ".tmp-" + std::to_string(getpid()));
    const OFCondition saved = file.saveFile(temp.c_str(), EXS_LittleEndianExplicit);
    if (saved.bad()) {
        std::error_code ignored;
        std::filesystem::remove(temp, ignored);
        throw ReportWriteError(path.string() + ": cannot write: " + saved.text());
    }
    std::error_code error;
    std::filesystem::rename(temp, path, error);
    if (error) {
        const std::string reason = error.message();
        std::filesystem::remove(temp, error);
        throw ReportWriteError(path.string() + ": cannot write: " + reason);
    }
}

}  // namespace crosscheck
