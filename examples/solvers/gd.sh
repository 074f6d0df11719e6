#!/bin/sh
# Gradient descent as a losscape solver in plain sh (awk does the arithmetic; no JSON library: the
# fields are picked out by name). losscape --solver "sh examples/solvers/gd.sh 0.01"
lr=${1:-0.01}
read -r hello  # {"protocol": 1, "function": ..., "domain": [...], "start": [x, y]}
while read -r line; do
  case $line in *'"reset"'*) continue ;; esac  # gradient descent keeps no state to forget
  echo "$line" | awk -v lr="$lr" '
    function field(name,    s) { match($0, "\"" name "\": *[^,}]+"); s = substr($0, RSTART, RLENGTH); sub(/^[^:]*: */, "", s); return s }
    { printf "{\"x\": %.17g, \"y\": %.17g}\n", field("x") - lr * field("gx"), field("y") - lr * field("gy") }'
done
