// A compiled gettext catalogue (.mo, as msgfmt writes it) read in place: the original
// strings are sorted, so a lookup is a binary search; nothing is copied.
#pragma once
#include <cstdint>
#include <string_view>

namespace bs::i18n {

class MoCatalog {
 public:
  MoCatalog() = default;
  // Throws std::runtime_error if `data` is not a .mo file (magic, sizes, offsets).
  explicit MoCatalog(std::string_view data);
  // The translation of `key` (msgid, or "context\x04msgid"); nullptr if it has none.
  // For a plural entry the whole "form0\0form1" is returned with its length.
  const char* find(const char* key, size_t* length = nullptr) const;
  size_t size() const { return n_; }

 private:
  uint32_t word(size_t offset) const;
  std::string_view entry(size_t table, size_t i) const;
  std::string_view data_;
  bool swap_ = false;
  size_t n_ = 0, originals_ = 0, translations_ = 0;
};

}  // namespace bs::i18n
