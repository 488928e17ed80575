#!/bin/sh
# unsaved_test.sh BACKSTEP GRAPH save|discard: types a line into the Source editor of a
# copy of GRAPH (not applied), presses Esc twice (the first leaves the editor, keeping
# the text; the second asks), and checks the window did not quit. Then `save` answers
# Enter (Save) and checks the file has the typed line; `discard` answers Esc (Cancel),
# checks the window stays, asks again and answers D (Discard): the file is unchanged.
# Either way the window then closes with exit code 0. Every wait is bounded.
bs=$1 graph=$2 mode=$3
. "$(dirname "$0")/xdo_lib.sh"
start_xvfb
open_copy "$graph"
type_in_source "# typed by hand"  # until the title says it is unsaved
xdotool key Escape
sleep 1
xdotool key Escape
sleep 2
kill -0 $app 2>/dev/null || { echo "Esc quit with unsaved work"; exit 1; }
echo "Esc with unsaved work: still running"
if [ "$mode" = save ]; then
  answer=Return
else
  xdotool key Escape  # Cancel
  sleep 2
  kill -0 $app 2>/dev/null || { echo "Cancel quit"; exit 1; }
  answer=d
fi
quit_answering $answer
if [ "$mode" = save ]; then
  tail -n 1 "$work/g.bsg" | grep -qx "# typed by hand" || { echo "Save did not write the typed line"; exit 1; }
  echo "saved the typed line, then quit"
else
  cmp -s "$graph" "$work/g.bsg" || { echo "Discard changed the file"; exit 1; }
  echo "discarded: the file is unchanged"
fi
