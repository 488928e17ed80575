#!/bin/sh
# xvfb.sh PROGRAM ARGS...: runs PROGRAM under a fresh Xvfb screen of 1280x800x24.
# `xvfb-run -a` can lose the race for a display number to another Xvfb starting at
# the same moment; it then exits with 1, which the window never does: try again.
for attempt in 1 2 3; do
  xvfb-run -a -s '-screen 0 1280x800x24' "$@"
  rc=$?
  [ $rc -ne 1 ] && exit $rc
  sleep 1
done
exit $rc
