// The .tar.gz reader: any bytes (gzip or not: zlib reads plain bytes through) give the
// CIFAR-10 members found, each once and within its size cap, or a DataError.
#include <cstdint>
#include <string>
#include <vector>

#include "data/cifar.h"
#include "data/tar_gz.h"
#include "temp_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const FuzzFile file(data, size, "tar-gz");
  if (!file.written) return 0;
  const std::vector<std::string> names = {"data_batch_1.bin", "test_batch.bin", "batches.meta.txt"};
  try {
    // A small cap on what is decompressed keeps each input fast; the logic is the same.
    const auto members = bs::data::readTarGz(file.path, names, size_t(64) << 20);
    if (members.size() > names.size()) __builtin_trap();
    for (const auto& [name, content] : members)
      if (content.size() > (size_t(256) << 20)) __builtin_trap();
  } catch (const bs::data::DataError&) {
  }
  return 0;
}
