#!/usr/bin/env python3
"""A whole curation round in the web app, in a real browser: Debian's headless Chromium
driven by Selenium, against a `pendamping-server` started on a fresh data directory.

An admin (accounts made with `pendamping-server user add`) creates a programme in the browser
and adds a curator; the curator uploads the office lists (mentors CSV, mentees workbook),
proposes, accepts one pair and rejects another while the admin's browser shows the
decisions arrive live; the curator re-solves, the accepted pair holds and the rejected one is
gone; the audit log names the curator; the admin publishes; downloads answer.

Usage: webapp_test.py SERVER_BINARY [--screenshots DIR]
Exits 0 when every check holds, 1 otherwise.
"""
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.support.ui import WebDriverWait as SeleniumWait


def WebDriverWait(driver, seconds):
    """A wait that retries while the page reloads under it."""
    return SeleniumWait(driver, seconds, ignored_exceptions=(StaleElementReferenceException, NoSuchElementException, WebDriverException))


def submit_and_reload(driver, form_selector):
    """Submits a form whose success reloads the page, and waits for the new page."""
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, form_selector + " button").click()
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete"
                                    and d.find_element(By.TAG_NAME, "html") != old)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def browser(width=1366, height=768):
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    binary = sys.argv[1]
    shots = sys.argv[sys.argv.index("--screenshots") + 1] if "--screenshots" in sys.argv else None
    failures = []

    def check(condition, what):
        print(("ok    " if condition else "FAIL  ") + what)
        if not condition:
            failures.append(what)

    def shot(driver, name, full=False):
        if shots:
            if full:
                height = driver.execute_script("return document.body.scrollHeight")
                driver.set_window_size(1366, min(max(768, height + 40), 3000))
            driver.save_screenshot(os.path.join(shots, name))
            if full:
                driver.set_window_size(1366, 768)

    data = tempfile.mkdtemp(prefix="pendamping-webapp-")
    for name, role in (("admin", "admin"), ("kurator", "curator")):
        subprocess.run([binary, "user", "add", "--data", data, "--name", name, "--role", role],
                       input=f"sandi-{name}-123\n", text=True, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen([binary, "serve", "--data", data, "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/login", timeout=1)
            break
        except Exception:
            time.sleep(0.1)
    admin, curator = browser(), browser()
    try:
        def sign_in(driver, name):
            driver.get(base + "/login")
            driver.find_element(By.ID, "name").send_keys(name)
            driver.find_element(By.ID, "password").send_keys(f"sandi-{name}-123")
            driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
            WebDriverWait(driver, 10).until(lambda d: not d.current_url.endswith("/login"))

        admin.get(base + "/login")
        shot(admin, "webapp-login.png")
        sign_in(admin, "admin")
        check("Program" in admin.find_element(By.TAG_NAME, "h1").text, "the admin sees the programmes page in Indonesian")
        admin.find_element(By.ID, "pname").send_keys("Kakak Asuh Jakarta Barat")
        admin.find_element(By.ID, "pregion").send_keys("31.73")
        admin.find_element(By.CSS_SELECTOR, 'form[data-action="create-programme"] button').click()
        WebDriverWait(admin, 10).until(lambda d: "/p/" in d.current_url)
        programme = admin.current_url.rstrip("/").split("/")[-1]
        admin.find_element(By.ID, "member-name").send_keys("kurator")
        admin.find_element(By.CSS_SELECTOR, 'form[data-action="add-member"] button').click()
        WebDriverWait(admin, 10).until(lambda d: "kurator" in d.find_element(By.CSS_SELECTOR, "section.card ul").text)
        check(True, "the admin created the programme and added the curator")
        # The profile's weights in the form (decimal comma), checked and saved by the server.
        weight = admin.find_element(By.ID, "w-location")
        weight.clear()
        weight.send_keys("0,4")
        submit_and_reload(admin, 'form[data-action="profile"]')
        WebDriverWait(admin, 10).until(lambda d: d.find_element(By.ID, "w-location").get_attribute("value") == "0,4"
                                       and '"location" : 0.4' in d.find_element(By.ID, "profile-json").get_attribute("value"))
        check(True, "the admin set a weight in the profile form")
        cohort = admin.find_element(By.ID, "c-min")
        cohort.clear()
        cohort.send_keys("2")
        submit_and_reload(admin, 'form[data-action="profile"]')
        WebDriverWait(admin, 10).until(lambda d: '"min_mentees" : 2' in d.find_element(By.ID, "profile-json").get_attribute("value"))
        check(admin.find_element(By.ID, "c-level").get_attribute("value") == "kecamatan", "a programme rule set in the form, the others kept")
        bad = admin.find_element(By.ID, "r-k")
        bad.clear()
        bad.send_keys("0")
        admin.find_element(By.CSS_SELECTOR, 'form[data-action="profile"] button').click()
        WebDriverWait(admin, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, 'form[data-action="profile"] .message').text != "")
        refusal = admin.find_element(By.CSS_SELECTOR, 'form[data-action="profile"] .message').text
        check("k" in refusal and "harus bilangan bulat dalam [1, 1000]" in refusal,
              f"a profile value out of range is refused with the CLI's check, in Indonesian ({refusal[:120]!r})")
        admin.get(admin.current_url)
        admin.get(base + "/")
        shot(admin, "webapp-programmes.png")

        sign_in(curator, "kurator")
        curator.get(f"{base}/p/{programme}")
        # A refused list first: nothing stored, the issue named by file and row.
        bad = os.path.join(data, "mentor-salah.csv")
        with open(bad, "w", encoding="utf-8") as f:
            f.write("id,name,kbli,capacity,region\nKA-01,Rumah Tama,10710,banyak,31.73.01\n")
        curator.find_element(By.ID, "mentors-file").send_keys(bad)
        curator.find_element(By.ID, "mentees-file").send_keys(os.path.join(ROOT, "fixtures", "jakarta-barat-office", "mentees.xlsx"))
        curator.find_element(By.CSS_SELECTOR, 'form[data-action="upload"] button').click()
        WebDriverWait(curator, 20).until(lambda d: d.find_element(By.CSS_SELECTOR, "pre.issues").text != "")
        issues = curator.find_element(By.CSS_SELECTOR, "pre.issues").text
        check("mentor-salah.csv" in issues and "capacity" in issues, f"a refused list names the file and column ({issues[:120]!r})")
        check("baris 2" in issues and "bukan bilangan bulat" in issues and "(data KA-01)" in issues,
              f"the refusal is said in Indonesian, row and record named ({issues[:160]!r})")
        shot(curator, "webapp-upload-refused.png")
        curator.get(f"{base}/p/{programme}")
        curator.find_element(By.ID, "mentors-file").send_keys(os.path.join(ROOT, "fixtures", "jakarta-barat", "mentors.csv"))
        curator.find_element(By.ID, "mentees-file").send_keys(os.path.join(ROOT, "fixtures", "jakarta-barat-office", "mentees.xlsx"))
        curator.find_element(By.CSS_SELECTOR, 'form[data-action="upload"] button').click()
        WebDriverWait(curator, 30).until(lambda d: "mentees.xlsx" in d.find_element(By.TAG_NAME, "table").text)
        check(True, "the curator uploaded the office lists")
        shot(curator, "webapp-programme.png", full=True)

        curator.find_element(By.CSS_SELECTOR, 'button[data-action="propose"]').click()
        WebDriverWait(curator, 60).until(lambda d: "/rounds/1" in d.current_url)
        rows = curator.find_elements(By.CSS_SELECTOR, "tr[data-mentee]")
        check(len(rows) > 40, f"round 1 proposes pairs ({len(rows)})")
        shot(curator, "webapp-round.png", full=True)
        # On a tablet (portrait): the page itself does not scroll sideways; wide tables scroll in place.
        curator.set_window_size(820, 1180)
        wide = curator.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        check(wide <= 0, f"no sideways page scroll on a tablet ({wide} px too wide)")
        shot(curator, "webapp-tablet.png")
        curator.set_window_size(1366, 768)

        admin.get(f"{base}/p/{programme}/rounds/1")
        time.sleep(1.0)  # the admin's page subscribes to live events
        first, second = rows[0], rows[1]
        accepted = (first.get_attribute("data-mentee"), first.get_attribute("data-mentor"))
        rejected = (second.get_attribute("data-mentee"), second.get_attribute("data-mentor"))
        first.find_element(By.CSS_SELECTOR, 'button[data-decide="accept"]').click()
        second.find_element(By.CSS_SELECTOR, 'button[data-decide="reject"]').click()
        WebDriverWait(curator, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "tr[data-mentee]")[1].get_attribute("data-state") == "reject")

        def admin_row(pair):
            return admin.find_element(By.CSS_SELECTOR, f'tr[data-mentee="{pair[0]}"][data-mentor="{pair[1]}"]')

        def admin_cell(pair):
            return admin_row(pair).find_element(By.CSS_SELECTOR, "td.decision").text
        try:
            WebDriverWait(admin, 10).until(lambda d: admin_row(rejected).get_attribute("data-state") == "reject"
                                           and admin_row(accepted).get_attribute("data-state") == "accept")
            live = True
        except Exception:
            live = False
        check(live, f"the admin's open page shows both decisions live ({admin_cell(accepted)!r}, {admin_cell(rejected)!r})")
        check("kurator" in admin_cell(rejected), "the live decision names the curator")

        # The admin now decides the accepted pair without having seen it change: a conflict, nothing lost.
        admin.get(f"{base}/p/{programme}/rounds/1")
        stale = admin.find_element(By.CSS_SELECTOR, f'tr[data-mentee="{accepted[0]}"][data-mentor="{accepted[1]}"]')
        admin.execute_script("arguments[0].dataset.decisionId = '0'", stale)
        stale.find_element(By.CSS_SELECTOR, 'button[data-decide="reject"]').click()
        WebDriverWait(admin, 10).until(lambda d: d.find_element(By.ID, "live").text != "")
        check("kurator lain" in admin.find_element(By.ID, "live").text or "another curator" in admin.find_element(By.ID, "live").text.lower(),
              f"a stale decision is a clear conflict ({admin.find_element(By.ID, 'live').text!r})")

        curator.get(f"{base}/p/{programme}")
        curator.find_element(By.CSS_SELECTOR, 'button[data-action="propose"]').click()
        WebDriverWait(curator, 60).until(lambda d: "/rounds/2" in d.current_url)
        pairs2 = {(r.get_attribute("data-mentee"), r.get_attribute("data-mentor")) for r in curator.find_elements(By.CSS_SELECTOR, "tr[data-mentee]")}
        check(accepted in pairs2, "the accepted pair holds in round 2")
        check(rejected not in pairs2, "the rejected pair is gone in round 2")
        check("pasangan sebelumnya ditolak kurator" in curator.find_element(By.TAG_NAME, "main").text, "round 2 lists the change and its reason, in Indonesian")

        curator.get(f"{base}/p/{programme}/audit")
        audit = curator.find_element(By.TAG_NAME, "main").text
        check("kurator" in audit and "reject" in audit and rejected[0] in audit, "the audit log names the curator's decision")
        curator.get(f"{base}/p/{programme}/rounds/2")
        frame = curator.find_element(By.CSS_SELECTOR, "iframe.report")
        curator.switch_to.frame(frame)
        WebDriverWait(curator, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#map circle.mentor"))
        check(len(curator.find_elements(By.CSS_SELECTOR, "#map circle.mentor")) == 4, "the round page's map shows the 4 mentors")
        curator.switch_to.default_content()
        shot(curator, "webapp-audit.png")

        admin.get(f"{base}/p/{programme}/rounds/2")
        admin.find_element(By.CSS_SELECTOR, 'button[data-action="publish"]').click()
        WebDriverWait(admin, 10).until(lambda d: "final" in d.find_element(By.CSS_SELECTOR, ".badge").text)
        check("final" in admin.find_element(By.CSS_SELECTOR, ".badge").text, "the admin published round 2")
        check(not admin.find_elements(By.CSS_SELECTOR, 'button[data-decide]'), "a published round takes no more decisions")
        links = [a.get_attribute("href") for a in admin.find_elements(By.CSS_SELECTOR, "ul.inline a")]
        check(any(l.endswith("pairs.xlsx") for l in links) and any(l.endswith("map.geojson") for l in links), "downloads list pairs.xlsx and map.geojson")
        admin.get(f"{base}/p/{programme}/rounds/2/print")
        pages = admin.find_elements(By.CSS_SELECTOR, "section.print-page")
        check(len(pages) == 4, f"the print view has one page per mentor ({len(pages)})")
        shot(admin, "webapp-print.png")
        admin.get(f"{base}/p/{programme}/rounds/2?lang=en")
        check("Round 2" in admin.find_element(By.TAG_NAME, "h1").text, "English by the switch")

        # Planning: a what-if scenario from the form, answered with the report's tables and charts.
        curator.get(f"{base}/p/{programme}/planning")
        place = curator.find_element(By.ID, "s-place")
        place.find_element(By.CSS_SELECTOR, 'option[value="kabupaten"]').click()
        count = curator.find_element(By.ID, "s-count")
        count.clear()
        count.send_keys("3")
        shot(curator, "webapp-planning.png", full=True)
        curator.find_element(By.CSS_SELECTOR, 'form[data-action="scenario"] button').click()
        WebDriverWait(curator, 120).until(lambda d: "/planning/1" in d.current_url)
        summary = curator.find_element(By.CSS_SELECTOR, "pre.summary").text
        check(summary.startswith("skenario") and "base" in summary, f"the scenario's answer is shown, in Indonesian ({summary[:80]!r})")
        curator.switch_to.frame(curator.find_element(By.CSS_SELECTOR, "iframe.report"))
        charts = curator.find_elements(By.CSS_SELECTOR, "svg")
        curator.switch_to.default_content()
        check(len(charts) >= 2, f"the answer's report has its charts ({len(charts)} figures)")
        shot(curator, "webapp-scenario.png")
        curator.get(f"{base}/p/{programme}/planning")
        years = curator.find_element(By.ID, "y-years")
        years.clear()
        years.send_keys("5")
        curator.find_element(By.CSS_SELECTOR, 'form[data-action="projection"] button').click()
        WebDriverWait(curator, 120).until(lambda d: "/planning/2" in d.current_url)
        WebDriverWait(curator, 10).until(lambda d: d.execute_script("const i = document.querySelector('img.chart'); return i && i.complete && i.naturalWidth > 0"))
        summary = curator.find_element(By.CSS_SELECTOR, "pre.summary").text
        chart = curator.find_element(By.CSS_SELECTOR, "img.chart").get_attribute("src")
        check(summary.startswith("tahun") and len(summary.splitlines()) == 6 and chart.endswith("plan.id.svg"),
              f"a five-year projection is answered with its table and chart, in Indonesian ({summary[:60]!r}, {chart[-20:]!r})")
        shot(curator, "webapp-projection.png")
    finally:
        admin.quit()
        curator.quit()
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            failures.append("the server did not stop within 20 s of SIGTERM")
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("web app browser checks: all hold")


if __name__ == "__main__":
    main()
