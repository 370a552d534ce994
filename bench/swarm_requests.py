"""The caller of bench/swarm.sh, as a load balancer holding the orchestrator's stable addresses (NODE:PORT of every node).

Posts a job to one address chosen at random and moves to the next when it refuses or drops the connection (counted as
moved); a request fails when no address answers it with the right total. At most 10 requests a second, for at most
15 minutes; the counts are rewritten to OUT after each request.

    python3 bench/swarm_requests.py OUT URL...
"""
import json
import random
import sys
import time
import urllib.request

out, urls = sys.argv[1], sys.argv[2:]
requests = failed = moved = 0
body = json.dumps({"values": list(range(1, 13)), "parts": 3}).encode()
deadline = time.time() + 900
while time.time() < deadline:
    requests += 1
    ok = False
    start = random.randrange(len(urls))
    for attempt in range(len(urls)):
        try:
            request = urllib.request.Request(urls[(start + attempt) % len(urls)] + "/jobs", data=body,
                                             headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=10) as answer:
                ok = json.loads(answer.read()).get("total") == 78
            break
        except Exception:
            moved += 1
    failed += 0 if ok else 1
    with open(out, "w") as counts:
        json.dump({"requests": requests, "failed": failed, "moved": moved}, counts)
    time.sleep(0.1)
