#!/bin/sh
# quick_keys_test.sh BACKSTEP GRAPH: every key press counts, however quickly they come
# (ImGui 1.86 saw only each frame's key state: a press and release within one frame was
# lost). GRAPH's step 4 is an op error, reported on stderr: a burst of 3 Right presses
# (5 ms apart, all within a frame) must not reach it, one more press must.
bs=$1 graph=$2
. "$(dirname "$0")/xdo_lib.sh"
start_xvfb
open_logging "$graph"
sleep 1  # the first frames
xdotool key --delay 5 Right Right Right
sleep 2
if grep -q "class index" "$err"; then echo "3 presses went beyond step 3"; exit 1; fi
xdotool key Right
for i in $(seq 20); do grep -q "class index" "$err" && break; sleep 0.25; done
grep "class index" "$err" || { echo "3 quick presses and one more did not reach step 4: presses were lost"; exit 1; }
escape_until_closed
