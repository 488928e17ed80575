#!/bin/sh
# key_error_test.sh BACKSTEP GRAPH: opens GRAPH (whose first step is an op error) in the
# window under its own Xvfb, presses Right with real key events (xdotool, through
# XTEST) until the window reports the failed step on stderr, and passes when the window
# is still running then, and Esc closes it with exit code 0. Every wait is bounded.
bs=$1 graph=$2
# Xvfb picks a free display itself and writes its number when ready (-displayfd): two
# tests starting at once cannot take the same one.
number=$(mktemp)
Xvfb -displayfd 3 -screen 0 1280x800x24 3>"$number" >/dev/null 2>&1 &
xvfb=$!
err=$(mktemp)
trap 'kill $xvfb $app 2>/dev/null; rm -f "$err" "$number"' EXIT
for i in $(seq 100); do [ -s "$number" ] && break; sleep 0.1; done
[ -s "$number" ] || { echo "Xvfb did not start within 10 s"; exit 1; }
export DISPLAY=:$(cat "$number")
"$bs" "$graph" 2>"$err" &
app=$!
timeout 30 xdotool search --sync --name "Backstep" >/dev/null || { echo "no window within 30 s"; exit 1; }
xdotool mousemove 640 400
for i in $(seq 40); do  # up to 20 s: a loaded machine may miss the first presses
  grep -q "class index 7 is not one of 0..2" "$err" && break
  xdotool key Right
  sleep 0.5
done
grep "class index" "$err" || { echo "the failed step was never reported"; exit 1; }
kill -0 $app 2>/dev/null || { echo "the window died after the keys"; exit 1; }
echo "still running after the step failed"
for i in $(seq 40); do
  kill -0 $app 2>/dev/null || break
  xdotool key Escape
  sleep 0.5
done
if kill -0 $app 2>/dev/null; then echo "Esc did not close the window"; exit 1; fi
wait $app
rc=$?
[ $rc -eq 0 ] || { echo "Esc: exit code $rc"; exit 1; }
echo "closed with Esc, exit code 0"
