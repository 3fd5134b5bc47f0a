"""The dashboard in a real browser (headless Chromium through Selenium), against a running proxy.

Environment: BROKLE_UI_ROOT (http://127.0.0.1:PORT), BROKLE_LINK_TOKEN (from `brokle ui link`),
BROKLE_ORG, BROKLE_EXPECT_REQUESTS (the cost report's total over 24 h), BROKLE_XSS_TRACE (a trace
whose captured prompt holds markup), BROKLE_XSS_TEXT (that prompt), BROKLE_KEY (for a request the
live tail must show), BROKLE_SCREENSHOTS (a folder for one PNG per page).
Prints one JSON line per check with "ok": true; exits 1 at the first failure.
"""
import json
import os
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, StaleElementReferenceException, TimeoutException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.environ["BROKLE_UI_ROOT"]
ORG = os.environ.get("BROKLE_ORG", "acme")
SHOTS = os.environ.get("BROKLE_SCREENSHOTS")


def check(name, ok, detail=""):
    print(json.dumps({"check": name, "ok": bool(ok), "detail": str(detail)[:500]}), flush=True)
    if not ok:
        sys.exit(1)


def shot(driver, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        driver.save_screenshot(os.path.join(SHOTS, name + ".png"))


def no_alert(driver):
    try:
        text = driver.switch_to.alert.text
        return False, text
    except NoAlertPresentException:
        return True, ""


def wait(driver, timeout=10, poll=0.1):
    """A wait that tolerates the page re-rendering under it (an element replaced while read)."""
    return WebDriverWait(driver, timeout, poll_frequency=poll, ignored_exceptions=[StaleElementReferenceException])


def text_of(driver, selector, timeout=10):
    return wait(driver, timeout).until(lambda d: d.find_element(By.CSS_SELECTOR, selector).text or None)


def main():
    options = Options()
    options.binary_location = os.environ.get("BROKLE_CHROMIUM", "/usr/bin/chromium")
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1100"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(os.environ.get("BROKLE_CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    try:
        run(driver)
    finally:
        driver.quit()


def run(driver):
    # Signed out: the sign-in form, nothing else.
    driver.get(ROOT + "/ui/")
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "form.signin"))
    check("signed_out_shows_sign_in", True)

    # A one-time link signs in, and the token leaves the address bar.
    started = time.monotonic()
    driver.get(ROOT + "/ui/#link=" + os.environ["BROKLE_LINK_TOKEN"])
    who = text_of(driver, "[data-test=who]")
    total = text_of(driver, "[data-test=total-requests]")
    interactive = time.monotonic() - started
    check("link_signs_in", "@" in who and "link=" not in driver.current_url, who)
    shot(driver, "overview")

    # The overview's totals are the cost report's.
    expected = int(os.environ["BROKLE_EXPECT_REQUESTS"])
    check("overview_total_is_cost_report", int(total.replace(",", "")) == expected, f"{total} vs {expected}")
    check("overview_interactive_seconds", interactive < 5, round(interactive, 3))

    # A prompt holding markup is shown as text and runs nothing.
    trace = os.environ["BROKLE_XSS_TRACE"]
    driver.get(ROOT + f"/ui/#/o/{ORG}/traces/{trace}")
    wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-test=conversation] .turn"))
    panel = driver.find_element(By.CSS_SELECTOR, "[data-test=conversation]")
    markup = os.environ["BROKLE_XSS_TEXT"]
    check("markup_shown_as_text", markup in panel.text, panel.text)
    images = panel.find_elements(By.TAG_NAME, "img")
    scripts = panel.find_elements(By.TAG_NAME, "script")
    check("markup_made_no_elements", not images and not scripts, f"{len(images)} img, {len(scripts)} script")
    fine, alert = no_alert(driver)
    check("no_alert", fine, alert)
    check("no_script_ran", driver.execute_script("return window.__brokle_xss === undefined"))
    shot(driver, "trace")

    # The live tail shows a new request within 2 seconds.
    driver.get(ROOT + f"/ui/#/o/{ORG}/traces")
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-test=trace-rows] tr"))
    before = len(driver.find_elements(By.CSS_SELECTOR, "[data-test=trace-rows] tr[data-trace]"))
    driver.find_element(By.CSS_SELECTOR, "[data-test=live]").click()
    request = urllib.request.Request(
        ROOT + "/v1/chat/completions",
        data=json.dumps({"model": "mock-chat", "messages": [{"role": "user", "content": "live tail"}]}).encode(),
        headers={"authorization": "Bearer " + os.environ["BROKLE_KEY"], "content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        new_id = response.headers["x-brokle-request-id"]
    answered = time.monotonic()
    try:
        wait(driver, 2, 0.05).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, f"[data-test=trace-rows] tr[data-trace='{new_id}']"))
        seen = time.monotonic() - answered
    except TimeoutException:
        seen = None
    check("live_tail_within_2s", seen is not None, f"seen after {seen} s; {before} rows before")
    shot(driver, "traces")

    # End users, sessions and providers.
    driver.get(ROOT + f"/ui/#/o/{ORG}/users")
    users = text_of(driver, "[data-test=users-rows]")
    check("users_listed", os.environ.get("BROKLE_END_USER", "ada") in users, users)
    shot(driver, "users")
    driver.get(ROOT + f"/ui/#/o/{ORG}/sessions")
    text_of(driver, "[data-test=sessions-rows]")
    shot(driver, "sessions")
    driver.get(ROOT + f"/ui/#/o/{ORG}/providers")
    providers = text_of(driver, "[data-test=provider-rows]")
    check("providers_listed", "mock/mock-chat" in providers and "closed" in providers, providers)
    shot(driver, "providers")

    # An admin creates a key: its secret is shown once, then nowhere.
    driver.get(ROOT + f"/ui/#/o/{ORG}/keys")
    form = wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-test=create-key]"))
    form.find_element(By.NAME, "name").send_keys("browser-key")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    secret = text_of(driver, "[data-test=new-key] [data-test=secret]")
    shot(driver, "keys")
    driver.find_element(By.XPATH, "//button[text()='Done']").click()
    wait(driver).until(lambda d: "browser-key" in d.find_element(By.CSS_SELECTOR, "[data-test=key-rows]").text)
    check("admin_creates_key_shown_once", secret.startswith("bk_") and secret not in driver.page_source, secret[:12])

    driver.get(ROOT + f"/ui/#/o/{ORG}/cache")
    text_of(driver, "[data-test=cache-hit-rate]")
    shot(driver, "cache")

    # An admin sets a budget; it shows with its use of the period.
    driver.get(ROOT + f"/ui/#/o/{ORG}/limits")
    form = wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-test=set-budget]"))
    form.find_element(By.NAME, "usd").send_keys("25")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    budgets = text_of(driver, "[data-test=budget-rows]")
    check("admin_sets_budget", "$25.00" in budgets and "month" in budgets and "0 %" in budgets, budgets)
    shot(driver, "limits")

    # An admin sets a scope's content capture; the policy shows.
    driver.get(ROOT + f"/ui/#/o/{ORG}/policies")
    form = wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-test=set-logging]"))
    Select(form.find_element(By.NAME, "content")).select_by_value("redacted")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    policies = text_of(driver, "[data-test=logging-rows]")
    check("admin_sets_logging", "redacted" in policies, policies)
    shot(driver, "policies")

    # The audit log has the key's creation, by this member, and no secret.
    driver.get(ROOT + f"/ui/#/o/{ORG}/audit")
    audit = text_of(driver, "[data-test=audit-rows]")
    check("audit_shows_the_change", "key.create" in audit and "admin@acme.test" in audit and secret not in driver.page_source, audit[:200])
    shot(driver, "audit")

    # Nothing the pages did broke the Content-Security-Policy (no inline script or style anywhere).
    violations = [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]
    check("no_csp_violations", not violations, violations)

    # Signing out ends the session on the server: the old cookie, put back, is refused.
    saved = driver.get_cookie("brokle_session")
    driver.find_element(By.XPATH, "//button[text()='Sign out']").click()
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "form.signin"))
    gone = driver.get_cookie("brokle_session") is None
    driver.add_cookie({"name": "brokle_session", "value": saved["value"], "path": "/"})
    status = driver.execute_script(
        "return fetch('/api/v1/session', {credentials: 'same-origin'}).then(r => r.status)")
    check("sign_out_ends_session", saved and gone and status == 401, f"cookie removed {gone}, replayed: {status}")
    driver.delete_cookie("brokle_session")

    # A viewer sees the keys (the new one too) but cannot create one.
    driver.get(ROOT + "/ui/#link=" + os.environ["BROKLE_VIEWER_LINK_TOKEN"])
    text_of(driver, "[data-test=who]")
    driver.get(ROOT + f"/ui/#/o/{ORG}/keys")
    rows = text_of(driver, "[data-test=key-rows]")
    forms = driver.find_elements(By.CSS_SELECTOR, "[data-test=create-key]")
    read_only = driver.find_elements(By.CSS_SELECTOR, "[data-test=keys-read-only]")
    check("viewer_cannot_create_keys", "browser-key" in rows and not forms and read_only, rows)


if __name__ == "__main__":
    main()
