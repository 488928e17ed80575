#!/bin/sh
# undo_test.sh BACKSTEP GRAPH: types a new node into the Source editor of a copy of
# GRAPH, leaves the editor and presses Apply; Ctrl+Z takes the applied
# source back, so the title loses its * and Esc quits at once; Ctrl+Y in between does it
# again. The file is unchanged. Every wait is bounded.
# (Esc is pressed again if a loaded machine missed it; a question would keep the window.)
bs=$1 graph=$2
. "$(dirname "$0")/xdo_lib.sh"
start_xvfb
open_copy "$graph"
type_in_source "const k = 2"
xdotool key Escape  # leaves the editor: from here Ctrl+Z is the window's, not the editor's
sleep 0.5
xdotool mousemove 950 105 click 1  # Apply
# press KEYS until the title matches PATTERN (10 s at most)
press_until() {
  for i in $(seq 20); do
    xdotool search --name "$2" >/dev/null 2>&1 && return 0
    xdotool key "$1"
    sleep 0.5
  done
  echo "$1 never gave a window titled '$2'"
  exit 1
}
press_until ctrl+z "g.bsg$"
echo "Ctrl+Z took the applied source back"
press_until ctrl+y "g.bsg \*$"
press_until ctrl+z "g.bsg$"
echo "Ctrl+Y redid it, Ctrl+Z undid it again"
escape_until_closed
cmp -s "$graph" "$work/g.bsg" || { echo "the file changed"; exit 1; }
echo "nothing unsaved: Esc quit at once"
