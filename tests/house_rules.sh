#!/bin/sh
# house_rules.sh SRC: passes when no file outside SRC/gui includes a Dear ImGui, GLFW
# or OpenGL header (what needs a window lives apart from what does not).
src=$1
found=$(grep -rlE '#include *[<"](imgui[^>"]*|GLFW/[^>"]*|GL/[^>"]*|GLES[^>"]*|gui/[^>"]*)[>"]' "$src" --include='*.h' --include='*.cpp' | grep -v "^$src/gui/" | grep -v "^$src/cli/cmd_window.cpp$")
if [ -n "$found" ]; then
  echo "window code outside src/gui:"
  echo "$found"
  exit 1
fi
echo "no file outside src/gui includes ImGui, GLFW or GL headers"
