// The file browser under a path popup's field: the folder of the path typed, folders
// first (a click enters one), then files (a click chooses one, a double click takes it).
// The listing (session/file_listing.h) is read again only when the path changes.
#include <imgui.h>

#include "i18n/i18n.h"
#include "gui/panels.h"
#include "session/file_listing.h"

namespace bs::app {

bool fileBrowser(std::string& path, const std::vector<std::string>& extensions) {
  static std::string listedFor = "\x01";  // the path the listing below is of
  static FileListing listing;
  if (path != listedFor) {
    listing = listFolderOf(path, extensions);
    listedFor = path;
  }
  ImGui::TextDisabled(tr("in %s"), listing.shown.c_str());
  bool taken = false;
  ImGui::BeginChild("files", {400, 200}, true);
  if (!listing.error.empty()) ImGui::TextWrapped("%s", listing.error.c_str());
  for (const FileEntry& e : listing.entries) {
    const std::string label = e.folder ? e.name + "/" : e.name;
    if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_AllowDoubleClick | ImGuiSelectableFlags_DontClosePopups)) {
      path = pathAfterClick(listing, e, path);
      taken = !e.folder && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left);
      break;  // the listing changes with the path
    }
  }
  ImGui::EndChild();
  return taken;
}

}  // namespace bs::app
