#!/usr/bin/env python3
"""Web app benchmarks against a running pendamping-server (see run.sh, which starts it).

Measures, on one programme whose lists are MENTORS and MENTEES:
  1. the first proposal end to end (upload excluded): POST /rounds until its 201;
  2. one curator's decision round trip (sequential POSTs): p50 / p99;
  3. re-solve after 1 and after 30 decisions;
  4. CURATORS curators posting decisions at once for SECONDS: p50 / p99 latency, errors
     (anything but 201, or a 409 naming the newer decision), conflicts (a pair decided earlier
     in the run: answered 409 once, then decided), and acknowledged decisions missing
     afterwards (lost).
Prints one JSON object. Standard library only.

Usage: load.py PORT ADMIN_PASSWORD MENTORS MENTEES [--curators 20] [--seconds 60]
"""
import base64
import http.client
import json
import os
import statistics
import sys
import threading
import time


class Client:
    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        self.cookie = ""
        self.csrf = ""

    def call(self, method, path, body=None):
        headers = {"Content-Type": "application/json", "Cookie": self.cookie, "X-CSRF-Token": self.csrf}
        data = json.dumps(body).encode() if body is not None else None
        self.conn.request(method, path, body=data, headers=headers)
        r = self.conn.getresponse()
        raw = r.read()
        cookie = r.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";")[0]
        try:
            return r.status, json.loads(raw) if raw else None
        except ValueError:
            return r.status, None

    def sign_in(self, name, password):
        status, body = self.call("POST", "/api/login", {"name": name, "password": password})
        assert status == 200, (status, body)
        self.csrf = body["csrf"]


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    port, password, mentors, mentees = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    curators = int(sys.argv[sys.argv.index("--curators") + 1]) if "--curators" in sys.argv else 20
    seconds = float(sys.argv[sys.argv.index("--seconds") + 1]) if "--seconds" in sys.argv else 60
    out = {}
    admin = Client(port)
    admin.sign_in("admin", password)
    status, p = admin.call("POST", "/api/programmes", {"name": "bench", "region": "bench"})
    pid = p["id"]
    for k in range(curators):
        admin.call("POST", f"/api/programmes/{pid}/members", {"name": f"kurator{k}"})

    def part(path):
        with open(path, "rb") as f:
            return {"file_name": os.path.basename(path), "base64": base64.b64encode(f.read()).decode()}
    t = time.perf_counter()
    status, body = admin.call("POST", f"/api/programmes/{pid}/lists", {"mentors": part(mentors), "mentees": part(mentees)})
    out["upload_s"] = round(time.perf_counter() - t, 3)
    assert status == 200, (status, body and body.get("issues", [])[:3])

    t = time.perf_counter()
    status, r1 = admin.call("POST", f"/api/programmes/{pid}/rounds")
    out["propose_s"] = round(time.perf_counter() - t, 3)
    assert status == 201, (status, r1)
    status, view = admin.call("GET", f"/api/programmes/{pid}/rounds/1")
    pairs = [(q["mentee_id"], q["mentor_id"]) for c in view["cohorts"] for q in c["pairs"]]
    out["pairs"] = len(pairs)

    # One curator, sequential decisions (accept), 200 of them.
    one = Client(port)
    one.sign_in("kurator0", password)
    latencies = []
    for me, mo in pairs[:200]:
        t = time.perf_counter()
        status, _ = one.call("POST", f"/api/programmes/{pid}/decisions", {"mentee_id": me, "mentor_id": mo, "decision": "accept"})
        latencies.append(time.perf_counter() - t)
        assert status == 201, status
    out["decision_ms_p50"] = round(percentile(latencies, 50) * 1000, 2)
    out["decision_ms_p99"] = round(percentile(latencies, 99) * 1000, 2)

    # Re-solve after 1 decision (a reject) beyond the accepts, then after 30.
    def resolve_after(n, start):
        for me, mo in pairs[start:start + n]:
            one.call("POST", f"/api/programmes/{pid}/decisions", {"mentee_id": me, "mentor_id": mo, "decision": "reject"})
        t = time.perf_counter()
        status, _ = one.call("POST", f"/api/programmes/{pid}/rounds")
        assert status == 201, status
        return round(time.perf_counter() - t, 3)
    out["resolve_after_1_s"] = resolve_after(1, 1000)
    out["resolve_after_30_s"] = resolve_after(30, 1001)

    # Many curators at once, each on its own pairs, for `seconds`.
    status, view = admin.call("GET", f"/api/programmes/{pid}/rounds/3")
    pairs = [(q["mentee_id"], q["mentor_id"]) for c in view["cohorts"] for q in c["pairs"]]
    results = [None] * curators
    stop = time.perf_counter() + seconds

    def curator(k):
        c = Client(port)
        c.sign_in(f"kurator{k}", password)
        mine = pairs[k::curators][:500]
        last = {}
        lat, errors, conflicts, acked = [], 0, 0, []
        n = 0
        while time.perf_counter() < stop:
            me, mo = mine[n % len(mine)]
            word = ("lock", "clear")[(n // len(mine)) % 2]
            t = time.perf_counter()
            try:
                status, body = c.call("POST", f"/api/programmes/{pid}/decisions",
                                      {"mentee_id": me, "mentor_id": mo, "decision": word, "expected": last.get((me, mo), 0)})
            except Exception:
                status, body = 0, None
                c = Client(port); c.sign_in(f"kurator{k}", password)
            lat.append(time.perf_counter() - t)
            if status == 201:
                last[(me, mo)] = body["id"]
                acked.append(body["id"])
            elif status == 409 and body and "current" in body:
                # Decided earlier (before this run): the answer names the newest decision.
                last[(me, mo)] = body["current"]["id"]
                conflicts += 1
            else:
                errors += 1
            n += 1
        results[k] = (lat, errors, acked, conflicts)
    threads = [threading.Thread(target=curator, args=(k,)) for k in range(curators)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    lat = [x for r in results for x in r[0]]
    acked = {x for r in results for x in r[2]}
    status, stored = admin.call("GET", f"/api/programmes/{pid}/decisions")
    stored_ids = {d["id"] for d in stored}
    out["load"] = {"curators": curators, "seconds": seconds, "requests": len(lat), "per_second": round(len(lat) / seconds, 1),
                   "ms_p50": round(percentile(lat, 50) * 1000, 2), "ms_p99": round(percentile(lat, 99) * 1000, 2),
                   "errors": sum(r[1] for r in results), "conflicts": sum(r[3] for r in results), "lost": len(acked - stored_ids)}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
