#include "i18n/mo_catalog.h"

#include <cstring>
#include <stdexcept>

namespace bs::i18n {

uint32_t MoCatalog::word(size_t offset) const {
  if (offset + 4 > data_.size()) throw std::runtime_error("a .mo catalogue is cut short");
  uint32_t w;
  std::memcpy(&w, data_.data() + offset, 4);
  return swap_ ? __builtin_bswap32(w) : w;
}

std::string_view MoCatalog::entry(size_t table, size_t i) const {
  const size_t length = word(table + 8 * i), offset = word(table + 8 * i + 4);
  // Each string is followed by a NUL, which the length does not count.
  if (offset > data_.size() || length >= data_.size() - offset || data_[offset + length] != '\0')
    throw std::runtime_error("a .mo catalogue has a string outside it");
  return data_.substr(offset, length);
}

MoCatalog::MoCatalog(std::string_view data) : data_(data) {
  const uint32_t magic = word(0);
  if (magic == 0xde120495u) swap_ = true;
  else if (magic != 0x950412deu) throw std::runtime_error("not a .mo catalogue (magic number)");
  n_ = word(8);
  originals_ = word(12);
  translations_ = word(16);
  for (size_t i = 0; i < n_; ++i) entry(originals_, i), entry(translations_, i);  // all inside, once
}

const char* MoCatalog::find(const char* key, size_t* length) const {
  size_t lo = 0, hi = n_;
  while (lo < hi) {  // msgfmt sorts the originals by strcmp (a plural's up to its NUL)
    const size_t mid = (lo + hi) / 2;
    const int c = std::strcmp(entry(originals_, mid).data(), key);
    if (c == 0) {
      const std::string_view t = entry(translations_, mid);
      if (t.empty()) return nullptr;
      if (length) *length = t.size();
      return t.data();
    }
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return nullptr;
}

}  // namespace bs::i18n
