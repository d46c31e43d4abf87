#pragma once
// What the PDF tests share: reading a PDF back with poppler's pdfinfo and pdftotext.

#include <cstdio>
#include <filesystem>
#include <regex>
#include <string>

namespace crosscheck::test {

/// The standard output of a shell command.
inline std::string commandOutput(const std::string& command) {
    std::string out;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        char buffer[4096];
        std::size_t n = 0;
        while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) {
            out.append(buffer, n);
        }
        pclose(pipe);
    }
    return out;
}

/// "Pages:" of pdfinfo; -1 when pdfinfo cannot read the file.
inline int pdfPageCount(const std::filesystem::path& pdf) {
    const std::string info =
        commandOutput(std::string(CROSSCHECK_PDFINFO) + " '" + pdf.string() + "' 2>/dev/null");
    std::smatch match;
    if (std::regex_search(info, match, std::regex(R"(Pages:\s+(\d+))"))) {
        return std::stoi(match[1]);
    }
    return -1;
}

/// The text of the PDF (pdftotext -layout) with every run of white space made one space,
/// so a sentence wrapped over lines is found whole.
inline std::string pdfText(const std::filesystem::path& pdf) {
    const std::string text = commandOutput(std::string(CROSSCHECK_PDFTOTEXT) + " -layout '" +
                                           pdf.string() + "' - 2>/dev/null");
    return std::regex_replace(text, std::regex(R"(\s+)"), " ");
}

}  // namespace crosscheck::test
