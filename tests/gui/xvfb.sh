#!/bin/sh
# xvfb.sh PROGRAM ARGS...: runs PROGRAM under a fresh Xvfb screen of 1280x800x24 and
# exits with PROGRAM's own exit code.
# xvfb-run's exit code is not always the program's: `-a` can lose the race for a
# display number to another Xvfb starting at the same moment (it exits 1 before the
# program starts: try again), and its clean-up of its temporary folder sometimes fails
# after the program has ended (it exits 5; this failed a CI run). So the program's own
# code comes back through a file.
rcfile=$(mktemp)
xrc=0
for attempt in 1 2 3; do
  : > "$rcfile"
  xvfb-run -a -s '-screen 0 1280x800x24' sh -c '"$@"; echo $? > "$0"' "$rcfile" "$@"
  xrc=$?
  if [ -s "$rcfile" ]; then
    rc=$(cat "$rcfile")
    rm -f "$rcfile"
    exit "$rc"
  fi
  sleep 1
done
rm -f "$rcfile"
echo "xvfb.sh: the program never started under xvfb-run (its exit code: $xrc)" >&2
exit 125
