#!/bin/sh
# interrupt.sh BACKSTEP OUT.csv: Ctrl-C (SIGINT) in the middle of a long training run
# stops it after the current batch, writes the finished epochs to OUT.csv and exits
# with 130.
bs=$1 out=$2
rm -f "$out"
"$bs" train ex7 --epochs 100000000 --quiet --out "$out" 2> "$out.err" &
pid=$!
sleep 1
kill -INT "$pid"
wait "$pid"
rc=$?
cat "$out.err"
[ "$rc" -eq 130 ] || { echo "expected exit code 130, got $rc"; exit 1; }
grep -qE "^interrupted: stopped at epoch [0-9]+, batch 1 of 1; the [0-9]+ finished epoch\(s\) are in $out" "$out.err" ||
  { echo "no 'interrupted: ...' line"; exit 1; }
head -n 1 "$out" | grep -qx "epoch,train_loss,train_acc,test_loss,test_acc" || { echo "$out: no CSV header"; exit 1; }
rows=$(($(wc -l < "$out") - 1))
[ "$rows" -ge 1 ] || { echo "$out: no epochs written"; exit 1; }
echo "interrupted after $rows epochs, all in $out"
