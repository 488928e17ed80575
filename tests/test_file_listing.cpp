// The Open and Save popups' file browser: folders first, then files, hidden ones left
// out, a filter by extension; clicks enter folders (keeping a typed file name) and
// choose files.
#include "testing.h"

#include <filesystem>
#include <fstream>

#include "session/file_listing.h"

using namespace bs::app;
namespace fs = std::filesystem;

namespace {
std::vector<std::string> names(const FileListing& l) {
  std::vector<std::string> out;
  for (const FileEntry& e : l.entries) out.push_back(e.name + (e.folder ? "/" : ""));
  return out;
}
}  // namespace

TEST_CASE("a folder lists its folders, then its files, by name; hidden ones are left out") {
  const fs::path root = fs::temp_directory_path() / "backstep-file-listing";
  fs::remove_all(root);
  fs::create_directories(root / "zeta");
  fs::create_directories(root / "alpha");
  fs::create_directories(root / ".hidden");
  for (const char* f : {"b.bsg", "a.txt", "c.bsg", ".secret.bsg"}) std::ofstream(root / f) << "x";
  const std::string dir = root.string();

  CHECK(names(listFolderOf(dir)) == std::vector<std::string>{"../", "alpha/", "zeta/", "a.txt", "b.bsg", "c.bsg"});
  CHECK(names(listFolderOf(dir + "/b.bsg", {".bsg"})) == std::vector<std::string>{"../", "alpha/", "zeta/", "b.bsg", "c.bsg"});
  // A file name being typed lists its folder.
  CHECK(listFolderOf(dir + "/new-name.bsg").folder == dir);

  FileListing l = listFolderOf(dir + "/", {".bsg"});
  CHECK(pathAfterClick(l, {"c.bsg", false}, dir + "/") == dir + "/c.bsg");
  CHECK(pathAfterClick(l, {"alpha", true}, dir + "/mine.bsg") == dir + "/alpha/mine.bsg");  // Save keeps the name
  CHECK(pathAfterClick(l, {"alpha", true}, dir + "/") == dir + "/alpha/");
  CHECK(pathAfterClick(l, {"..", true}, "") == fs::temp_directory_path().string() + "/");

  const FileListing missing = listFolderOf(dir + "/nope/");
  CHECK(missing.entries.empty());
  CHECK(missing.error.find("nope") != std::string::npos);
  CHECK(names(listFolderOf("/")).front() != "../");  // the root has no parent
  fs::remove_all(root);
}
