#!/usr/bin/env python3
"""Checks a built HTML handbook in headless Chromium, as its readers meet it.

    check_handbook.py site DIR     every page of DIR (an `html/` folder of `kodex build`):
                                   axe-core at 1280x900 in light and dark, diagrams whose
                                   labels are whole and inside their boxes, step anchors
                                   that land in view, no sideways scroll at 390 px
    check_handbook.py inert DIR    every page opens no dialog and runs no script of the codex

Prints one line per problem and exits 1 if there is any. Needs Selenium, Chromium and
chromedriver, and axe-core 4.x's script from the `axe-playwright-python` wheel.
"""
import glob
import importlib.util
import json
import os
import sys

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


def axe_script():
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("axe-core is missing: pip install --no-deps axe-playwright-python")
    with open(os.path.join(list(spec.submodule_search_locations)[0], "axe.min.js"), encoding="utf-8") as file:
        return file.read()


def browser(width, height, dark=False):
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                     f"--window-size={width},{height}", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    if os.path.exists("/usr/bin/chromium"):
        options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "features": [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]})
    if width < 500:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})
    return driver


def pages(folder):
    return sorted(glob.glob(os.path.join(folder, "**", "*.html"), recursive=True))


def url(path, fragment=""):
    return "file://" + os.path.abspath(path) + fragment


DIAGRAM_PROBLEMS = """
var problems = [];
document.querySelectorAll("svg.flow").forEach(function (svg) {
  svg.querySelectorAll("a.node, g.condition, g.flow-end").forEach(function (group) {
    var box = group.querySelector("rect").getBBox();
    group.querySelectorAll("text").forEach(function (text) {
      var t = text.getBBox();
      if (text.textContent.indexOf("\\u2026") >= 0) { problems.push("cut: " + text.textContent); }
      if (t.x < box.x - 0.5 || t.y < box.y - 0.5 || t.x + t.width > box.x + box.width + 0.5 ||
          t.y + t.height > box.y + box.height + 0.5) {
        problems.push("outside its box: " + text.textContent);
      }
    });
  });
  var view = svg.viewBox.baseVal;
  svg.querySelectorAll("text").forEach(function (text) {
    var t = text.getBBox();
    if (t.x < 0 || t.x + t.width > view.width) { problems.push("outside the diagram: " + text.textContent); }
  });
});
return problems;
"""

ANCHOR_PROBLEM = """
var target = document.getElementById(arguments[0]);
if (!target) { return "no element"; }
var top = target.getBoundingClientRect().top;
var header = document.querySelector(".top");
var covered = header && getComputedStyle(header).position === "sticky" ? header.getBoundingClientRect().bottom : 0;
if (top < covered - 1) { return "hidden under the header (" + Math.round(top) + " < " + Math.round(covered) + ")"; }
if (top > window.innerHeight) { return "below the screen"; }
return null;
"""


def check_site(folder):
    problems = []
    script = axe_script()
    for dark in (False, True):
        driver = browser(1280, 900, dark)
        try:
            for page in pages(folder):
                driver.get(url(page))
                driver.execute_script(script)
                result = driver.execute_async_script(
                    "var done = arguments[0]; axe.run(document, {resultTypes: ['violations']}).then(done);")
                for violation in result["violations"]:
                    nodes = [node["target"] for node in violation["nodes"]][:3]
                    problems.append(f"axe {'dark' if dark else 'light'} {os.path.relpath(page, folder)}: "
                                    f"{violation['id']} ({violation['impact']}) {nodes}")
                if not dark:
                    for problem in driver.execute_script(DIAGRAM_PROBLEMS):
                        problems.append(f"diagram {os.path.relpath(page, folder)}: {problem}")
                    ids = driver.execute_script(
                        "return Array.prototype.map.call(document.querySelectorAll('.step[id]'), function (e) { return e.id; });")
                    for anchor in ids:
                        driver.get(url(page, "#" + anchor))
                        problem = driver.execute_script(ANCHOR_PROBLEM, anchor)
                        if problem:
                            problems.append(f"anchor {os.path.relpath(page, folder)}#{anchor}: {problem}")
        finally:
            driver.quit()
    driver = browser(390, 844)
    try:
        for page in pages(folder):
            driver.get(url(page))
            width = driver.execute_script("return document.documentElement.scrollWidth;")
            if width > 390:
                problems.append(f"phone {os.path.relpath(page, folder)}: the page is {width} px wide at 390 px")
    finally:
        driver.quit()
    return problems


def check_inert(folder):
    problems = []
    driver = browser(1280, 900)
    try:
        for page in pages(folder):
            driver.get(url(page))
            try:
                alert = driver.switch_to.alert
                problems.append(f"inert {os.path.relpath(page, folder)}: a dialog opened: {alert.text}")
                alert.dismiss()
            except NoAlertPresentException:
                pass
            ran = driver.execute_script("return window.__kodexHostileRan || false;")
            if ran:
                problems.append(f"inert {os.path.relpath(page, folder)}: a script of the codex ran")
    finally:
        driver.quit()
    return problems


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("site", "inert"):
        sys.exit(__doc__)
    problems = check_site(sys.argv[2]) if sys.argv[1] == "site" else check_inert(sys.argv[2])
    for problem in problems:
        print(problem)
    print(json.dumps({"pages": len(pages(sys.argv[2])), "problems": len(problems)}))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
