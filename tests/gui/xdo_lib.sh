# Sourced by the tests that drive the window with real events (xdotool, through XTEST):
# a fresh Xvfb of 1280x800 with its own settings file, and bounded waits.
# start_xvfb: sets DISPLAY, BACKSTEP_SETTINGS and $work (a temporary folder); all is
# removed on exit, the window included (its pid in $app).
# Xvfb picks a free display itself and writes its number when ready (-displayfd): two
# tests starting at once cannot take the same one (they did, choosing from the locks).
start_xvfb() {
  work=$(mktemp -d)
  Xvfb -displayfd 3 -screen 0 1280x800x24 3>"$work/display" >/dev/null 2>&1 &
  xvfb=$!
  trap 'kill $xvfb $app 2>/dev/null; rm -rf "$work"' EXIT
  for i in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
  [ -s "$work/display" ] || { echo "Xvfb did not start within 10 s"; exit 1; }
  export DISPLAY=:$(cat "$work/display") BACKSTEP_SETTINGS=$work/settings.ini
}
# wait_title PATTERN: until a window's title matches (30 s at most).
wait_title() {
  timeout 30 xdotool search --sync --name "$1" >/dev/null || { echo "no window titled '$1' within 30 s"; exit 1; }
}
# wait_exit: until the window has gone (20 s at most), then checks its exit code is 0.
wait_exit() {
  for i in $(seq 40); do kill -0 $app 2>/dev/null || break; sleep 0.5; done
  if kill -0 $app 2>/dev/null; then echo "the window did not close"; exit 1; fi
  wait $app
  rc=$?
  [ $rc -eq 0 ] || { echo "exit code $rc"; exit 1; }
}
# open_logging GRAPH: opens GRAPH in the window with its stderr in $err (pid in $app),
# the pointer over it (so the keys go there).
open_logging() {
  err=$work/stderr.txt
  "$bs" "$1" 2>"$err" &
  app=$!
  wait_title "Backstep"
  xdotool mousemove 640 400
}
# open_copy GRAPH: opens a copy of GRAPH, $work/g.bsg, on the Source tab (pid in $app).
open_copy() {
  cp "$1" "$work/g.bsg"
  "$bs" "$work/g.bsg" --source-tab &
  app=$!
  wait_title "g.bsg$"
  sleep 1  # the first frames
}
# escape_until_closed: Esc once a second (10 at most) until the window has gone, then
# checks its exit code is 0 (a loaded machine may miss a press).
escape_until_closed() {
  for i in $(seq 10); do
    kill -0 $app 2>/dev/null || break
    xdotool key Escape
    sleep 1
  done
  wait_exit
}
# quit_answering KEY: Esc, which asks about the unsaved work (or, if a key was lost,
# leaves a field or cancels), then KEY (Return: Save, d: Discard), until the window has
# gone (10 tries); then checks its exit code is 0.
quit_answering() {
  for i in $(seq 10); do
    kill -0 $app 2>/dev/null || break
    xdotool key Escape
    sleep 1
    xdotool key "$1"
    sleep 1
  done
  wait_exit
}
# type_in_source TEXT: clicks into the Source tab's editor (the window started with
# --source-tab), goes to the end and types a new last line, until the title says the
# text is unsaved (3 tries: the first frames may not have drawn the editor yet).
type_in_source() {
  for try in 1 2 3; do
    xdotool mousemove 1080 600 click 1
    sleep 0.5
    xdotool key ctrl+End Return
    xdotool type --delay 30 "$1"
    timeout 3 xdotool search --sync --name "g.bsg \*$" >/dev/null && return 0
  done
  echo "typing in the Source editor never made the graph unsaved"
  exit 1
}
