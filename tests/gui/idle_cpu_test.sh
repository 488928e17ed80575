#!/bin/sh
# idle_cpu_test.sh BACKSTEP ARGS...: starts the window under its own Xvfb, leaves it
# alone, and passes when it used under 3% of a core over 10 s (utime + stime from
# /proc/PID/stat): an idle window draws nothing (it redrew every frame at 80-95%).
bs=$1
shift
. "$(dirname "$0")/xdo_lib.sh"
start_xvfb
"$bs" "$@" &
app=$!
wait_title "Backstep"
sleep 2  # the first frames
ticks() { awk '{print $14 + $15}' /proc/$app/stat; }
t0=$(ticks)
sleep 10
t1=$(ticks)
hz=$(getconf CLK_TCK)
used=$(( (t1 - t0) * 1000 / hz / 10 ))  # tenths of a percent of one core
echo "idle for 10 s: $(( t1 - t0 )) ticks of 1/$hz s = $(( used / 10 )).$(( used % 10 ))% of a core"
[ "$used" -lt 30 ] || { echo "an idle window should use under 3% of a core"; exit 1; }
xdotool key Escape
wait_exit
