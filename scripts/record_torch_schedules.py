#!/usr/bin/python3
"""Records torch.optim.lr_scheduler's learning rates as test data: tests/math/data/lr_scheduler_*.csv.

Each file is one schedule with one set of keys, stepped as a training loop steps it: the lr (and,
where CyclicLR or OneCycleLR cycles it, the momentum or beta1) that optimizer step k uses, then
optimizer.step(), then scheduler.step(). Its first line names the schedule in losscape's text form
(`--schedule NAME:KEY=VALUE,...`), the losscape optimizer whose momentum or beta1 is cycled, and
the ball's lr; every number is written with repr(), so it reads back to the same double.
tests/math/test_schedules.cpp replays losscape's Schedule and requires each lr within 1e-12
relative (in practice bit for bit). Run once, by hand, when a schedule is added
(Debian: apt-get install python3-torch); not part of the test suite.
Usage: scripts/record_torch_schedules.py
"""
import os
import warnings

import torch
from torch.optim import lr_scheduler as S

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "math", "data")
STEPS = 300


def sgd(p, lr):
    return torch.optim.SGD(p, lr=lr)


def momentum(p, lr):
    return torch.optim.SGD(p, lr=lr, momentum=0.9)


def adam(p, lr):
    return torch.optim.Adam(p, lr=lr)


OPTIMIZERS = {"gd": sgd, "momentum": momentum, "adam": adam}

RECORDINGS = [
    # file name, losscape schedule text, losscape optimizer, the ball's lr, torch scheduler
    ("step", "StepLR:step_size=100", "gd", 0.1, lambda o: S.StepLR(o, step_size=100)),
    ("step_gamma", "StepLR:step_size=30,gamma=0.7", "gd", 0.05, lambda o: S.StepLR(o, step_size=30, gamma=0.7)),
    ("multi_step", "MultiStepLR:milestones=100;250", "gd", 0.1, lambda o: S.MultiStepLR(o, milestones=[100, 250])),
    ("multi_step_repeated", "MultiStepLR:milestones=50;50;120;299,gamma=0.7", "gd", 0.3,
     lambda o: S.MultiStepLR(o, milestones=[50, 50, 120, 299], gamma=0.7)),
    ("exponential", "ExponentialLR:gamma=0.99", "gd", 0.1, lambda o: S.ExponentialLR(o, gamma=0.99)),
    ("exponential_slow", "ExponentialLR:gamma=0.9973", "gd", 0.37, lambda o: S.ExponentialLR(o, gamma=0.9973)),
    # T_max below the run: past T_max the cosine comes back up (torch's recursion, both branches).
    ("cosine", "CosineAnnealingLR:T_max=120", "gd", 0.1, lambda o: S.CosineAnnealingLR(o, T_max=120)),
    ("cosine_eta_min", "CosineAnnealingLR:T_max=77,eta_min=0.001", "gd", 0.05,
     lambda o: S.CosineAnnealingLR(o, T_max=77, eta_min=0.001)),
    ("warm_restarts", "CosineAnnealingWarmRestarts:T_0=50", "gd", 0.1,
     lambda o: S.CosineAnnealingWarmRestarts(o, T_0=50)),
    ("warm_restarts_mult", "CosineAnnealingWarmRestarts:T_0=20,T_mult=2,eta_min=0.0005", "gd", 0.03,
     lambda o: S.CosineAnnealingWarmRestarts(o, T_0=20, T_mult=2, eta_min=0.0005)),
    ("linear", "LinearLR", "gd", 0.1, lambda o: S.LinearLR(o)),
    ("linear_long", "LinearLR:start_factor=0.1,end_factor=0.5,total_iters=100", "gd", 0.07,
     lambda o: S.LinearLR(o, start_factor=0.1, end_factor=0.5, total_iters=100)),
    ("cyclic", "CyclicLR:max_lr=0.1,step_size_up=50", "momentum", 0.01,
     lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=50)),
    ("cyclic_triangular2", "CyclicLR:base_lr=0.001,max_lr=0.05,step_size_up=40,step_size_down=60,mode=triangular2,"
     "cycle_momentum=0", "gd", 0.02,
     lambda o: S.CyclicLR(o, base_lr=0.001, max_lr=0.05, step_size_up=40, step_size_down=60, mode="triangular2",
                          cycle_momentum=False)),
    ("cyclic_exp_range", "CyclicLR:max_lr=0.2,step_size_up=25,mode=exp_range,gamma=0.995,base_momentum=0.7,"
     "max_momentum=0.95", "momentum", 0.02,
     lambda o: S.CyclicLR(o, base_lr=0.02, max_lr=0.2, step_size_up=25, mode="exp_range", gamma=0.995,
                          base_momentum=0.7, max_momentum=0.95)),
    # OneCycleLR: total_steps + 1 values (torch refuses to step further).
    ("one_cycle", "OneCycleLR:total_steps=299", "adam", 0.05, lambda o: S.OneCycleLR(o, max_lr=0.05, total_steps=299)),
    ("one_cycle_linear_three_phase", "OneCycleLR:max_lr=0.3,total_steps=250,pct_start=0.25,anneal_strategy=linear,"
     "three_phase=1", "momentum", 0.01,
     lambda o: S.OneCycleLR(o, max_lr=0.3, total_steps=250, pct_start=0.25, anneal_strategy="linear",
                            three_phase=True)),
    ("one_cycle_plain", "OneCycleLR:total_steps=200,cycle_momentum=0,div_factor=10,final_div_factor=100", "gd", 0.2,
     lambda o: S.OneCycleLR(o, max_lr=0.2, total_steps=200, cycle_momentum=False, div_factor=10.0,
                            final_div_factor=100.0)),
    ("sequential", "SequentialLR:warmup=50,T_max=250", "gd", 0.1,
     lambda o: S.SequentialLR(o, [S.LinearLR(o, total_iters=50), S.CosineAnnealingLR(o, T_max=250)], milestones=[50])),
    # Past T_max: the cosine comes back up.
    ("sequential_eta_min", "SequentialLR:warmup=20,start_factor=0.01,T_max=100,eta_min=0.0001", "gd", 0.04,
     lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.01, total_iters=20),
                                  S.CosineAnnealingLR(o, T_max=100, eta_min=0.0001)], milestones=[20])),
]


def momentum_of(group, optimizer):
    if optimizer == "adam":
        return group["betas"][0]
    return group.get("momentum", 0.0)


def record(name, text, optimizer, lr, make):
    p = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    opt = OPTIMIZERS[optimizer]([p], lr)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SequentialLR's scheduler.step(0) warns that epochs are deprecated
        sched = make(opt)
        steps = STEPS
        if isinstance(sched, S.OneCycleLR):
            steps = sched.total_steps + 1
        cycles = getattr(sched, "cycle_momentum", False)
        rows = []
        for k in range(steps):
            group = opt.param_groups[0]
            rows.append((k, group["lr"], momentum_of(group, optimizer) if cycles else ""))
            p.grad = torch.ones_like(p)
            opt.step()
            if k + 1 < steps:
                sched.step()
    path = os.path.join(OUT, "lr_scheduler_" + name + ".csv")
    with open(path, "w") as f:
        f.write("# %s %s %r\n" % (text, optimizer, lr))
        f.write("step,lr,momentum\n")
        for k, value, m in rows:
            f.write("%d,%r,%s\n" % (k, float(value), repr(float(m)) if m != "" else ""))
    print(path, len(rows))


if __name__ == "__main__":
    print("torch", torch.__version__)
    for recording in RECORDINGS:
        record(*recording)
