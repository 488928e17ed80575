#!/bin/sh
# screenshot_test.sh BACKSTEP PNG_CHECK OUT.png WxH [--heatmap|--verdicts] -- BACKSTEP_ARGS...
# Renders under Xvfb with --screenshot and checks the PNG.
set -e
backstep=$1 check=$2 out=$3 size=$4
shift 4
heatmap=""
if [ "$1" = "--heatmap" ] || [ "$1" = "--verdicts" ]; then heatmap=$1; shift; fi
[ "$1" = "--" ] && shift
rm -f "$out"
"$(dirname "$0")/xvfb.sh" "$backstep" --screenshot "$out" --size "$size" "$@"
"$check" "$out" "${size%x*}" "${size#*x}" $heatmap
