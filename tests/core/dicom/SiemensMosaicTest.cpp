// The CSA header reader on hand-made bytes (both layouts, and corrupt lengths that must not
// read beyond the buffer) and the mosaic split on a hand-made header: every number here is
// a hand calculation.
#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <vector>

#include "core/dicom/DicomError.h"
#include "core/dicom/SiemensCsaHeader.h"
#include "core/dicom/SiemensMosaic.h"

using namespace crosscheck;

namespace {

void u32(std::vector<std::uint8_t>& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) {
        out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    }
}

void fixed(std::vector<std::uint8_t>& out, const std::string& s, std::size_t size) {
    std::string padded = s;
    padded.resize(size, '\0');
    out.insert(out.end(), padded.begin(), padded.end());
}

// A CSA2 header with the given elements (name, items), as Siemens writes it.
std::vector<std::uint8_t> csa2(
    const std::vector<std::pair<std::string, std::vector<std::string>>>& elements) {
    std::vector<std::uint8_t> out;
    fixed(out, "SV10\4\3\2\1", 8);
    u32(out, static_cast<std::uint32_t>(elements.size()));
    u32(out, 77);
    for (const auto& [name, items] : elements) {
        fixed(out, name, 64);
        u32(out, static_cast<std::uint32_t>(items.size()));  // VM
        fixed(out, "DS", 4);
        u32(out, 0);
        u32(out, static_cast<std::uint32_t>(items.size()));
        u32(out, 77);
        for (const std::string& item : items) {
            const auto length = static_cast<std::uint32_t>(item.size() + 1);
            for (int i = 0; i < 3; ++i) {
                u32(out, length);
            }
            u32(out, length);
            fixed(out, item, (length + 3) / 4 * 4);
        }
    }
    return out;
}

}  // namespace

TEST_CASE("a CSA2 header gives its elements' items", "[dicom][mosaic]") {
    const auto bytes = csa2(
        {{"NumberOfImagesInMosaic", {"30"}}, {"SliceNormalVector", {"0.0", "0.5", "-0.8660254"}}});
    const SiemensCsaHeader header(bytes.data(), bytes.size());
    CHECK(header.number("NumberOfImagesInMosaic") == Approx(30));
    CHECK(header.number("SliceNormalVector", 2) == Approx(-0.8660254));
    CHECK_FALSE(header.number("SliceNormalVector", 3));
    CHECK_FALSE(header.number("B_value"));
}

TEST_CASE("a truncated or corrupt CSA header stops where its bytes end", "[dicom][mosaic]") {
    auto bytes = csa2({{"NumberOfImagesInMosaic", {"30"}}, {"B_value", {"1000"}}});
    // Every truncation before the end of the last value ("1000" and its zero, then 3 bytes
    // of padding): never a read past the end (ASan would say), only fewer elements.
    for (std::size_t size = 0; size + 3 < bytes.size(); ++size) {
        const std::vector<std::uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<long>(size));
        const SiemensCsaHeader header(cut.data(), cut.size());
        CHECK_FALSE(header.number("B_value"));
    }
    // An item length far beyond the buffer (the first item's length field after the
    // 16-byte header and the 84-byte element header).
    bytes[16 + 84 + 4] = 0xFF;
    bytes[16 + 84 + 5] = 0xFF;
    const SiemensCsaHeader corrupt(bytes.data(), bytes.size());
    CHECK_FALSE(corrupt.number("NumberOfImagesInMosaic"));
}

TEST_CASE("a mosaic frame splits into its tiles with dcm2niix's position correction",
          "[dicom][mosaic]") {
    FrameHeader stored;
    stored.file = "mosaic.dcm";
    stored.rows = 3 * 64;  // 9 tiles of 64 x 64 hold 7 slices (ceil(sqrt(7)) = 3 to a row)
    stored.columns = 3 * 64;
    stored.mosaicImages = 7;
    stored.position = Eigen::Vector3d(-100.0, -120.0, 10.0);
    stored.rowDirection = Eigen::Vector3d::UnitX();
    stored.columnDirection = Eigen::Vector3d::UnitY();
    stored.pixelSpacingRowCol = Eigen::Vector2d(2.0, 3.0);
    stored.sliceThicknessMm = 4.0;
    stored.spacingBetweenSlicesMm = 5.0;
    stored.csaSliceNormal = Eigen::Vector3d(0, 0, -1);
    const std::vector<FrameHeader> tiles = expandMosaic(stored);
    REQUIRE(tiles.size() == 7);
    CHECK(tiles[0].rows == 64);
    CHECK(tiles[0].columns == 64);
    CHECK(tiles[6].mosaicTile == 6);
    CHECK(tiles[6].storedColumns == 192);
    // x moves by 3 mm x (192 - 64) / 2 = 192 mm, y by 2 mm x 64 = 128 mm.
    CHECK(tiles[0].position->isApprox(Eigen::Vector3d(92.0, 8.0, 10.0)));
    // Slice 6 lies 6 x 5 mm along the CSA normal (SpacingBetweenSlices, not the thickness).
    CHECK(tiles[6].position->isApprox(Eigen::Vector3d(92.0, 8.0, -20.0)));
}

TEST_CASE("a mosaic count that does not tile the frame is refused naming the file",
          "[dicom][mosaic]") {
    FrameHeader stored;
    stored.file = "bad.dcm";
    stored.rows = 100;
    stored.columns = 100;
    stored.mosaicImages = 9;  // 3 to a row: 100 is not a multiple of 3
    CHECK_THROWS_AS(expandMosaic(stored), DicomError);
    stored.mosaicImages = -1;  // a count the parser found implausible
    CHECK_THROWS_AS(expandMosaic(stored), DicomError);
}
