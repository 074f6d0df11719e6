#!/usr/bin/python3
"""Records torch.optim trajectories as test data: tests/math/data/torch_<name>.csv.

Each file is one run of one torch.optim method in float64, fed the gradient written exactly as
losscape's analytic formula (check_against_pytorch.py's FUNCTIONS), every point written with
repr() so that it reads back to the same double. tests/math/test_torch_trajectories.cpp replays
losscape's optimizer from the same start and requires the same points bit for bit, so the suite
checks the rules against torch without needing PyTorch. Run once, by hand, when a method is
added (Debian: apt-get install python3-torch); not part of the test suite.
Usage: scripts/record_torch_trajectories.py [NAME...]   (NAME: adam_amsgrad for torch_adam_amsgrad.csv; none: all)
The Schedule-Free recordings run the authors' reference implementations (torch optimizers too):
pip install schedulefree, or SCHEDULE_FREE_DIR=a checkout of facebookresearch/schedule_free.
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_against_pytorch import FUNCTIONS, VALUES  # noqa: E402  (the one copy of the formulas)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "math", "data")
STEPS = 200



def schedule_free(name, **options):
    """A constructor for the schedulefree package's class `name` (the reference implementations keep
    x, y and z as in the paper), switched to training mode as that package requires."""
    def make(params):
        if os.environ.get("SCHEDULE_FREE_DIR"):
            sys.path.insert(0, os.environ["SCHEDULE_FREE_DIR"])
        import schedulefree  # noqa: E402  (only these recordings need it)
        opt = getattr(schedulefree, name)(params, **options)
        opt.train()
        return opt
    return make


RECORDINGS = [
    # file name, losscape optimizer, losscape params (space-separated), torch constructor, function, start
    ("adamax", "adamax", "lr=0.02", lambda p: torch.optim.Adamax(p, lr=0.02), "rosenbrock", (-1.5, 2.0)),
    ("adamax_weight_decay", "adamax", "lr=0.05 beta1=0.8 beta2=0.99 weight_decay=0.1",
     lambda p: torch.optim.Adamax(p, lr=0.05, betas=(0.8, 0.99), weight_decay=0.1), "himmelblau", (-0.4, -0.2)),
    ("nadam", "nadam", "lr=0.02", lambda p: torch.optim.NAdam(p, lr=0.02), "rosenbrock", (-1.5, 2.0)),
    ("nadam_weight_decay", "nadam", "lr=0.05 momentum_decay=0.01 weight_decay=0.1",
     lambda p: torch.optim.NAdam(p, lr=0.05, momentum_decay=0.01, weight_decay=0.1), "himmelblau", (-0.4, -0.2)),
    ("radam", "radam", "lr=0.002", lambda p: torch.optim.RAdam(p, lr=0.002), "rosenbrock", (-1.5, 2.0)),
    ("radam_weight_decay", "radam", "lr=0.05 beta2=0.99 weight_decay=0.1",
     lambda p: torch.optim.RAdam(p, lr=0.05, betas=(0.9, 0.99), weight_decay=0.1), "himmelblau", (-0.4, -0.2)),
    ("adadelta", "adadelta", "lr=1", lambda p: torch.optim.Adadelta(p, lr=1.0), "rosenbrock", (-1.5, 2.0)),
    ("adadelta_weight_decay", "adadelta", "lr=5 rho=0.95 eps=0.0001 weight_decay=0.1",
     lambda p: torch.optim.Adadelta(p, lr=5.0, rho=0.95, eps=1e-4, weight_decay=0.1), "himmelblau", (-0.4, -0.2)),
    ("asgd", "asgd", "lr=0.0005", lambda p: torch.optim.ASGD(p, lr=0.0005), "rosenbrock", (-1.5, 2.0)),
    # t0 = 20: the average (ax, written as ax,ay) leaves the point from step 23 on.
    ("asgd_averaging", "asgd", "lr=0.0005 lambd=0.01 alpha=0.5 t0=20 weight_decay=0.1",
     lambda p: torch.optim.ASGD(p, lr=0.0005, lambd=0.01, alpha=0.5, t0=20, weight_decay=0.1), "rosenbrock",
     (-1.5, 2.0)),
    ("rprop", "rprop", "lr=0.01", lambda p: torch.optim.Rprop(p, lr=0.01), "rosenbrock", (-1.5, 2.0)),
    ("rprop_bounds", "rprop", "lr=0.1 eta_minus=0.3 eta_plus=1.5 step_size_min=0.001 step_size_max=0.5",
     lambda p: torch.optim.Rprop(p, lr=0.1, etas=(0.3, 1.5), step_sizes=(1e-3, 0.5)), "himmelblau", (-0.4, -0.2)),
    # The options of the first methods. maximize climbs to Himmelblau's local maximum near (-0.27, -0.92).
    ("gd_maximize", "gd", "lr=0.01 weight_decay=0.1 maximize=1",
     lambda p: torch.optim.SGD(p, lr=0.01, weight_decay=0.1, maximize=True), "himmelblau", (-0.4, -0.2)),
    ("momentum_dampening", "momentum", "lr=0.0005 dampening=0.5 weight_decay=0.1",
     lambda p: torch.optim.SGD(p, lr=0.0005, momentum=0.9, dampening=0.5, weight_decay=0.1), "rosenbrock",
     (-1.5, 2.0)),
    ("nesterov_maximize", "nesterov", "lr=0.002 maximize=1",
     lambda p: torch.optim.SGD(p, lr=0.002, momentum=0.9, nesterov=True, maximize=True), "himmelblau", (-0.4, -0.2)),
    ("adam_amsgrad", "adam", "lr=0.02 amsgrad=1",
     lambda p: torch.optim.Adam(p, lr=0.02, amsgrad=True), "rosenbrock", (-1.5, 2.0)),
    ("adamw_amsgrad_maximize", "adamw", "lr=0.01 weight_decay=0.1 amsgrad=1 maximize=1",
     lambda p: torch.optim.AdamW(p, lr=0.01, weight_decay=0.1, amsgrad=True, maximize=True), "himmelblau",
     (-0.4, -0.2)),
    ("rmsprop_centered_momentum", "rmsprop", "lr=0.001 momentum=0.9 centered=1",
     lambda p: torch.optim.RMSprop(p, lr=0.001, momentum=0.9, centered=True), "rosenbrock", (-1.5, 2.0)),
    ("rmsprop_centered_maximize", "rmsprop", "lr=0.005 alpha=0.9 weight_decay=0.1 centered=1 maximize=1",
     lambda p: torch.optim.RMSprop(p, lr=0.005, alpha=0.9, weight_decay=0.1, centered=True, maximize=True),
     "himmelblau", (-0.4, -0.2)),
    ("adagrad_lr_decay", "adagrad", "lr=0.5 lr_decay=0.01 initial_accumulator_value=0.1",
     lambda p: torch.optim.Adagrad(p, lr=0.5, lr_decay=0.01, initial_accumulator_value=0.1), "rosenbrock",
     (-1.5, 2.0)),
    ("adagrad_maximize", "adagrad", "lr=0.1 weight_decay=0.1 maximize=1",
     lambda p: torch.optim.Adagrad(p, lr=0.1, weight_decay=0.1, maximize=True), "himmelblau", (-0.4, -0.2)),
    ("adamax_maximize", "adamax", "lr=0.02 maximize=1", lambda p: torch.optim.Adamax(p, lr=0.02, maximize=True),
     "himmelblau", (-0.4, -0.2)),
    ("adadelta_maximize", "adadelta", "lr=1 weight_decay=0.1 maximize=1",
     lambda p: torch.optim.Adadelta(p, lr=1.0, weight_decay=0.1, maximize=True), "himmelblau", (-0.4, -0.2)),
    ("asgd_maximize", "asgd", "lr=0.005 t0=20 maximize=1",
     lambda p: torch.optim.ASGD(p, lr=0.005, t0=20, maximize=True), "himmelblau", (-0.4, -0.2)),
    ("rprop_maximize", "rprop", "lr=0.01 maximize=1", lambda p: torch.optim.Rprop(p, lr=0.01, maximize=True),
     "himmelblau", (-0.4, -0.2)),
    # L-BFGS, with torch's count of evaluations of f after each step (the evals column).
    ("lbfgs", "lbfgs", "lr=0.1 max_iter=2 history_size=5",
     lambda p: torch.optim.LBFGS(p, lr=0.1, max_iter=2, history_size=5), "rosenbrock", (-1.5, 2.0)),
    ("lbfgs_strong_wolfe", "lbfgs", "max_iter=1 strong_wolfe=1",
     lambda p: torch.optim.LBFGS(p, max_iter=1, line_search_fn="strong_wolfe"), "rosenbrock", (-1.5, 2.0)),
    # lr 0.01: the search's first try is short, so it extrapolates (and the cubic often has no minimum).
    ("lbfgs_strong_wolfe_extrapolating", "lbfgs", "lr=0.01 max_iter=1 strong_wolfe=1",
     lambda p: torch.optim.LBFGS(p, lr=0.01, max_iter=1, line_search_fn="strong_wolfe"), "rosenbrock", (-1.5, 2.0)),
    ("lbfgs_strong_wolfe_max_eval", "lbfgs",
     "lr=0.5 max_iter=4 max_eval=6 history_size=3 tolerance_grad=1e-9 tolerance_change=1e-12 strong_wolfe=1",
     lambda p: torch.optim.LBFGS(p, lr=0.5, max_iter=4, max_eval=6, history_size=3, tolerance_grad=1e-9,
                                 tolerance_change=1e-12, line_search_fn="strong_wolfe"), "rosenbrock", (-1.5, 2.0)),
    # Schedule-Free (Defazio et al. 2024), against the authors' reference implementations.
    ("schedulefree_sgd", "schedulefree_sgd", "lr=0.01",
     schedule_free("SGDScheduleFreeReference", lr=0.01), "himmelblau", (-0.4, -0.2)),
    ("schedulefree_sgd_warmup", "schedulefree_sgd",
     "lr=0.0005 momentum=0.5 weight_decay=0.1 warmup_steps=20 r=1 weight_lr_power=1.5",
     schedule_free("SGDScheduleFreeReference", lr=0.0005, momentum=0.5, weight_decay=0.1, warmup_steps=20, r=1.0,
                   weight_lr_power=1.5), "rosenbrock", (-1.5, 2.0)),
    ("schedulefree_adamw", "schedulefree_adamw", "lr=0.02",
     schedule_free("AdamWScheduleFreeReference", lr=0.02), "rosenbrock", (-1.5, 2.0)),
    ("schedulefree_adamw_warmup", "schedulefree_adamw",
     "lr=0.05 beta1=0.8 beta2=0.99 eps=1e-06 weight_decay=0.05 warmup_steps=30 r=0.5",
     schedule_free("AdamWScheduleFreeReference", lr=0.05, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.05,
                   warmup_steps=30, r=0.5), "himmelblau", (-0.4, -0.2)),
]


def record(name, optimizer, params, make, function, start):
    gradient = FUNCTIONS[function][1]
    p = torch.tensor(start, dtype=torch.float64)
    p.requires_grad_(True)
    opt = make([p])
    averaged = optimizer == "asgd"
    counted = optimizer == "lbfgs"
    path = os.path.join(OUT, f"torch_{name}.csv")

    # Every method is stepped with a closure (L-BFGS calls it many times a step, the rest once).
    def closure():
        opt.zero_grad()
        x, y = p.tolist()
        p.grad = torch.tensor(gradient(x, y), dtype=torch.float64)
        return torch.tensor(VALUES[function](x, y), dtype=torch.float64)

    with open(path, "w") as out:
        out.write(f"# torch {torch.__version__}, scripts/record_torch_trajectories.py: {STEPS} steps, float64, "
                  "analytic gradient\n")
        out.write(f"# optimizer={optimizer} params={','.join(params.split())} function={function} "
                  f"start={start[0]!r},{start[1]!r}\n")
        out.write("step,x,y" + (",ax,ay" if averaged else "") + (",evals" if counted else "") + "\n")
        for step in range(STEPS + 1):
            if step > 0:
                opt.step(closure)
            x, y = p.tolist()
            row = [str(step), repr(x), repr(y)]
            if averaged:
                ax = opt.state[p]["ax"].tolist() if step > 0 else [0.0, 0.0]
                row += [repr(ax[0]), repr(ax[1])]
            if counted:
                row.append(str(opt.state[p]["func_evals"] if step > 0 else 0))
            out.write(",".join(row) + "\n")
    print(path)


def main():
    os.makedirs(OUT, exist_ok=True)
    only = set(sys.argv[1:])  # file names (without torch_ and .csv) to record, or none for all
    for recording in RECORDINGS:
        if not only or recording[0] in only:
            record(*recording)


if __name__ == "__main__":
    main()
