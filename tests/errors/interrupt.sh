#!/bin/sh
# interrupt.sh BACKSTEP OUT.csv: Ctrl-C (SIGINT) in the middle of a long training run
# stops it after the current batch, writes the finished epochs to OUT.csv and exits
# with 130.
bs=$1 out=$2
rm -f "$out"
"$bs" train ex7 --epochs 100000000 --out "$out" > "$out.log" 2> "$out.err" &
pid=$!
# Ctrl-C once training has begun (the first epoch's line is out), however slow the machine.
for i in $(seq 100); do
  grep -q "^epoch" "$out.log" 2>/dev/null && break
  sleep 0.1
done
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
