#!/usr/bin/env python3
"""A browser's part against `kodex serve`, with Python's standard library only.

  serve_probe.py get URL
      prints the status, the content type and the body of a GET (404s included).
  serve_probe.py edit-and-wait URL FILE OLD NEW [TIMEOUT]
      opens the page's reload events, then replaces OLD by NEW in FILE (as an editor's
      atomic save: a new file renamed over the old) and waits for a reload event; prints
      `reload GENERATION MILLISECONDS`, or `timeout`.
"""
import http.client
import os
import sys
import time
import urllib.parse


def get(url):
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    # The path is sent exactly as given: no client-side clean-up of `..`.
    connection.request("GET", parts.path + (("?" + parts.query) if parts.query else ""))
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    print(response.status)
    print(response.getheader("Content-Type", ""))
    print(body, end="")


def edit_and_wait(url, path, old, new, timeout):
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    connection.request("GET", "/_kodex/events")
    response = connection.getresponse()
    assert response.status == 200, response.status
    assert response.readline().startswith(b": kodex"), "the stream does not open with its comment"
    text = open(path, encoding="utf-8").read()
    assert old in text, f"{path} lacks {old!r}"
    temporary = path + ".kodex-probe~"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text.replace(old, new, 1))
    started = time.monotonic()
    os.replace(temporary, path)
    try:
        while True:
            line = response.readline()
            if not line:
                print("closed")
                return
            if line.startswith(b"event: reload"):
                data = response.readline().decode().strip()
                elapsed = (time.monotonic() - started) * 1000
                print(f"reload {data.removeprefix('data: ')} {elapsed:.0f}")
                return
    except TimeoutError:
        print("timeout")


if __name__ == "__main__":
    if sys.argv[1] == "get":
        get(sys.argv[2])
    else:
        edit_and_wait(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], float(sys.argv[6]) if len(sys.argv) > 6 else 20)
