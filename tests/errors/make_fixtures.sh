#!/bin/sh
# make_fixtures.sh BACKSTEP DIR: writes the bad inputs of the error catalogue that are
# too big or too binary to keep in the repository: small CIFAR-10 folders (2 records
# per file) with one fault each, huge graphs, and damaged model files.
set -eu
bs=$1 dir=$2
repo=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"

record() { # record LABEL: one CIFAR-10 record (label byte, 3072 zero pixels)
  printf "\\$(printf '%03o' "$1")"
  head -c 3072 /dev/zero
}
cifar() { # cifar FOLDER: a valid folder of 2 records per file
  mkdir -p "$1"
  for f in data_batch_1 data_batch_2 data_batch_3 data_batch_4 data_batch_5 test_batch; do
    { record 3; record 7; } > "$1/$f.bin"
  done
}
cifar ok
cifar truncated && head -c 5000 truncated/data_batch_1.bin > t && mv t truncated/test_batch.bin
cifar oversized && head -c 100 /dev/zero >> oversized/data_batch_3.bin
cifar label && { record 0; record 10; } > label/data_batch_2.bin
cifar incomplete && rm incomplete/data_batch_4.bin
mkdir -p garbage/data_batch_1.bin && head -c 5000 /dev/urandom > garbage/data_batch_2.bin
head -c 5000 /dev/urandom > not-a-tar.gz
# An archive holding data_batch_1.bin twice, in two folders.
mkdir -p twice/a twice/b && { record 3; record 7; } > twice/a/data_batch_1.bin && cp twice/a/data_batch_1.bin twice/b/
tar --format=ustar -C twice -czf twice.tar.gz a/data_batch_1.bin b/data_batch_1.bin

# Graphs: a product of 40 000 x 40 000 (1.6 * 10^9 numbers), a million nodes, 17 MB.
{ printf 'input x = ['; seq -s ', ' 1 40000 | tr -d '\n'; printf ']\na = x @ transpose(x)\nb = sum(a)\noutput b\n'; } > huge-matrix.bsg
{ echo 'input x = 1'; seq 1 1000000 | sed 's/.*/n&=-x/'; echo 'output x'; } > million-nodes.bsg
# Not an error: a chain of 5 000 nodes, which the window shows collapsed.
{ echo 'input x = 1'; echo 'n1 = -x'; seq 2 5000 | awk '{ print "n" $1 " = -n" ($1 - 1) }'; echo 'output n5000'; } > chain.bsg
head -c 17000000 /dev/zero | tr '\0' '#' > too-long.bsg
# Not an error either: a 20 000-character name over a 20 000-number literal, which the
# window must draw (labels cut, the heatmap downsampled, the editor clipped).
name=$(head -c 20000 /dev/zero | tr '\0' 'b')
{ printf 'input x = ['; seq -s ', ' 1 20000 | tr -d '\n'; printf ']\n%s = sum_squares(x)\noutput %s\n' "$name" "$name"; } > long-text.bsg

# Model files: a good one, a cut one, one of another preset.
"$bs" train ex6 --epochs 1 --quiet --save model.bin > /dev/null
head -c 60 model.bin > damaged-model.bin
# A preset named ex6 whose hidden layer is sigmoid, not tanh: the shapes fit model.bin.
mkdir -p other && sed 's/"units": 2, "activation": "tanh"/"units": 2, "activation": "sigmoid"/' "$repo/assets/experiments/ex6.json" > other/ex6.json
