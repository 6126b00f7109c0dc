"""Peer comparison: the same instances solved by Pendamping and by OR-Tools, HiGHS and glpsol.

Every (tier, seed, k) instance is generated once, exported once (DIMACS and MPS), and solved
by each peer in its own process with a wall-clock cap; a peer that does not finish in time is
reported as "> cap". Solve times exclude reading the instance where the peer lets us measure
that (OR-Tools, HiGHS); glpsol's is its own reported "Time used". Ours is the `solve` stage of
`pendamping bench` (building the network, the greedy start and the network simplex).
Objectives are compared exactly, in integer score units (the exported models minimise the
negated score). Beside each time: pivots or simplex iterations where the solver reports them,
and the peak resident memory of the solving process (ours: the whole pipeline's process at the
end of the solve stage; a peer's: its whole process, reading included). A second table sets
each peer's solve beside our whole process (`pendamping bench`: reading the CSV files,
scoring, candidates, solve, explanations and the written CSV and JSON outputs) and beside
`pendamping match` with its default outputs (the report, the map and the workbook too), each
the median of three runs.
"""
import argparse, json, os, re, subprocess, sys, tempfile, time

def run_peer(code, cap):
    """Runs python code in a subprocess; returns (seconds, objective, iterations, peak MiB) or None on time-out."""
    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=cap, check=True)
    except subprocess.TimeoutExpired:
        return None
    seconds, objective, iterations, peak = out.stdout.strip().splitlines()[-1].split()
    return float(seconds), round(float(objective)), (None if iterations == "-" else int(iterations)), float(peak)

PEAK = "import resource; peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024"

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
''' + PEAK + r'''
print(t, f.optimal_cost(), "-", peak)
'''

HIGHS = r'''
import time, highspy
h = highspy.Highs(); h.setOptionValue("output_flag", False)
h.readModel({path!r})
t = time.perf_counter(); h.run(); t = time.perf_counter() - t
assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal, h.getModelStatus()
''' + PEAK + r'''
print(t, h.getInfo().objective_function_value, h.getInfo().simplex_iteration_count, peak)
'''

def glpsol(path, cap):
    """glpsol's own "Time used" and memory; the objective from its solution file (full precision)."""
    sol = path + ".sol"
    try:
        out = subprocess.run(["glpsol", "--freemps", path, "--min", "--simplex", "-w", sol],
                             capture_output=True, text=True, timeout=cap)
    except subprocess.TimeoutExpired:
        return None
    used = re.findall(r"Time used:\s+([0-9.]+) secs", out.stdout)
    memory = re.findall(r"Memory used:\s+([0-9.]+) Mb", out.stdout)
    iterations = re.findall(r"^\*?\s*(\d+): obj", out.stdout, re.M)
    if "OPTIMAL" not in out.stdout or not used:
        raise RuntimeError("glpsol failed:\n" + out.stdout[-2000:])
    with open(sol) as fh:
        for line in fh:
            f = line.split()
            if f and f[0] == "s":  # s bas ROWS COLS PRIM DUAL OBJ
                return (float(used[-1]), round(float(f[-1])), int(iterations[-1]) if iterations else None,
                        float(memory[-1]) if memory else 0.0)
    raise RuntimeError("no solution line in " + sol)

PEERS = {
    "ortools": ("OR-Tools min cost flow", lambda d, cap: run_peer(ORTOOLS.format(path=f"{d}/model.dimacs"), cap)),
    "highs": ("HiGHS (LP, MPS)", lambda d, cap: run_peer(HIGHS.format(path=f"{d}/model.mps"), cap)),
    "glpsol": ("glpsol --simplex (MPS)", lambda d, cap: glpsol(f"{d}/model.mps", cap)),
}

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tiers", nargs="*", default=["S", "M", "L"])
    ap.add_argument("--pendamping", required=True)
    ap.add_argument("--regions")
    ap.add_argument("--cap", type=float, default=300, help="seconds per peer run")
    ap.add_argument("--k", default="10", help="comma-separated candidate counts, e.g. 10,20")
    ap.add_argument("--seeds", default="1", help="comma-separated generator seeds, e.g. 1,2")
    ap.add_argument("--peers", default="ortools,highs,glpsol", help="comma-separated: ortools, highs, glpsol")
    a = ap.parse_args()
    ks = [int(k) for k in a.k.split(",")]
    seeds = [int(s) for s in a.seeds.split(",")]
    peers = [PEERS[p] for p in a.peers.split(",") if p]
    rows = []
    wholes = {}
    work = tempfile.mkdtemp(prefix="pendamping-peers-")
    for tier in a.tiers:
        for seed in seeds:
            d = os.path.join(work, f"{tier}-{seed}")
            gen = [a.pendamping, "generate", "--preset", tier, "--seed", str(seed), "--out", d]
            if a.regions: gen += ["--regions", a.regions]
            subprocess.run(gen, check=True, capture_output=True)
            for k in ks:
                common = ["--mentors", d + "/mentors.csv", "--mentees", d + "/mentees.csv", "--k", str(k)]
                for fmt in ("dimacs", "mps") if any(p[0] != PEERS["ortools"][0] for p in peers) else ("dimacs",):
                    subprocess.run([a.pendamping, "export", *common, "--format", fmt, "--out", f"{d}/model.{fmt}"], check=True, capture_output=True)
                bench = json.loads(subprocess.run([a.pendamping, "bench", d, "--k", str(k), "--format", "json"],
                                                  check=True, capture_output=True, text=True).stdout)
                solve = next(s for s in bench["stages"] if s["stage"] == "solve")
                target = -bench["objective_units"]
                label = (tier, seed, k, f'{bench["mentees"]:,} x {bench["mentors"]:,}, {bench["pairs"]:,} pairs')
                rows.append((*label, "pendamping (network simplex)", (solve["seconds"], target, bench["iterations"], solve["peak_rss_mib"]), True))
                # The whole process, reading the CSV files to the written outputs: median of three.
                walls = []
                for _ in range(3):
                    t0 = time.perf_counter()
                    subprocess.run([a.pendamping, "bench", d, "--k", str(k)], check=True, capture_output=True)
                    walls.append(time.perf_counter() - t0)
                # `match` with its default outputs (report, map, workbook), what a user runs; the
                # profile's k is overridden through a profile file so the graph is the same.
                profile = os.path.join(d, f"profile-k{k}.json")
                with open(profile, "w") as fh:
                    json.dump({"k": k}, fh)
                matches = []
                for _ in range(3):
                    t0 = time.perf_counter()
                    subprocess.run([a.pendamping, "match", "--mentors", d + "/mentors.csv", "--mentees", d + "/mentees.csv",
                                    "--profile", profile, "--out", f"{d}/match-out"], check=True, capture_output=True)
                    matches.append(time.perf_counter() - t0)
                wholes[label[:3]] = (label[3], sorted(walls)[1], walls, sorted(matches)[1])
                for name, fn in peers:
                    r = fn(d, a.cap)
                    rows.append((*label, name, r, None if r is None else r[1] == target))
    print("| tier | seed | k | instance | solver | solve s | ratio to ours | pivots / iterations | peak RSS MiB | objective (−score·10⁶) | agrees |")
    print("| --- | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |")
    ours = {}
    for tier, seed, k, size, name, r, ok in rows:
        if name.startswith("pendamping"): ours[(tier, seed, k)] = r[0]
        if r is None:
            print(f"| {tier} | {seed} | {k} | {size} | {name} | > {a.cap:g} | — | — | — | — | — |")
            continue
        t, obj, its, peak = r
        ratio = t / max(ours[(tier, seed, k)], 1e-9)
        its = "—" if its is None else f"{its:,}"
        print(f"| {tier} | {seed} | {k} | {size} | {name} | {t:.3f} | {ratio:.2f} | {its} | {peak:,.0f} | {obj} | {'yes' if ok else 'NO'} |")
    print()
    print("| tier | seed | k | instance | pendamping bench whole process s (median of 3; runs) | pendamping match, default outputs, s (median of 3) | peer | peer solve s | bench / peer solve | match / peer solve |")
    print("| --- | ---: | ---: | --- | ---: | ---: | --- | ---: | ---: | ---: |")
    for tier, seed, k, size, name, r, ok in rows:
        if name.startswith("pendamping") or r is None: continue
        inst, whole, walls, match = wholes[(tier, seed, k)]
        runs = ", ".join(f"{w:.2f}" for w in walls)
        print(f"| {tier} | {seed} | {k} | {inst} | {whole:.2f} ({runs}) | {match:.2f} | {name} | {r[0]:.3f} | {whole / r[0]:.2f} | {match / r[0]:.2f} |")
    if any(ok is False for *_, ok in rows):
        sys.exit("objectives disagree")

if __name__ == "__main__":
    main()
