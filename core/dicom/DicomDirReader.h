#pragma once

#include <string>
#include <vector>

namespace crosscheck {

/// The files a DICOMDIR lists (ReferencedFileID of every directory record, '\' turned
/// into '/', relative to the DICOMDIR's folder), read from its bytes without DCMTK.
///
/// Why not DCMTK: DCMTK 3.6.7 reads the items of a DirectoryRecordSequence as
/// DcmDirectoryRecords, whose read throws std::out_of_range on some malformed record
/// types (DcmByteString::verify) and leaks the records it made (the fuzzer's finding
/// tests/core/dicom/data/fuzz-dicomdir-leak.bin). A DICOMDIR is always Explicit VR Little
/// Endian (PS3.10 7.2) and only ReferencedFileID is needed, so a small bounded walker of
/// the element structure does the job: every length is checked against the bytes left,
/// nesting is limited, and a malformed file gives `error` and the files found so far.
std::vector<std::string> readDicomDirReferences(const std::string& path, std::string& error);

}  // namespace crosscheck
