#include "core/roi/LabelTable.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "core/roi/ImportedRoi.h"

namespace crosscheck {

namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& why) {
    throw RoiImportError(path.string() + ": not a label table (" + why + ")");
}

std::string lower(std::string s) {
    for (char& c : s) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return s;
}

std::optional<long long> wholeNumber(const std::string& text) {
    std::size_t used = 0;
    try {
        const long long v = std::stoll(text, &used);
        if (used == text.size()) {
            return v;
        }
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) {
        return {};
    }
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::array<std::uint8_t, 3> colour(const std::vector<long long>& rgb, const std::string& where,
                                   const std::filesystem::path& path) {
    std::array<std::uint8_t, 3> out{};
    for (std::size_t i = 0; i < 3; ++i) {
        if (rgb[i] < 0 || rgb[i] > 255) {
            fail(path, where + ": colour components must be 0-255");
        }
        out[i] = static_cast<std::uint8_t>(rgb[i]);
    }
    return out;
}

LabelTable readItkSnap(std::istream& in, const std::filesystem::path& path) {
    LabelTable table;
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        const std::string t = trim(line);
        if (t.empty() || t[0] == '#') {
            continue;
        }
        const auto quote = t.find('"');
        const auto endQuote = t.rfind('"');
        if (quote == std::string::npos || endQuote == quote) {
            fail(path, "line " + std::to_string(n) + ": expected IDX R G B A VIS MSH \"NAME\"");
        }
        std::istringstream fields(t.substr(0, quote));
        long long idx = 0, r = 0, g = 0, b = 0;
        if (!(fields >> idx >> r >> g >> b)) {
            fail(path, "line " + std::to_string(n) + ": expected IDX R G B A VIS MSH \"NAME\"");
        }
        table[idx] = {t.substr(quote + 1, endQuote - quote - 1),
                      colour({r, g, b}, "line " + std::to_string(n), path)};
    }
    return table;
}

LabelEntry jsonEntry(const nlohmann::json& v, const std::string& where,
                     const std::filesystem::path& path) {
    if (v.is_string()) {
        return {v.get<std::string>(), std::nullopt};
    }
    if (!v.is_object() || !v.contains("name") || !v.at("name").is_string()) {
        fail(path, where + ": expected a name, or an object with \"name\"");
    }
    LabelEntry e{v.at("name").get<std::string>(), std::nullopt};
    if (v.contains("color")) {
        const auto& c = v.at("color");
        if (!c.is_array() || c.size() != 3 || !c[0].is_number_integer() ||
            !c[1].is_number_integer() || !c[2].is_number_integer()) {
            fail(path, where + ": \"color\" must be [r, g, b]");
        }
        e.colorRgb = colour({c[0].get<long long>(), c[1].get<long long>(), c[2].get<long long>()},
                            where, path);
    }
    return e;
}

LabelTable readJson(std::istream& in, const std::filesystem::path& path) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(in);
    } catch (const nlohmann::json::parse_error& e) {
        fail(path, std::string("not valid JSON: ") + e.what());
    }
    LabelTable table;
    if (j.is_object()) {
        for (const auto& [key, value] : j.items()) {
            const auto v = wholeNumber(key);
            if (!v) {
                fail(path, "key \"" + key + "\" is not a label value");
            }
            table[*v] = jsonEntry(value, "key \"" + key + "\"", path);
        }
    } else if (j.is_array()) {
        std::size_t n = 0;
        for (const auto& item : j) {
            const std::string where = "item " + std::to_string(n++);
            if (!item.is_object() || !item.contains("value") ||
                !item.at("value").is_number_integer()) {
                fail(path, where + ": expected {\"value\": N, \"name\": ...}");
            }
            table[item.at("value").get<long long>()] = jsonEntry(item, where, path);
        }
    } else {
        fail(path, "expected an object of value -> name or a list of {value, name}");
    }
    return table;
}

/// The fields of one CSV line: a field in double quotes may hold the separator, and "" in it
/// is one quote (RFC 4180).
std::vector<std::string> csvFields(const std::string& line, char separator) {
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false, wasQuoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"' && trim(field).empty()) {
            quoted = wasQuoted = true;
            field.clear();
        } else if (c == separator) {
            fields.push_back(wasQuoted ? field : trim(field));
            field.clear();
            wasQuoted = false;
        } else if (!wasQuoted) {
            field += c;
        }
    }
    fields.push_back(wasQuoted ? field : trim(field));
    return fields;
}

LabelTable readCsv(std::istream& in, const std::filesystem::path& path) {
    LabelTable table;
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (trim(line).empty()) {
            continue;
        }
        const char separator = line.find('\t') != std::string::npos ? '\t' : ',';
        const std::vector<std::string> fields = csvFields(line, separator);
        const auto value = wholeNumber(fields.empty() ? "" : fields[0]);
        if (!value) {
            if (table.empty() && n == 1) {
                continue;  // a header line
            }
            fail(path, "line " + std::to_string(n) + ": the first field is not a label value");
        }
        if (fields.size() < 2 || fields[1].empty()) {
            fail(path, "line " + std::to_string(n) + ": expected value,name");
        }
        LabelEntry e{fields[1], std::nullopt};
        if (fields.size() >= 5) {
            std::vector<long long> rgb;
            for (std::size_t i = 2; i < 5; ++i) {
                const auto c = wholeNumber(fields[i]);
                if (!c) {
                    fail(path, "line " + std::to_string(n) + ": colour is not r,g,b");
                }
                rgb.push_back(*c);
            }
            e.colorRgb = colour(rgb, "line " + std::to_string(n), path);
        }
        table[*value] = e;
    }
    return table;
}

}  // namespace

LabelTable readLabelTable(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw RoiImportError(path.string() + ": cannot open the label table");
    }
    const std::string ext = lower(path.extension().string());
    LabelTable table = ext == ".json"                   ? readJson(in, path)
                       : ext == ".csv" || ext == ".tsv" ? readCsv(in, path)
                                                        : readItkSnap(in, path);
    if (table.empty()) {
        fail(path, "no label in it");
    }
    return table;
}

}  // namespace crosscheck
