#!/usr/bin/python3
"""Cross-checks losscape's optimizers against torch.optim, step by step.

For each optimizer, losscape writes a trajectory with --export-trajectories; the same run is
repeated with torch.optim in float64, fed the gradient written exactly as losscape's analytic
formula (so the comparison tests the update rules, not two ways of rounding a gradient), and
the relative difference printed: the first step that differs at all, the largest difference
in the first 100 steps, and over the whole run (the check fails above 1e-12 anywhere). With
the same gradient formula the trajectories are identical bit for bit: losscape performs
torch's operations in torch's order, fused multiply-adds included. A second column repeats the torch
run with autograd's gradient instead, for the end-to-end figure.

Needs PyTorch (Debian: apt-get install python3-torch). Not part of the test suite, which must
run without it; the rules are also checked there against values worked out by hand.
Usage: scripts/check_against_pytorch.py [path/to/losscape]
"""
import csv
import subprocess
import sys
import tempfile

import torch

LOSSCAPE = sys.argv[1] if len(sys.argv) > 1 and __name__ == "__main__" else "build/losscape"

FUNCTIONS = {
    # name: (value with torch ops, gradient as losscape writes it)
    "rosenbrock": (
        lambda x, y: (1 - x) ** 2 + 100 * (y - x * x) ** 2,
        lambda x, y: (-2.0 * (1.0 - x) - 400.0 * x * (y - x * x), 200.0 * (y - x * x)),
    ),
    "himmelblau": (
        lambda x, y: (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
        lambda x, y: (4.0 * x * (x * x + y - 11.0) + 2.0 * (x + y * y - 7.0),
                      2.0 * (x * x + y - 11.0) + 4.0 * y * (x + y * y - 7.0)),
    ),
}

# f as losscape writes it (engine/core/builtin_functions.cpp), for L-BFGS, which compares values.
VALUES = {
    "rosenbrock": lambda x, y: (1.0 - x) * (1.0 - x) + 100.0 * (y - x * x) * (y - x * x),
    "himmelblau": lambda x, y: (x * x + y - 11.0) * (x * x + y - 11.0) + (x + y * y - 7.0) * (x + y * y - 7.0),
}

CASES = [
    # optimizer, torch constructor, losscape params (space-separated KEY=VALUE), function, start, steps
    ("gd", lambda p: torch.optim.SGD(p, lr=0.001), "lr=0.001", "rosenbrock", (-1.5, 2.0), 2000),
    ("momentum", lambda p: torch.optim.SGD(p, lr=0.0005, momentum=0.9), "lr=0.0005", "rosenbrock", (-1.5, 2.0), 2000),
    ("nesterov", lambda p: torch.optim.SGD(p, lr=0.0005, momentum=0.9, nesterov=True), "lr=0.0005", "rosenbrock", (-1.5, 2.0), 2000),
    ("adagrad", lambda p: torch.optim.Adagrad(p, lr=0.5), "lr=0.5", "rosenbrock", (-1.5, 2.0), 2000),
    ("rmsprop", lambda p: torch.optim.RMSprop(p, lr=0.01), "lr=0.01", "rosenbrock", (-1.5, 2.0), 2000),
    ("adam", lambda p: torch.optim.Adam(p, lr=0.02), "lr=0.02", "rosenbrock", (-1.5, 2.0), 2000),
    ("adamw", lambda p: torch.optim.AdamW(p, lr=0.02), "lr=0.02", "rosenbrock", (-1.5, 2.0), 2000),
    ("adam", lambda p: torch.optim.Adam(p, lr=0.05), "lr=0.05", "himmelblau", (-0.4, -0.2), 2000),
    ("adamax", lambda p: torch.optim.Adamax(p, lr=0.02), "lr=0.02", "rosenbrock", (-1.5, 2.0), 2000),
    ("adamax", lambda p: torch.optim.Adamax(p, lr=0.05, betas=(0.8, 0.99), weight_decay=0.1),
     "lr=0.05 beta1=0.8 beta2=0.99 weight_decay=0.1", "himmelblau", (-0.4, -0.2), 2000),
    ("nadam", lambda p: torch.optim.NAdam(p, lr=0.02), "lr=0.02", "rosenbrock", (-1.5, 2.0), 2000),
    ("nadam", lambda p: torch.optim.NAdam(p, lr=0.05, momentum_decay=0.01, weight_decay=0.1),
     "lr=0.05 momentum_decay=0.01 weight_decay=0.1", "himmelblau", (-0.4, -0.2), 2000),
    ("radam", lambda p: torch.optim.RAdam(p, lr=0.002), "lr=0.002", "rosenbrock", (-1.5, 2.0), 2000),
    ("radam", lambda p: torch.optim.RAdam(p, lr=0.05, betas=(0.9, 0.99), weight_decay=0.1),
     "lr=0.05 beta2=0.99 weight_decay=0.1", "himmelblau", (-0.4, -0.2), 2000),
    ("adadelta", lambda p: torch.optim.Adadelta(p, lr=1.0), "lr=1", "rosenbrock", (-1.5, 2.0), 2000),
    ("adadelta", lambda p: torch.optim.Adadelta(p, lr=5.0, rho=0.95, eps=1e-4, weight_decay=0.1),
     "lr=5 rho=0.95 eps=1e-4 weight_decay=0.1", "himmelblau", (-0.4, -0.2), 2000),
    ("asgd", lambda p: torch.optim.ASGD(p, lr=0.0005), "lr=0.0005", "rosenbrock", (-1.5, 2.0), 2000),
    ("asgd", lambda p: torch.optim.ASGD(p, lr=0.0005, lambd=0.01, alpha=0.5, t0=20, weight_decay=0.1),
     "lr=0.0005 lambd=0.01 alpha=0.5 t0=20 weight_decay=0.1", "rosenbrock", (-1.5, 2.0), 2000),
    ("rprop", lambda p: torch.optim.Rprop(p, lr=0.01), "lr=0.01", "rosenbrock", (-1.5, 2.0), 2000),
    ("rprop", lambda p: torch.optim.Rprop(p, lr=0.1, etas=(0.3, 1.5), step_sizes=(1e-3, 0.5)),
     "lr=0.1 eta_minus=0.3 eta_plus=1.5 step_size_min=1e-3 step_size_max=0.5", "himmelblau", (-0.4, -0.2), 2000),
    # The options of the first methods (maximize climbs to Himmelblau's local maximum near (-0.27, -0.92)).
    ("gd", lambda p: torch.optim.SGD(p, lr=0.01, weight_decay=0.1, maximize=True),
     "lr=0.01 weight_decay=0.1 maximize=1", "himmelblau", (-0.4, -0.2), 2000),
    ("momentum", lambda p: torch.optim.SGD(p, lr=0.0005, momentum=0.9, dampening=0.5, weight_decay=0.1),
     "lr=0.0005 dampening=0.5 weight_decay=0.1", "rosenbrock", (-1.5, 2.0), 2000),
    ("momentum", lambda p: torch.optim.SGD(p, lr=0.002, momentum=0.5, maximize=True),
     "lr=0.002 momentum=0.5 maximize=1", "himmelblau", (-0.4, -0.2), 2000),
    ("nesterov", lambda p: torch.optim.SGD(p, lr=0.002, momentum=0.9, nesterov=True, weight_decay=0.1, maximize=True),
     "lr=0.002 weight_decay=0.1 maximize=1", "himmelblau", (-0.4, -0.2), 2000),
    ("adam", lambda p: torch.optim.Adam(p, lr=0.02, amsgrad=True), "lr=0.02 amsgrad=1", "rosenbrock", (-1.5, 2.0), 2000),
    ("adam", lambda p: torch.optim.Adam(p, lr=0.01, weight_decay=0.1, amsgrad=True, maximize=True),
     "lr=0.01 weight_decay=0.1 amsgrad=1 maximize=1", "himmelblau", (-0.4, -0.2), 2000),
    ("adamw", lambda p: torch.optim.AdamW(p, lr=0.02, amsgrad=True), "lr=0.02 amsgrad=1", "rosenbrock", (-1.5, 2.0), 2000),
    ("adamw", lambda p: torch.optim.AdamW(p, lr=0.01, weight_decay=0.1, amsgrad=True, maximize=True),
     "lr=0.01 weight_decay=0.1 amsgrad=1 maximize=1", "himmelblau", (-0.4, -0.2), 2000),
    ("rmsprop", lambda p: torch.optim.RMSprop(p, lr=0.001, momentum=0.9), "lr=0.001 momentum=0.9", "rosenbrock",
     (-1.5, 2.0), 2000),
    ("rmsprop", lambda p: torch.optim.RMSprop(p, lr=0.001, centered=True), "lr=0.001 centered=1", "rosenbrock",
     (-1.5, 2.0), 2000),
    ("rmsprop", lambda p: torch.optim.RMSprop(p, lr=0.001, momentum=0.9, centered=True),
     "lr=0.001 momentum=0.9 centered=1", "rosenbrock", (-1.5, 2.0), 2000),
    ("rmsprop", lambda p: torch.optim.RMSprop(p, lr=0.005, alpha=0.9, weight_decay=0.1, centered=True, maximize=True),
     "lr=0.005 alpha=0.9 weight_decay=0.1 centered=1 maximize=1", "himmelblau", (-0.4, -0.2), 2000),
    ("adagrad", lambda p: torch.optim.Adagrad(p, lr=0.5, lr_decay=0.01), "lr=0.5 lr_decay=0.01", "rosenbrock",
     (-1.5, 2.0), 2000),
    ("adagrad", lambda p: torch.optim.Adagrad(p, lr=0.5, initial_accumulator_value=0.1),
     "lr=0.5 initial_accumulator_value=0.1", "rosenbrock", (-1.5, 2.0), 2000),
    ("adagrad", lambda p: torch.optim.Adagrad(p, lr=0.1, weight_decay=0.1, maximize=True),
     "lr=0.1 weight_decay=0.1 maximize=1", "himmelblau", (-0.4, -0.2), 2000),
    # maximize in the methods after AdamW that have it in torch 1.13 (NAdam and RAdam do not).
    ("adamax", lambda p: torch.optim.Adamax(p, lr=0.02, maximize=True), "lr=0.02 maximize=1", "himmelblau",
     (-0.4, -0.2), 2000),
    ("adadelta", lambda p: torch.optim.Adadelta(p, lr=1.0, weight_decay=0.1, maximize=True),
     "lr=1 weight_decay=0.1 maximize=1", "himmelblau", (-0.4, -0.2), 2000),
    ("asgd", lambda p: torch.optim.ASGD(p, lr=0.005, t0=20, maximize=True), "lr=0.005 t0=20 maximize=1", "himmelblau",
     (-0.4, -0.2), 2000),
    ("rprop", lambda p: torch.optim.Rprop(p, lr=0.01, maximize=True), "lr=0.01 maximize=1", "himmelblau",
     (-0.4, -0.2), 2000),
    # L-BFGS: one ball step is one optimizer.step(closure), many evaluations of f and its gradient.
    ("lbfgs", lambda p: torch.optim.LBFGS(p), "", "rosenbrock", (-1.5, 2.0), 2000),
    ("lbfgs", lambda p: torch.optim.LBFGS(p, lr=0.1, max_iter=2, history_size=5),
     "lr=0.1 max_iter=2 history_size=5", "rosenbrock", (-1.5, 2.0), 2000),
    ("lbfgs", lambda p: torch.optim.LBFGS(p, lr=0.2, max_iter=1), "lr=0.2 max_iter=1", "himmelblau", (-0.4, -0.2), 2000),
    ("lbfgs", lambda p: torch.optim.LBFGS(p, max_iter=1, line_search_fn="strong_wolfe"),
     "max_iter=1 strong_wolfe=1", "rosenbrock", (-1.5, 2.0), 2000),
    ("lbfgs", lambda p: torch.optim.LBFGS(p, lr=0.01, max_iter=1, line_search_fn="strong_wolfe"),
     "lr=0.01 max_iter=1 strong_wolfe=1", "rosenbrock", (-1.5, 2.0), 2000),
    ("lbfgs", lambda p: torch.optim.LBFGS(p, line_search_fn="strong_wolfe"), "strong_wolfe=1", "himmelblau",
     (-0.4, -0.2), 2000),
    ("lbfgs", lambda p: torch.optim.LBFGS(p, lr=0.5, max_iter=4, max_eval=6, history_size=3, tolerance_grad=1e-9,
                                          tolerance_change=1e-12, line_search_fn="strong_wolfe"),
     "lr=0.5 max_iter=4 max_eval=6 history_size=3 tolerance_grad=1e-9 tolerance_change=1e-12 strong_wolfe=1",
     "rosenbrock", (-1.5, 2.0), 2000),
]


def losscape_trajectory(optimizer, params, function, start, steps):
    with tempfile.NamedTemporaryFile(suffix=".csv") as out:
        parameters = [arg for kv in params.split() for arg in ("--param", kv)]
        subprocess.run([LOSSCAPE, "--function", function, "--optimizer", optimizer, *parameters,
                        "--start", f"{start[0]!r},{start[1]!r}", "--steps", str(steps),
                        "--export-trajectories", out.name], check=True, capture_output=True)
        with open(out.name) as f:
            return [(float(r["x"]), float(r["y"])) for r in csv.DictReader(f)]


def torch_trajectory(make, function, start, steps, analytic):
    value, gradient = FUNCTIONS[function]
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = make([p])

    # Every method is stepped with a closure (L-BFGS calls it many times a step, the rest once).
    def closure():
        opt.zero_grad()
        if analytic:
            x, y = p.tolist()
            p.grad = torch.tensor(gradient(x, y), dtype=torch.float64)
            return torch.tensor(VALUES[function](x, y), dtype=torch.float64)
        loss = value(p[0], p[1])
        loss.backward()
        return loss

    points = [tuple(p.tolist())]
    for _ in range(steps):
        opt.step(closure)
        points.append(tuple(p.tolist()))
    return points


def max_relative_difference(a, b):
    """max over steps of |p - q| / |q|: relative to the point, not per coordinate (a coordinate
    crossing zero would make any rounding difference look huge)."""
    worst = 0.0
    for (ax, ay), (bx, by) in zip(a, b):
        norm = max((bx * bx + by * by) ** 0.5, 1e-300)
        worst = max(worst, ((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5 / norm)
    return worst


def first_difference(a, b):
    for i, (p, q) in enumerate(zip(a, b)):
        if p != q:
            return i
    return None


def main():
    print(f"torch {torch.__version__}; |losscape - torch| / |torch| per step, same gradient formula fed to both")
    print(f"{'optimizer':10} {'function':11} {'steps':>6} {'first diff':>10} {'max, 100 steps':>15} {'max, all':>10} {'autograd, all':>14}  options")
    failed = False
    for name, make, params, function, start, steps in CASES:
        ours = losscape_trajectory(name, params, function, start, steps)
        # losscape stops early at convergence; compare the steps both have.
        theirs = torch_trajectory(make, function, start, len(ours) - 1, analytic=True)
        autograd = torch_trajectory(make, function, start, len(ours) - 1, analytic=False)
        first = first_difference(ours, theirs)
        early = max_relative_difference(ours[:101], theirs[:101])
        failed |= max_relative_difference(ours, theirs) > 1e-12
        print(f"{name:10} {function:11} {len(ours) - 1:6d} {str(first):>10} {early:15.2e} "
              f"{max_relative_difference(ours, theirs):10.2e} {max_relative_difference(ours, autograd):14.2e}  {params}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
