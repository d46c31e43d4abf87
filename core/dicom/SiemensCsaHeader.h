#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace crosscheck {

/// The elements of a Siemens CSA header (the private (0029,xx10) "CSA Image Header Info"
/// of Siemens MR files): each element's name and its items as text, as the scanner wrote
/// them. Only what the reader needs is used: NumberOfImagesInMosaic to de-mosaic, and
/// SliceNormalVector and B_value (the same fields dcm2niix reads).
///
/// Both layouts are read: CSA2 (starts "SV10") and the older CSA1. The header is vendor
/// binary data with lengths inside it, so every length and count is checked against the
/// bytes that remain: a corrupt header gives an empty or shorter map, never a read beyond
/// the buffer.
class SiemensCsaHeader {
public:
    SiemensCsaHeader() = default;
    SiemensCsaHeader(const std::uint8_t* data, std::size_t size);

    bool empty() const { return m_elements.empty(); }
    /// The items of one element (empty strings are items the scanner left blank).
    const std::vector<std::string>* items(const std::string& name) const;
    /// Item `index` of one element as a number, when it is one.
    std::optional<double> number(const std::string& name, std::size_t index = 0) const;

private:
    std::map<std::string, std::vector<std::string>> m_elements;
};

}  // namespace crosscheck
