"""Random profiles and scenarios (wrong types, huge and negative numbers, unknown kinds) run
through match --profile and whatif --scenario; reports crashes, internal errors and outputs
left after a refusal. Usage: fuzz_settings.py PENDAMPING_BINARY RUNS"""
import subprocess, os, random, tempfile, shutil, sys, json
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
B = os.path.abspath(sys.argv[1]); N = int(sys.argv[2]); rng = random.Random(3)
VALS = [None, True, False, 0, -1, 1, 2.5, 1e308, -1e308, 1e-320, 10**20, "x", "", [], {}, [1], {"a": 1}, "47911", "recruit", ["31.73"], 9223372036854775807]
prof_keys = {"weights": ["sector","location","capacity","culture"], "location": ["decay_km","region_share"], "rules": ["max_km","same_kabupaten","language_must_overlap","mentor_scale_at_least_mentee","min_score"], "constraints": ["min_mentees","hours","speed_kmh","sessions_per_month","default_hours_needed","default_hours_per_month","quota_level","quota_share","quota_count","cover_all"], "stability": ["penalty"], "k": None}
def rprofile():
    p = {}
    for _ in range(rng.randrange(1, 4)):
        s = rng.choice(list(prof_keys))
        if prof_keys[s] is None: p[s] = rng.choice(VALS)
        else: p.setdefault(s, {})[rng.choice(prof_keys[s])] = rng.choice(VALS)
    return p
def rscenario():
    s = {}
    if rng.random() < 0.6:
        item = {"kind": rng.choice(["cadre","consultant","x",1]), "count": rng.choice([1,5,0,-1,"3",2.5,10**9]), "capacity": rng.choice([1,3,0,"2",10**12])}
        for k in ["hours_per_month","kbli","expertise","languages","place"]:
            if rng.random() < 0.4: item[k] = rng.choice(VALS + [["47911"], ["digital"], ["ind"], "kabupaten"])
        s["add_mentors"] = [item] if rng.random() < 0.8 else item
    if rng.random() < 0.3: s["capacity_scale"] = rng.choice(VALS)
    if rng.random() < 0.3: s["capacity_set"] = {rng.choice(["consultant","cadre","x"]): rng.choice(VALS)}
    if rng.random() < 0.3: s["profile"] = rprofile()
    return s
bad = 0
for n in range(N):
    d = tempfile.mkdtemp()
    shutil.copy(ROOT + "/fixtures/jakarta-barat/mentors.csv", d+"/m.csv"); shutil.copy(ROOT + "/fixtures/jakarta-barat/mentees.csv", d+"/e.csv")
    if rng.random() < 0.5:
        open(d+"/p.json","w").write(json.dumps(rprofile()))
        cmd = ["match","--mentors","m.csv","--mentees","e.csv","--out","o","--profile","p.json"]
    else:
        open(d+"/s.json","w").write(json.dumps(rscenario()))
        cmd = ["whatif","--mentors","m.csv","--mentees","e.csv","--out","o","--scenario","s.json","--curve","1"]
    try:
        r = subprocess.run([B]+cmd, cwd=d, capture_output=True, timeout=60)
        code = r.returncode; err = r.stderr.decode(errors="replace")
    except subprocess.TimeoutExpired:
        code = "TIMEOUT"; err = ""
    left = os.listdir(d)
    if code not in (0, 64, 65, 66, 69, 73) or "internal error" in err or (code != 0 and "o" in left):
        bad += 1; keep = tempfile.mkdtemp(prefix="fuzz-bad-%d-" % n); shutil.rmtree(keep); shutil.copytree(d, keep)
        print(n, cmd[0], code, err.strip().splitlines()[:2], keep)
    shutil.rmtree(d, ignore_errors=True)
print("bad", bad, "of", N)
