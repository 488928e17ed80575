// CIFAR-10 batch files held in memory: any bytes give images or a DataError naming
// the file and what was expected.
#include <cstdint>
#include <string>

#include "data/cifar.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  for (int records : {1, 2, int(size / 3073)}) {
    bs::data::ImageSet set;
    try {
      bs::data::parseBatch("fuzz.bin", bytes, records, set);
      if (set.size() != records) __builtin_trap();
      for (auto label : set.labels)
        if (label >= bs::data::ImageSet::kClasses) __builtin_trap();
    } catch (const bs::data::DataError&) {
    }
  }
  return 0;
}
