#!/bin/sh
# expect.sh CODE PATTERN PROGRAM ARGS...: one row of the README's error catalogue.
# Runs PROGRAM and passes when it exits with CODE and its stderr has a line matching
# PATTERN (grep -E); otherwise prints what it got.
code=$1 pattern=$2
shift 2
err=$("$@" 2>&1 >/dev/null)
rc=$?
if [ "$rc" -ne "$code" ]; then
  printf 'expected exit code %s, got %s; stderr:\n%s\n' "$code" "$rc" "$err"
  exit 1
fi
if ! printf '%s\n' "$err" | grep -qE -- "$pattern"; then
  printf 'exit code %s as expected, but no line of stderr matches:\n  %s\nstderr:\n%s\n' "$code" "$pattern" "$err"
  exit 1
fi
printf '%s\n' "$err"
