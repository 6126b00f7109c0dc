#!/usr/bin/env python3
"""Curation in the report, in a real browser: Debian's headless Chromium driven by Selenium.

Matches the Jakarta Barat fixture, opens out/report.html from disk, checks that the map has
one line per pair and that the page made no network request, marks one pair accepted and
another rejected and a third mentee withdrawn, reloads (the marks must survive), downloads decisions.csv, runs
`pendamping round` with it and checks that both decisions hold in the new round.

Usage: curation_test.py PENDAMPING_BINARY [--screenshots DIR]
  --screenshots DIR also saves the fixture's report and a what-if report as PNG (for the README).
Exits 0 when every check holds, 1 otherwise.
"""
import csv
import os
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURE = os.path.join(ROOT, "fixtures", "jakarta-barat")


def browser(download_dir):
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,2000",
                 "--allow-file-access-from-files"):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    options.add_experimental_option("prefs", {"download.default_directory": download_dir,
                                              "download.prompt_for_download": False})
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def run(*args):
    done = subprocess.run(list(args), capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


def network_requests(driver):
    """Requests the page made for anything but itself and data/blob URLs (from the performance log)."""
    import json
    out = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if not (url.startswith("file://") or url.startswith("data:") or url.startswith("blob:")):
                out.append(url)
    return out


def main():
    binary = sys.argv[1]
    shots = sys.argv[sys.argv.index("--screenshots") + 1] if "--screenshots" in sys.argv else None
    failures = []

    def check(condition, what):
        print(("ok    " if condition else "FAIL  ") + what)
        if not condition:
            failures.append(what)

    work = tempfile.mkdtemp(prefix="pendamping-browser-")
    out, downloads = os.path.join(work, "out"), os.path.join(work, "downloads")
    os.makedirs(downloads)
    run(binary, "match", "--mentors", os.path.join(FIXTURE, "mentors.csv"), "--mentees", os.path.join(FIXTURE, "mentees.csv"), "--out", out)
    with open(os.path.join(out, "pairs.csv"), newline="", encoding="utf-8") as f:
        pairs = list(csv.DictReader(f))

    driver = browser(downloads)
    try:
        url = "file://" + os.path.join(out, "report.html")
        driver.get(url)
        lines = driver.find_elements(By.CSS_SELECTOR, "#map #pairs line")
        check(len(lines) == len(pairs) and len(pairs) > 0, f"map has one line per pair ({len(lines)} lines, {len(pairs)} pairs)")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#map circle.mentor")) == 4, "map has the 4 mentors")
        check(network_requests(driver) == [], "the page makes no network request")
        if shots:
            driver.save_screenshot(os.path.join(shots, "report-jakarta-barat.png"))

        accepted, rejected, leaving = pairs[0], pairs[1], pairs[2]
        def button(pair, decision):
            return driver.find_element(By.CSS_SELECTOR, f'button[data-decision="{decision}"][data-mentee="{pair["mentee_id"]}"][data-mentor="{pair["mentor_id"]}"]')
        button(accepted, "accept").click()
        button(rejected, "reject").click()
        driver.find_element(By.CSS_SELECTOR, f'tr[data-mentee="{leaving["mentee_id"]}"] button[data-withdraw="mentee:{leaving["mentee_id"]}"]').click()
        pending = driver.find_element(By.ID, "pending").get_attribute("data-pending")
        check(pending == "3", f"three decisions pending after three clicks ({pending})")

        driver.refresh()
        pending = driver.find_element(By.ID, "pending").get_attribute("data-pending")
        check(pending == "3", f"decisions survive a reload ({pending})")
        check("on" in button(accepted, "accept").get_attribute("class"), "the accept mark is shown again after the reload")

        driver.find_element(By.ID, "download").click()
        target = os.path.join(downloads, "decisions.csv")
        for _ in range(100):
            if os.path.exists(target) and os.path.getsize(target) > 0:
                break
            time.sleep(0.1)
        check(os.path.exists(target), "decisions.csv was downloaded")
        with open(target, encoding="utf-8") as f:
            text = f.read()
        expected = {(accepted["mentee_id"], accepted["mentor_id"], "accept"), (rejected["mentee_id"], rejected["mentor_id"], "reject"),
                    (leaving["mentee_id"], "", "withdraw")}
        got = {tuple(r) for r in csv.reader(text.splitlines()[1:])}
        check(text.startswith("mentee_id,mentor_id,decision\n") and got == expected, f"decisions.csv holds the three decisions ({got})")

        round_dir = os.path.join(work, "round")
        run(binary, "round", "--mentors", os.path.join(FIXTURE, "mentors.csv"), "--mentees", os.path.join(FIXTURE, "mentees.csv"),
            "--previous", os.path.join(out, "pairs.csv"), "--decisions", target, "--out", round_dir)
        with open(os.path.join(round_dir, "pairs.csv"), newline="", encoding="utf-8") as f:
            after = {(r["mentee_id"], r["mentor_id"]) for r in csv.DictReader(f)}
        check((accepted["mentee_id"], accepted["mentor_id"]) in after, "the accepted pair holds in the next round")
        check((rejected["mentee_id"], rejected["mentor_id"]) not in after, "the rejected pair is gone in the next round")
        check(all(m != leaving["mentee_id"] for m, _ in after), "the withdrawn mentee is gone in the next round")
        with open(os.path.join(round_dir, "diff.csv"), newline="", encoding="utf-8") as f:
            changes = {r["mentee_id"]: r["change"] for r in csv.DictReader(f)}
        check(changes.get(leaving["mentee_id"]) == "withdrawn", f"the round lists the withdrawal ({changes.get(leaving['mentee_id'])})")

        if shots:
            scarce = os.path.join(ROOT, "fixtures", "jakarta-barat-scarce")
            whatif = os.path.join(work, "whatif")
            run(binary, "whatif", "--mentors", os.path.join(scarce, "mentors.csv"), "--mentees", os.path.join(scarce, "mentees.csv"),
                "--profile", os.path.join(scarce, "profile.json"), "--scenario", os.path.join(ROOT, "fixtures", "scenarios", "cadres-120.json"),
                "--out", whatif)
            driver.get("file://" + os.path.join(whatif, "report.html"))
            driver.find_element(By.ID, "skenario").location_once_scrolled_into_view
            driver.save_screenshot(os.path.join(shots, "report-whatif.png"))
    finally:
        driver.quit()
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("browser checks: all hold")


if __name__ == "__main__":
    main()
