#!/usr/bin/python3
"""Records Lookahead and SAM around torch.optim methods as test data: tests/math/data/wrapped_<name>.csv.

Neither is in torch.optim; each is written here from its paper around a real torch.optim method,
in float64, fed the gradient written exactly as losscape's analytic formula
(check_against_pytorch.py's FUNCTIONS), every point written with repr():
  Lookahead (Zhang et al. 2019, Algorithm 1): phi_0 = theta_0; every k-th inner step
    phi <- alpha * theta + (1 - alpha) * phi and theta <- phi; the inner method keeps its state.
  SAM (Foret et al. 2021, Algorithm 1), ASAM (Kwon et al. 2021) when adaptive:
    e = rho * T^2 g / ||T g|| (T = |w| for ASAM, else 1); the inner method steps with grad f(w + e).
tests/math/test_wrappers.cpp replays losscape's lookahead:INNER and sam:INNER from the same start
and requires the same points bit for bit. Run once, by hand (Debian: apt-get install python3-torch);
not part of the test suite.
Usage: scripts/record_wrapper_trajectories.py
"""
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_against_pytorch import FUNCTIONS  # noqa: E402  (the one copy of the formulas)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "math", "data")
STEPS = 200

RECORDINGS = [
    # file name, losscape optimizer, losscape params, torch inner method, wrapper settings, function, start
    ("lookahead_adam", "lookahead:adam", "lr=0.02", lambda p: torch.optim.Adam(p, lr=0.02),
     {"k": 5, "alpha": 0.5}, "rosenbrock", (-1.5, 2.0)),
    ("lookahead_rmsprop", "lookahead:rmsprop", "lookahead_k=3 lookahead_alpha=0.8 lr=0.01 alpha=0.9",
     lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9), {"k": 3, "alpha": 0.8}, "himmelblau", (-0.4, -0.2)),
    ("sam_gd", "sam:gd", "sam_rho=0.05 lr=0.0005", lambda p: torch.optim.SGD(p, lr=0.0005),
     {"rho": 0.05, "adaptive": False}, "rosenbrock", (-1.5, 2.0)),
    ("sam_momentum", "sam:momentum", "sam_rho=0.2 lr=0.005 momentum=0.8 weight_decay=0.1",
     lambda p: torch.optim.SGD(p, lr=0.005, momentum=0.8, weight_decay=0.1), {"rho": 0.2, "adaptive": False},
     "himmelblau", (-0.4, -0.2)),
    ("sam_adaptive_adam", "sam:adam", "sam_rho=0.5 sam_adaptive=1 lr=0.05",
     lambda p: torch.optim.Adam(p, lr=0.05), {"rho": 0.5, "adaptive": True}, "himmelblau", (-0.4, 1.3)),
]


def ascent(rho, adaptive, w, g):
    """SAM's e, in losscape's order of operations (engine/core/optimizers/sam.cpp)."""
    t = [abs(w[0]), abs(w[1])] if adaptive else [1.0, 1.0]
    tg = [t[0] * g[0], t[1] * g[1]]
    norm = math.sqrt(tg[0] * tg[0] + tg[1] * tg[1])
    if not norm > 0.0:
        return [0.0, 0.0]
    return [rho * (t[0] * tg[0]) / norm, rho * (t[1] * tg[1]) / norm]


def record(name, optimizer, params, make, wrapper, function, start):
    gradient = FUNCTIONS[function][1]
    p = torch.tensor(start, dtype=torch.float64)
    p.requires_grad_(True)
    inner = make([p])
    slow = list(start)
    path = os.path.join(OUT, f"wrapped_{name}.csv")
    with open(path, "w") as out:
        out.write(f"# torch {torch.__version__}, scripts/record_wrapper_trajectories.py: {STEPS} steps, float64, "
                  "analytic gradient\n")
        out.write(f"# optimizer={optimizer} params={','.join(params.split())} function={function} "
                  f"start={start[0]!r},{start[1]!r}\n")
        out.write("step,x,y\n")
        for step in range(STEPS + 1):
            if step > 0:
                w = p.tolist()
                e = ascent(wrapper["rho"], wrapper["adaptive"], w, gradient(*w)) if "rho" in wrapper else [0.0, 0.0]
                inner.zero_grad()
                p.grad = torch.tensor(gradient(w[0] + e[0], w[1] + e[1]), dtype=torch.float64)
                inner.step()
                if "k" in wrapper and step % wrapper["k"] == 0:
                    theta = p.tolist()
                    a = wrapper["alpha"]
                    slow = [a * theta[0] + (1.0 - a) * slow[0], a * theta[1] + (1.0 - a) * slow[1]]
                    with torch.no_grad():
                        p.copy_(torch.tensor(slow, dtype=torch.float64))
            x, y = p.tolist()
            out.write(",".join([str(step), repr(x), repr(y)]) + "\n")
    print(path)


def main():
    os.makedirs(OUT, exist_ok=True)
    for recording in RECORDINGS:
        record(*recording)


if __name__ == "__main__":
    main()
