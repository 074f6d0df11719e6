#!/usr/bin/python3
"""A solver process for losscape's tests (tests/math/test_external_solver.cpp, docs/bad-input.md).

Usage: solver.py MODE [LR] [LOG]. MODE gd runs plain gradient descent with learning rate LR, as the
built-in gd does (with an LR that is a power of two, p - lr*g is exact, so it equals gd's fused
multiply-add bit for bit), and appends every line losscape sends to LOG when given. Every other MODE
fails in one way, after the hello and the first step's line: so each failure the protocol names can
be seen to stop the ball with its own line.
"""
import json
import os
import signal
import sys
import time

mode = sys.argv[1]
lr = float(sys.argv[2]) if len(sys.argv) > 2 else 0.0078125
log = open(sys.argv[3], "a", encoding="utf-8") if len(sys.argv) > 3 else None


def answer(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


for line in sys.stdin:
    if log:
        log.write(line)
        log.flush()
    msg = json.loads(line)
    if "protocol" in msg or msg.get("reset"):
        continue
    if mode == "gd":
        answer(json.dumps({"x": msg["x"] - lr * msg["gx"], "y": msg["y"] - lr * msg["gy"], "message": f"step {msg['step']}"}))
    elif mode == "done":  # stops the ball at its third step
        answer(json.dumps({"done": True, "message": "good enough"}) if msg["step"] == 2 else
               json.dumps({"x": msg["x"] - lr * msg["gx"], "y": msg["y"] - lr * msg["gy"]}))
    elif mode == "exit":
        print("giving up: no idea", file=sys.stderr)
        sys.exit(3)
    elif mode == "signal":
        os.kill(os.getpid(), signal.SIGKILL)
    elif mode == "hang":
        time.sleep(60)
    elif mode == "garbage":
        answer("hello there")
    elif mode == "no-y":
        answer('{"x": 1.5}')
    elif mode == "nan":
        answer(json.dumps({"x": float("nan"), "y": 0.0}))
    elif mode == "text-x":
        answer('{"x": "1", "y": 2}')
    elif mode == "long":
        answer('{"x": ' + "1" * 100000 + ', "y": 2}')
