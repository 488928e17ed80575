#!/bin/sh
# key_error_test.sh BACKSTEP GRAPH: opens GRAPH (whose first step is an op error) in the
# window under its own Xvfb, presses Right with real key events (xdotool, through
# XTEST) until the window reports the failed step on stderr, and passes when the window
# is still running then, and Esc closes it with exit code 0. Every wait is bounded.
bs=$1 graph=$2
. "$(dirname "$0")/xdo_lib.sh"
start_xvfb
open_logging "$graph"
for i in $(seq 40); do  # up to 20 s: a loaded machine may miss the first presses
  grep -q "class index 7 is not one of 0..2" "$err" && break
  xdotool key Right
  sleep 0.5
done
grep "class index" "$err" || { echo "the failed step was never reported"; exit 1; }
kill -0 $app 2>/dev/null || { echo "the window died after the keys"; exit 1; }
echo "still running after the step failed"
escape_until_closed
echo "closed with Esc, exit code 0"
