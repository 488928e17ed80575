// CIFAR-10 in the official binary layout: records of 1 label byte and 3072 pixel
// bytes (1024 red, 1024 green, 1024 blue, each plane row-major 32x32). Pixels stay
// bytes in memory (150 MB for the whole set instead of 600 MB as floats); batches are
// converted to floats when they are used (see normalizer.h).
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace bs::data {

// A problem with the data files: the message names the file and what was expected.
struct DataError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Images stored as bytes, one record after another.
struct ImageSet {
  static constexpr int kPixels = 3072, kRecord = 3073, kClasses = 10;
  std::vector<std::uint8_t> pixels;  // size() * kPixels bytes
  std::vector<std::uint8_t> labels;  // 0..9
  int size() const { return int(labels.size()); }
  const std::uint8_t* image(int i) const { return pixels.data() + size_t(i) * kPixels; }
};

struct Cifar {
  ImageSet train, test;
  std::vector<std::string> classNames;  // from batches.meta.txt, or "0".."9"
};

inline constexpr const char* kCifarUrl = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
// data_batch_1.bin .. data_batch_5.bin hold the training set.
inline constexpr int kCifarTrainFiles = 5;
// The files a CIFAR-10 folder must hold.
std::vector<std::string> cifarFileNames();

// Appends the records of one batch file held in memory to `set`. `what` names the
// file in errors; `records` is how many records it must hold (10 000 in the real set).
void parseBatch(const std::string& what, const std::string& bytes, int records, ImageSet& set);

// Where to look for the data: `given` if not empty, else $BACKSTEP_DATA, else
// ./cifar-10-batches-bin, else ~/cifar-10-batches-bin (the first that exists; the
// first candidate if none does, so that the error names it).
std::string findCifar(const std::string& given);

// Loads data_batch_1..5.bin and test_batch.bin from a folder, or from the downloaded
// cifar-10-binary.tar.gz. Throws DataError naming the file and what was expected.
// `recordsPerFile` is 10 000 for the real data; tests use small files.
Cifar loadCifar(const std::string& folderOrArchive, int recordsPerFile = 10000);

}  // namespace bs::data
