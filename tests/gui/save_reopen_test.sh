#!/bin/sh
# save_reopen_test.sh BACKSTEP GRAPH: types a new node into the Source editor of a copy
# of GRAPH, saves with Ctrl+S (which applies it), quits with Esc (nothing unsaved: no
# question), and checks the file gives the same steps as GRAPH with that line. Then the
# window started with no file reopens the saved one (the last file) and closes with Esc.
bs=$1 graph=$2
. "$(dirname "$0")/xdo_lib.sh"
start_xvfb
open_copy "$graph"
type_in_source "const k = 2"
for i in $(seq 20); do  # Ctrl+S until the file has the line
  grep -qx "const k = 2" "$work/g.bsg" && break
  xdotool key ctrl+s
  sleep 0.5
done
grep -qx "const k = 2" "$work/g.bsg" || { echo "Ctrl+S did not save"; exit 1; }
wait_title "g.bsg$"  # saved: no * any more
escape_until_closed  # leaves the editor, then quits
{ cat "$graph"; echo; echo "const k = 2"; } > "$work/expected.bsg"
"$bs" trace "$work/expected.bsg" | tail -n +2 > "$work/expected.txt"
"$bs" trace "$work/g.bsg" | tail -n +2 > "$work/saved.txt"
cmp -s "$work/expected.txt" "$work/saved.txt" || { echo "the saved graph steps differently"; diff "$work/expected.txt" "$work/saved.txt" | head; exit 1; }
"$bs" trace "$work/g.bsg" --step 0 | grep -q "^ *k  *const" || { echo "the saved graph has no node k"; exit 1; }
echo "saved with Ctrl+S and quit; the file steps as expected"
"$bs" &
app=$!
wait_title "Backstep - $work/g.bsg$"
echo "reopened as the last file"
escape_until_closed
echo "closed with Esc"
