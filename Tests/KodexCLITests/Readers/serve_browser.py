#!/usr/bin/env python3
"""A reader's browser on a page `kodex serve` serves: headless Chromium through Selenium.

  serve_browser.py URL FILE OLD NEW
      opens URL, scrolls it down, replaces OLD by NEW in FILE as an editor saves (a new
      file renamed over the old), waits until the page has reloaded by itself and shows
      NEW, and prints `before Y`, `after Y`, `heading TEXT` and `index read` or `unread` (whether the
      page read the search index, which it should only when the reader searches).
"""
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


def main(url, path, old, new):
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(argument)
    if os.path.exists("/usr/bin/chromium"):
        options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    try:
        driver.get(url)
        driver.execute_script("window.scrollTo(0, 1200)")
        time.sleep(0.3)
        print("before", driver.execute_script("return Math.round(window.scrollY)"))
        driver.execute_script("window.kodexBeforeReload = true")
        text = open(path, encoding="utf-8").read()
        assert old in text, f"{path} lacks {old!r}"
        temporary = path + ".kodex-browser~"
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(text.replace(old, new, 1))
        os.rename(temporary, path)
        # A reload makes a new window object: the mark set above is gone once it happened.
        deadline = time.time() + 30
        while time.time() < deadline:
            time.sleep(0.1)
            try:
                if not driver.execute_script("return window.kodexBeforeReload === true") \
                        and driver.execute_script("return document.readyState") == "complete":
                    break
            except Exception:
                pass
        time.sleep(0.3)
        print("after", driver.execute_script("return Math.round(window.scrollY)"))
        print("heading", driver.execute_script("return document.querySelector('h1').textContent"))
        print("index", "read" if driver.execute_script("return !!window.KODEX_INDEX") else "unread")
    finally:
        driver.quit()


if __name__ == "__main__":
    main(*sys.argv[1:5])
