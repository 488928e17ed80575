#!/bin/sh
# key_error_test.sh BACKSTEP GRAPH: opens GRAPH (whose first step is an op error) in the
# window under its own Xvfb, presses Right with real key events (xdotool, through
# XTEST) a few times, and passes when the window is still running afterwards and Esc
# then closes it with exit code 0.
bs=$1 graph=$2
for d in $(seq 91 99); do [ -e /tmp/.X$d-lock ] || { display=:$d; break; }; done
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
export DISPLAY=$display
for i in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
"$bs" "$graph" &
app=$!
# The window is up once xdotool finds it.
xdotool search --sync --name "Backstep" >/dev/null || { echo "no window"; exit 1; }
xdotool mousemove 640 400
for k in 1 2 3; do xdotool key Right; sleep 0.3; done
sleep 1
if ! kill -0 $app 2>/dev/null; then
  wait $app; echo "the window died after the keys (exit $?)"; exit 1
fi
echo "still running after 3 x Right on a step that fails"
xdotool key Escape
wait $app
rc=$?
[ $rc -eq 0 ] || { echo "Esc: exit code $rc"; exit 1; }
echo "closed with Esc, exit code 0"
