#include "data/cifar.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>

#include "data/tar_gz.h"
#include "i18n/i18n.h"

namespace bs::data {

namespace fs = std::filesystem;

namespace {

const char* const kTrainFiles[kCifarTrainFiles] = {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
                                   "data_batch_4.bin", "data_batch_5.bin"};
const char* const kTestFile = "test_batch.bin";
const char* const kMetaFile = "batches.meta.txt";

std::string fileList() {
  std::string s;
  for (const auto& n : cifarFileNames()) s += (s.empty() ? "" : ", ") + n;
  return s;
}

std::string missingHint() {
  return canReadTarGz() ? fmt(tr("download {} and unpack it (tar xzf cifar-10-binary.tar.gz), then pass the folder "
                                 "cifar-10-batches-bin or the .tar.gz itself; it must hold {}"), kCifarUrl, fileList())
                        : fmt(tr("download {} and unpack it (tar xzf cifar-10-binary.tar.gz), then pass the folder "
                                 "cifar-10-batches-bin; it must hold {}"), kCifarUrl, fileList());
}

// The message for a batch file of the wrong size (`got` bytes, `records` expected).
DataError sizeError(const std::string& what, std::uintmax_t got, int records) {
  const auto expected = std::uintmax_t(records) * ImageSet::kRecord;
  return DataError(fmt(got < expected ? tr("{}: {} bytes, expected {} ({} records of 3073 bytes: 1 label + 3072 pixels); "
                                           "the file is truncated")
                                      : tr("{}: {} bytes, expected {} ({} records of 3073 bytes: 1 label + 3072 pixels); "
                                           "this is not a CIFAR-10 binary batch"),
                       what, got, expected, records));
}

// The size of a regular file. Anything else (a folder, a device) is refused, so a
// wrong path is reported before anything is read.
std::uintmax_t regularFileSize(const fs::path& p) {
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) throw DataError(fmt(tr("{}: not a file (expected a CIFAR-10 binary batch)"), p.string()));
  const std::uintmax_t n = fs::file_size(p, ec);
  if (ec) throw DataError(fmt(tr("{}: cannot read the file size ({})"), p.string(), ec.message()));
  return n;
}

std::string readWhole(const fs::path& p, std::uintmax_t size) {
  std::FILE* f = std::fopen(p.c_str(), "rb");
  if (!f) throw DataError(fmt(tr("{}: cannot open the file"), p.string()));
  std::string bytes(size_t(size), '\0');
  bytes.resize(std::fread(bytes.data(), 1, bytes.size(), f));
  std::fclose(f);
  return bytes;
}

std::vector<std::string> splitLines(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find('\n', start);
    if (end == std::string::npos) end = s.size();
    std::string line = s.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) out.push_back(line);
    start = end + 1;
  }
  return out;
}

// The members read from the archive: the batches and the optional class names.
std::vector<std::string> archiveMembers() {
  std::vector<std::string> v = cifarFileNames();
  v.push_back(kMetaFile);
  return v;
}

// Fills `c` from file name -> contents; `where` says where the files came from.
Cifar fromFiles(const std::map<std::string, std::string>& files, const std::string& where, int records) {
  Cifar c;
  for (const auto& n : cifarFileNames())
    if (!files.count(n)) throw DataError(fmt(tr("{}: {} is missing; {}"), where, n, missingHint()));
  for (const char* n : kTrainFiles) parseBatch(where + "/" + n, files.at(n), records, c.train);
  parseBatch(where + "/" + kTestFile, files.at(kTestFile), records, c.test);
  if (auto it = files.find(kMetaFile); it != files.end()) c.classNames = splitLines(it->second);
  if (c.classNames.size() != size_t(ImageSet::kClasses)) {
    c.classNames.clear();
    for (int k = 0; k < ImageSet::kClasses; ++k) c.classNames.push_back(std::to_string(k));
  }
  return c;
}

}  // namespace

std::vector<std::string> cifarFileNames() {
  std::vector<std::string> v(std::begin(kTrainFiles), std::end(kTrainFiles));
  v.push_back(kTestFile);
  return v;
}

void parseBatch(const std::string& what, const std::string& bytes, int records, ImageSet& set) {
  if (bytes.size() != size_t(records) * ImageSet::kRecord) throw sizeError(what, bytes.size(), records);
  const size_t first = set.labels.size();
  set.labels.resize(first + size_t(records));
  set.pixels.resize(set.labels.size() * ImageSet::kPixels);
  for (int r = 0; r < records; ++r) {
    const char* rec = bytes.data() + size_t(r) * ImageSet::kRecord;
    const auto label = static_cast<std::uint8_t>(rec[0]);
    if (label >= ImageSet::kClasses)
      throw DataError(fmt(tr("{}: record {} has label {}, expected 0..9"), what, r, int(label)));
    set.labels[first + size_t(r)] = label;
    std::copy(rec + 1, rec + ImageSet::kRecord, set.pixels.begin() + std::ptrdiff_t((first + size_t(r)) * ImageSet::kPixels));
  }
}

std::string findCifar(const std::string& given) {
  if (!given.empty()) return given;
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("BACKSTEP_DATA"); env && *env) candidates.push_back(env);
  candidates.push_back("cifar-10-batches-bin");
  if (const char* home = std::getenv("HOME"); home && *home) candidates.push_back(std::string(home) + "/cifar-10-batches-bin");
  std::error_code ec;
  for (const auto& c : candidates)
    if (fs::exists(c, ec)) return c;
  return candidates.front();
}

Cifar loadCifar(const std::string& path, int records) {
  const fs::path p(path);
  std::error_code ec;
  if (!fs::exists(p, ec)) throw DataError(fmt(tr("{}: no such folder; {}"), path, missingHint()));
  if (fs::is_regular_file(p, ec)) {
    if (!canReadTarGz()) throw DataError(fmt(tr("{}: this build cannot read .tar.gz files (no zlib); {}"), path, missingHint()));
    return fromFiles(readTarGz(path, archiveMembers()), path, records);
  }
  std::map<std::string, std::string> files;
  for (const auto& n : cifarFileNames())
    if (fs::exists(p / n, ec)) {
      // Checked before reading: a huge file in a wrong folder must not exhaust memory.
      const std::uintmax_t size = regularFileSize(p / n);
      if (size != std::uintmax_t(records) * ImageSet::kRecord) throw sizeError((p / n).string(), size, records);
      files[n] = readWhole(p / n, size);
    }
  if (files.empty()) {
    // The user may have given the folder that holds cifar-10-batches-bin.
    if (fs::is_directory(p / "cifar-10-batches-bin", ec)) return loadCifar((p / "cifar-10-batches-bin").string(), records);
    throw DataError(fmt(tr("{}: no CIFAR-10 files in this folder; {}"), path, missingHint()));
  }
  // The class names are optional: an implausibly large names file is ignored.
  if (fs::is_regular_file(p / kMetaFile, ec) && fs::file_size(p / kMetaFile, ec) <= 4096)
    files[kMetaFile] = readWhole(p / kMetaFile, fs::file_size(p / kMetaFile, ec));
  return fromFiles(files, path, records);
}

}  // namespace bs::data
