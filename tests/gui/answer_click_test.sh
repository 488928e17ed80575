#!/bin/sh
# answer_click_test.sh BACKSTEP PNG_CHECK: exercise 2 in answers mode, stepped past z;
# a click on z1's number in the graph opens its field (focused), 0.5 typed there and
# Enter check it (z1 is 0.4061: wrong), and File > Save image (Enter takes the default
# backstep.png) shows the graph, left of the 400-pixel inspector, with the wrong tint.
bs=$1 check=$2
. "$(dirname "$0")/xdo_lib.sh"
start_xvfb
cd "$work" || exit 1
: > none.txt  # no answers yet: answers mode with an empty sheet
"$bs" ex2 --answers none.txt --step 2 &
app=$!
wait_title "Backstep - ex2$"
sleep 1  # the first frames
for i in 1 2 3; do  # the click, until the typed answer makes the title say unsaved
  xdotool mousemove 650 387
  sleep 0.3
  xdotool click 1
  sleep 0.5
  xdotool type --delay 30 "0.5"
  xdotool key Return
  timeout 3 xdotool search --sync --name "ex2 \*$" >/dev/null && break
done
xdotool search --name "ex2 \*$" >/dev/null || { echo "the answer typed into the clicked field never arrived"; exit 1; }
echo "typed 0.5 into z1's field"
for i in 1 2 3; do  # File > Save image, Enter
  [ -s backstep.png ] && break
  xdotool mousemove 20 10
  sleep 0.3
  xdotool click 1
  sleep 0.5
  xdotool mousemove 75 139
  sleep 0.3
  xdotool click 1
  sleep 0.5
  xdotool key Return
  sleep 1
done
[ -s backstep.png ] || { echo "File > Save image wrote nothing"; exit 1; }
"$check" backstep.png 1280 800 --wrong-left 880 || exit 1
quit_answering d  # the question about the unsaved answer: Discard
