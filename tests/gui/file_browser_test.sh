#!/bin/sh
# file_browser_test.sh BACKSTEP FOLDER: Ctrl+O, the folder typed into the path field,
# then a double click on the browser's third row (FOLDER holds a.bsg, b.bsg and c.bsg:
# the rows are ../, a.bsg, b.bsg, ...) opens b.bsg: the title says so.
bs=$1
. "$(dirname "$0")/xdo_lib.sh"
start_xvfb
for n in a b c; do printf 'input x = 1\ny = sigmoid(x)\noutput y\n' > "$work/$n.bsg"; done
"$bs" ex2 &
app=$!
wait_title "Backstep - ex2$"
sleep 1  # the first frames
for try in 1 2 3; do
  xdotool mousemove 1000 700 key ctrl+o
  sleep 1
  xdotool type --delay 20 "$work/"
  sleep 1
  # The popup is centred: its list starts 88 pixels below its top (rows of 19 pixels).
  # 200 ms apart: two clicks within one of a loaded machine's frames are one click to ImGui.
  xdotool mousemove 470 373 click --repeat 2 --delay 200 1
  timeout 3 xdotool search --sync --name "b.bsg$" >/dev/null && break
  xdotool key Escape
done
timeout 3 xdotool search --sync --name "Backstep - $work/b.bsg$" >/dev/null || { echo "the double click did not open b.bsg"; exit 1; }
echo "opened b.bsg from the browser"
escape_until_closed
