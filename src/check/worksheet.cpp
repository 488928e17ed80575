#include "check/worksheet.h"

#include <algorithm>

namespace bs {

namespace {
constexpr std::string_view kHeader = "# backstep worksheet ", kVariant = ", variant ";
}

std::string worksheetHeaderLine(const WorksheetHeader& h) {
  return std::string(kHeader) + h.graph + std::string(kVariant) + h.variant;
}

std::optional<WorksheetHeader> readWorksheetHeader(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::string_view line = text.substr(0, text.find('\n'));
  if (line.ends_with('\r')) line.remove_suffix(1);
  if (!line.starts_with(kHeader)) return std::nullopt;
  line.remove_prefix(kHeader.size());
  const size_t v = line.rfind(kVariant);
  if (v == std::string_view::npos || v == 0) return std::nullopt;
  const std::string_view graph = line.substr(0, v), variant = line.substr(v + kVariant.size());
  const size_t end = variant.find_first_not_of("0123456789");
  const std::string_view digits = variant.substr(0, end);
  if (digits.empty() || (end != std::string_view::npos && variant[end] != ':')) return std::nullopt;
  return WorksheetHeader{std::string(graph), std::string(digits)};
}

std::string variantName(int k, int n) {
  const std::string s = std::to_string(k);
  const size_t width = std::max<size_t>(2, std::to_string(n).size());
  return std::string(width - std::min(width, s.size()), '0') + s;
}

}  // namespace bs
