#include "assets/embedded.h"

#include <algorithm>

namespace bs {

namespace {
constexpr std::string_view kDir = "assets/graphs/", kExt = ".bsg";
bool isExample(std::string_view p) { return p.starts_with(kDir) && p.ends_with(kExt); }
std::string nameOf(std::string_view p) { return std::string(p.substr(kDir.size(), p.size() - kDir.size() - kExt.size())); }
}  // namespace

std::optional<std::string_view> embeddedFile(std::string_view path) {
  for (const auto& f : embeddedFiles())
    if (f.path == path) return f.content;
  return std::nullopt;
}

std::vector<std::string> exampleNames() {
  std::vector<std::string> v;
  for (const auto& f : embeddedFiles())
    if (isExample(f.path)) v.push_back(nameOf(f.path));
  std::sort(v.begin(), v.end());
  return v;
}

std::optional<std::string_view> exampleSource(const std::string& name) {
  for (const auto& f : embeddedFiles())
    if (isExample(f.path) && nameOf(f.path) == name) return f.content;
  return std::nullopt;
}

}  // namespace bs
