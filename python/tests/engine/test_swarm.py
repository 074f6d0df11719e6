"""A swarm of more than 10,000 from Python runs in the CPU's vectorised lanes (the module has no GPU swarms) and
ends as the program's swarm of the same scene does: the same shares per minimum, running and diverged."""

import re

import losscape
from engine_cli import run_cli

COUNT = 20000
STEPS = 300
# At lr 0.002 a quarter of the members still run after 300 steps: the shares compare members on their way too.
KEYWORDS = dict(function="himmelblau", optimizer="gd", params={"lr": 0.002}, swarm=COUNT, seed=3)
ARGUMENTS = ["--function", "himmelblau", "--optimizer", "gd", "--param", "lr=0.002", "--swarm", str(COUNT), "--seed",
             "3", "--steps", str(STEPS)]


def percent(members: int) -> str:
    """A count as the program's summary prints its share."""
    return f"{100.0 * members / COUNT:.1f}"


def test_a_big_swarm_runs_in_the_cpus_lanes_and_ends_with_the_programs_shares():
    shares = losscape.Scene(**KEYWORDS).swarm(STEPS)
    assert re.fullmatch(rf"swarm: {COUNT} balls on the CPU \(vectorised lanes, \d+ threads?; .+\)", shares["where"])
    assert shares["total"] == COUNT
    assert 0 < shares["running"] < COUNT / 2, "the comparison must see members both arrived and on their way"
    # The program's summary: the most reached minima first (ties in the catalogue's order), each share to 0.1%.
    printed = next(line for line in run_cli(*ARGUMENTS).stdout.splitlines() if line.startswith(f"swarm of {COUNT}:"))
    reached = [(x, y, best, members) for x, y, _, best, members in shares["minima"] if members]
    reached.sort(key=lambda minimum: -minimum[3])  # stable, as the program's sort
    expected = [f"{percent(members)}% at ({x:.4g}, {y:.4g}){' global' if best else ''}" for x, y, best, members in reached]
    expected.append(f"{percent(shares['running'])}% running, {percent(shares['diverged'])}% diverged, "
                    f"{percent(shares['other'])}% other")
    assert printed == f"swarm of {COUNT}: " + "; ".join(expected)
