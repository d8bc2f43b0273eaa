"""Sends COUNT wrong-password POST /login requests for USER, paced evenly over SECONDS, from one address.

    python3 flood.py BASE_URL USER COUNT SECONDS

Each request runs in its own thread at its scheduled time (so a slow answer does not delay the next); prints one
line: the count of each status, the time the flood took, and the median and largest latency.
"""

import collections
import http.client
import json
import sys
import threading
import time
import urllib.parse


def main():
    base, user, count, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    url = urllib.parse.urlparse(base)
    statuses = collections.Counter()
    latencies = []
    lock = threading.Lock()

    def attempt(number):
        started = time.monotonic()
        try:
            connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
            body = json.dumps({"username": user, "password": f"wrong password {number:04d}"})
            connection.request("POST", "/login", body=body, headers={"Content-Type": "application/json"})
            status = str(connection.getresponse().status)
            connection.close()
        except OSError as error:
            status = type(error).__name__
        with lock:
            statuses[status] += 1
            latencies.append(time.monotonic() - started)

    start = time.monotonic()
    threads = []
    for number in range(count):
        delay = start + number * seconds / count - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        thread = threading.Thread(target=attempt, args=(number,))
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()
    took = time.monotonic() - start
    latencies.sort()
    counts = " ".join(f"{status}={statuses[status]}" for status in sorted(statuses))
    print(f"{counts} took={took:.2f}s median_ms={1000 * latencies[len(latencies) // 2]:.1f} "
          f"max_ms={1000 * latencies[-1]:.1f}")


if __name__ == "__main__":
    main()
