#!/bin/sh
# check_views.sh KIND FILE: checks the CSV that `backstep train --boundary` (KIND
# boundary: XOR on a 4x4 grid) or `--confusion` (KIND confusion: two test images, of
# classes 3 and 7) wrote.
set -u
kind=$1 file=$2
cat "$file"
case $kind in
  boundary)
    # 16 points; the corners carry XOR's signs beyond ±0.9 (x0 varies fastest).
    awk -F, 'NR == 1 && $0 == "x0,x1,output" { ok++ }
             NR == 2 && $1 == -1.2 && $2 == -1.2 && $3 > 0.9 { ok++ }
             NR == 5 && $1 == 1.2 && $2 == -1.2 && $3 < -0.9 { ok++ }
             NR == 14 && $1 == -1.2 && $2 == 1.2 && $3 < -0.9 { ok++ }
             NR == 17 && $1 == 1.2 && $2 == 1.2 && $3 > 0.9 { ok++ }
             END { exit !(ok == 5 && NR == 17) }' "$file" ;;
  confusion)
    # A header of the ten classes, ten rows; one count in row 3, one in row 7, none elsewhere.
    awk -F, 'NR == 1 && $0 == "true\\predicted,0,1,2,3,4,5,6,7,8,9" { ok++ }
             NR > 1 { s = 0; for (i = 2; i <= NF; i++) s += $i; if (NF == 11 && s == ($1 == 3 || $1 == 7)) ok++ }
             END { exit !(ok == 11 && NR == 11) }' "$file" ;;
  *) echo "unknown kind $kind"; exit 2 ;;
esac
