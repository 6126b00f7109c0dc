"""Peer comparison: the same instance solved by Pendamping and by OR-Tools, HiGHS and glpsol.

Each peer runs in its own process with a wall-clock cap; one that does not finish in time is
reported as "> cap". Solve times exclude reading the instance where the peer lets us measure
that (OR-Tools, HiGHS); glpsol's is its own reported "Time used". Objectives are compared
exactly, in integer score units (the exported models minimise the negated score).
"""
import argparse, json, os, re, subprocess, sys, tempfile, time

def run_peer(code, cap):
    """Runs python code in a subprocess; returns (seconds, objective) or None on time-out."""
    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=cap, check=True)
    except subprocess.TimeoutExpired:
        return None
    line = out.stdout.strip().splitlines()[-1]
    seconds, objective = line.split()
    return float(seconds), round(float(objective))

ORTOOLS = r'''
import time
from ortools.graph.python import min_cost_flow
f = min_cost_flow.SimpleMinCostFlow()
with open({path!r}) as fh:
    for line in fh:
        if line[0] == "n":
            _, v, s = line.split(); f.set_node_supply(int(v) - 1, int(s))
        elif line[0] == "a":
            _, u, v, lo, cap, cost = line.split()
            f.add_arc_with_capacity_and_unit_cost(int(u) - 1, int(v) - 1, int(cap), int(cost))
t = time.perf_counter(); status = f.solve(); t = time.perf_counter() - t
assert status == f.OPTIMAL, status
print(t, f.optimal_cost())
'''

HIGHS = r'''
import time, highspy
h = highspy.Highs(); h.setOptionValue("output_flag", False)
h.readModel({path!r})
t = time.perf_counter(); h.run(); t = time.perf_counter() - t
assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal, h.getModelStatus()
print(t, h.getInfo().objective_function_value)
'''

def glpsol(path, cap):
    """glpsol's own "Time used"; the objective from its solution file (full precision)."""
    sol = path + ".sol"
    try:
        out = subprocess.run(["glpsol", "--freemps", path, "--min", "--simplex", "-w", sol],
                             capture_output=True, text=True, timeout=cap)
    except subprocess.TimeoutExpired:
        return None
    used = re.findall(r"Time used:\s+([0-9.]+) secs", out.stdout)
    if "OPTIMAL" not in out.stdout or not used:
        raise RuntimeError("glpsol failed:\n" + out.stdout[-2000:])
    with open(sol) as fh:
        for line in fh:
            f = line.split()
            if f and f[0] == "s":  # s bas ROWS COLS PRIM DUAL OBJ
                return float(used[-1]), round(float(f[-1]))
    raise RuntimeError("no solution line in " + sol)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tiers", nargs="*", default=["S", "M", "L"])
    ap.add_argument("--pendamping", required=True)
    ap.add_argument("--regions")
    ap.add_argument("--cap", type=float, default=300, help="seconds per peer run")
    ap.add_argument("--k", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rows = []
    work = tempfile.mkdtemp(prefix="pendamping-peers-")
    for tier in a.tiers:
        d = os.path.join(work, tier)
        gen = [a.pendamping, "generate", "--preset", tier, "--seed", str(a.seed), "--out", d]
        if a.regions: gen += ["--regions", a.regions]
        subprocess.run(gen, check=True, capture_output=True)
        common = ["--mentors", d + "/mentors.csv", "--mentees", d + "/mentees.csv", "--k", str(a.k)]
        for fmt in ("dimacs", "mps"):
            subprocess.run([a.pendamping, "export", *common, "--format", fmt, "--out", f"{d}/model.{fmt}"], check=True, capture_output=True)
        bench = json.loads(subprocess.run([a.pendamping, "bench", d, "--k", str(a.k), "--format", "json"],
                                          check=True, capture_output=True, text=True).stdout)
        ours = next(s["seconds"] for s in bench["stages"] if s["stage"] == "solve")
        target = -bench["objective_units"]
        size = f'{bench["mentees"]:,} x {bench["mentors"]:,}, {bench["pairs"]:,} pairs'
        rows.append((tier, size, "pendamping (network simplex)", ours, target, True))
        peers = [("OR-Tools min cost flow", lambda: run_peer(ORTOOLS.format(path=f"{d}/model.dimacs"), a.cap)),
                 ("HiGHS (LP, MPS)", lambda: run_peer(HIGHS.format(path=f"{d}/model.mps"), a.cap)),
                 ("glpsol --simplex (MPS)", lambda: glpsol(f"{d}/model.mps", a.cap))]
        for name, fn in peers:
            r = fn()
            rows.append((tier, size, name, None, None, None) if r is None else (tier, size, name, r[0], r[1], r[1] == target))
    print(f"| tier | instance | solver | solve s | ratio to ours | objective (−score·10⁶) | agrees |")
    print("| --- | --- | --- | ---: | ---: | ---: | --- |")
    ours_time = {}
    for tier, size, name, t, obj, ok in rows:
        if name.startswith("pendamping"): ours_time[tier] = t
        if t is None:
            print(f"| {tier} | {size} | {name} | > {a.cap:g} | — | — | — |")
        else:
            print(f"| {tier} | {size} | {name} | {t:.3f} | {t / max(ours_time[tier], 1e-9):.2f} | {obj} | {'yes' if ok else 'NO'} |")
    if any(ok is False for *_, ok in rows):
        sys.exit("objectives disagree")

if __name__ == "__main__":
    main()
