#!/usr/bin/env python3
"""Heavy-ball momentum as a losscape solver: losscape --solver "python3 examples/solvers/momentum.py 0.01 0.9"."""
import json
import sys

lr, beta = (float(a) for a in sys.argv[1:3]) if len(sys.argv) > 2 else (0.01, 0.9)
hello = json.loads(sys.stdin.readline())  # {"protocol": 1, "function": ..., "domain": [...], "start": [x, y]}
vx = vy = 0.0
for line in sys.stdin:
    msg = json.loads(line)
    if msg.get("reset"):  # the ball went back to its start: forget the velocity
        vx = vy = 0.0
        continue
    vx, vy = beta * vx + msg["gx"], beta * vy + msg["gy"]
    answer = {"x": msg["x"] - lr * vx, "y": msg["y"] - lr * vy, "message": f"|v| = {(vx * vx + vy * vy) ** 0.5:.3g}"}
    print(json.dumps(answer), flush=True)
