"""Random mutations of the Jakarta Barat fixture (field swaps, truncation, byte flips, shuffled
headers, stray tokens) run through match, validate, round, whatif and export; any exit code
other than 0/64/65/66/69/73, any internal error, staging folder or output left after a
refusal is printed and kept. Usage: fuzz_csv.py PENDAMPING_BINARY RUNS [SEED]"""
import subprocess, os, random, tempfile, shutil, sys
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
B = os.path.abspath(sys.argv[1]); N = int(sys.argv[2])
M = open(ROOT + "/fixtures/jakarta-barat/mentors.csv","rb").read()
E = open(ROOT + "/fixtures/jakarta-barat/mentees.csv","rb").read()
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
TOK = [b"", b"|", b"-1", b"1e999", b"nan", b"\xff", b"\"", b";", b",", b"\r", b"\n", b"99999999999999999999", b"0", b"-0", b"31", b"31.73.01", b"G", b"mentor:KA-01", b"=cmd", b"'", b"\t", b"\x00", b"\xc3\xa9", b"kecil", b"10.5", b"1,5"]
def mutate(data):
    lines = data.split(b"\n")
    k = rng.randrange(6)
    if k == 0:  # replace a field
        i = rng.randrange(len(lines)); f = lines[i].split(b",")
        f[rng.randrange(len(f))] = rng.choice(TOK); lines[i] = b",".join(f)
    elif k == 1:  # truncate
        return data[:rng.randrange(len(data))]
    elif k == 2:  # flip bytes
        b = bytearray(data)
        for _ in range(rng.randrange(1, 5)): b[rng.randrange(len(b))] = rng.randrange(256)
        return bytes(b)
    elif k == 3:  # drop or duplicate lines
        i = rng.randrange(len(lines))
        if rng.random() < 0.5: del lines[i]
        else: lines.insert(i, lines[i])
    elif k == 4:  # shuffle header columns
        h = lines[0].split(b","); rng.shuffle(h); lines[0] = b",".join(h)
    else:  # insert token in middle
        b = bytearray(data); p = rng.randrange(len(b)); return bytes(b[:p]) + rng.choice(TOK) + bytes(b[p:])
    return b"\n".join(lines)
bad = 0
for n in range(N):
    d = tempfile.mkdtemp()
    m, e = M, E
    for _ in range(rng.randrange(1, 4)):
        if rng.random() < 0.5: m = mutate(m)
        else: e = mutate(e)
    open(d+"/m.csv","wb").write(m); open(d+"/e.csv","wb").write(e)
    cmd = rng.choice([["match","--mentors","m.csv","--mentees","e.csv","--out","o"],["validate","--mentors","m.csv","--mentees","e.csv"],
                      ["round","--mentors","m.csv","--mentees","e.csv","--previous","e.csv","--out","o"],
                      ["whatif","--mentors","m.csv","--mentees","e.csv","--out","o","--curve","1,2"],
                      ["export","--mentors","m.csv","--mentees","e.csv","--format","dimacs","--out","x"]])
    try:
        r = subprocess.run([B]+cmd, cwd=d, capture_output=True, timeout=20)
        code = r.returncode; err = r.stderr.decode(errors="replace")
    except subprocess.TimeoutExpired:
        code = "TIMEOUT"; err = ""
    left = os.listdir(d)
    partial = [x for x in left if "partial" in x]
    if code not in (0, 64, 65, 66, 69, 73) or partial or "internal error" in err or (code != 0 and ("o" in left or "x" in left)):
        bad += 1
        keep = tempfile.mkdtemp(prefix="fuzz-bad-%d-" % n); shutil.rmtree(keep); shutil.copytree(d, keep)
        print(n, cmd[0], code, err.strip().splitlines()[:2], partial, keep)
    shutil.rmtree(d, ignore_errors=True)
print("bad", bad, "of", N)
