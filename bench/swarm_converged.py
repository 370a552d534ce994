"""The polling a script adds to `docker stack deploy` (which returns at once), for bench/swarm.sh.

Asks the manager's Engine API once a second until every service of STACK runs its replicas, on ready nodes, with its
current image (swarm reports a task with a health check as running only once healthy) and no update is under way
(`converged`), or until the stack has no service and no task left (`gone`). Exit 0 when reached, 1 after 300 s.

    python3 bench/swarm_converged.py MANAGER_SOCKET STACK converged|gone
"""
import http.client
import json
import socket
import sys
import time

manager, stack, wanted = sys.argv[1:4]
label = "com.docker.stack.namespace"


class UnixConnection(http.client.HTTPConnection):
    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(manager)


def get(path):
    connection = UnixConnection("docker", timeout=10)
    connection.request("GET", "/v1.41" + path)
    return json.loads(connection.getresponse().read())


def converged(service, tasks, ready):
    image = service["Spec"]["TaskTemplate"]["ContainerSpec"]["Image"]
    running = [task for task in tasks if task.get("ServiceID") == service["ID"] and task["DesiredState"] == "running"
               and task["Status"]["State"] == "running" and task.get("NodeID") in ready]
    return (service.get("UpdateStatus", {}).get("State") in (None, "completed")
            and len(running) == service["Spec"]["Mode"]["Replicated"]["Replicas"]
            and all(task["Spec"]["ContainerSpec"]["Image"] == image for task in running))


deadline = time.time() + 300
while time.time() < deadline:
    services = [s for s in get("/services") if s["Spec"].get("Labels", {}).get(label) == stack]
    tasks = get("/tasks")
    if wanted == "gone":
        if not services and not [t for t in tasks if t["Spec"]["ContainerSpec"].get("Labels", {}).get(label) == stack]:
            sys.exit(0)
    elif services:
        ready = {node["ID"] for node in get("/nodes") if node["Status"]["State"] == "ready"}
        if all(converged(service, tasks, ready) for service in services):
            sys.exit(0)
    time.sleep(1)
sys.exit(1)
