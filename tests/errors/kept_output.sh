#!/bin/sh
# kept_output.sh BACKSTEP DIR: an output that fails after the run (--out to /dev/full,
# whose writes fail with "No space left on device") costs no other: --save is still
# written, and the exit code says that something failed.
bs=$1 dir=$2
rm -f "$dir/kept.bin"
err=$("$bs" train ex6 --epochs 5 --quiet --out /dev/full --save "$dir/kept.bin" 2>&1 >/dev/null)
rc=$?
printf '%s\n' "$err"
[ "$rc" -eq 2 ] || { echo "expected exit code 2, got $rc"; exit 1; }
printf '%s\n' "$err" | grep -qE "^error: /dev/full: writing failed after 0 of [0-9]+ bytes \(No space left on device\)" ||
  { echo "no line naming /dev/full and the reason"; exit 1; }
"$bs" train ex6 --epochs 0 --quiet --load "$dir/kept.bin" || { echo "$dir/kept.bin was not written"; exit 1; }
