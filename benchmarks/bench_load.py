"""Load on the loopback: 20 readers and one import writer against a demo database (issue 14).

Run: `uv run python -m benchmarks load` (20 s a server) or
`uv run python -c "from benchmarks.bench_load import main; main(['60'])"`.

A fresh demo database (SQLite, as `pantau demo`) is served twice on 127.0.0.1, one server
after the other: first by Django's development server (what `pantau demo` ran before issue
14: the baseline, measured in the same run), then by gunicorn as `pantau demo` and `pantau
serve` run it now. Against each, for the same time: 20 reader threads, each on its own
keep-alive connection (as browsers do), open employee pages, their JSON twins and the API
record (each read writes an access-log entry), while one writer imports a file of 1,000
employees through the web pages again and again (preview, confirm: one write transaction).
Printed per server: reads, errors by status (any 5xx, or a connection that failed), p50 and
p99 of the reads, imports done, and the p50 of `/healthz` asked 50 times on one reused
connection (the delayed-ACK stall shows there); then the ratios against the baseline. Nothing
leaves the machine: every socket is on 127.0.0.1.
"""

from __future__ import annotations

import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.import_files import employees_csv

READERS = 20
KETAPANG_UNITS = ("SETDA", "BAG-ORG", "BKPSDM", "DINKES", "RSUD", "SATPOLPP")


@dataclass
class Tally:
    """What the clients saw on one server."""

    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    imports: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def read(self, seconds: float, status: int) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if status >= 500:
                self.errors[str(status)] += 1

    def failed(self, what: str) -> None:
        with self.lock:
            self.errors[what] += 1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def prepare(folder: Path) -> dict[str, str]:
    """A demo database in `folder`; the environment every process of the run uses."""
    env = {**os.environ, "PANTAU_DATABASE_URL": f"sqlite:///{folder / 'load.sqlite3'}",
           "DJANGO_SETTINGS_MODULE": "pantau.web.settings", "PANTAU_DEBUG": "0"}
    env.pop("PANTAU_SECURE", None)
    pantau = str(Path(sys.executable).with_name("pantau"))
    subprocess.run([pantau, "demo", "--no-serve"], env=env, cwd=folder, check=True,
                   capture_output=True)
    return env


def sessions(env: dict[str, str]) -> tuple[str, list[int]]:
    """A session key for ketapang.admin and the ids of Ketapang's employees (through Django,
    on the benchmark's database)."""
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore

    from pantau.web.registry.models import Employee

    user = User.objects.get(username="ketapang.admin")
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "pantau.web.access.backends.CaseInsensitiveBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    ids = list(Employee.objects.filter(agency_id="kab-ketapang").values_list("pk", flat=True))
    return str(store.session_key), ids


def serve(kind: str, port: int, env: dict[str, str], folder: Path) -> subprocess.Popen[bytes]:
    if kind == "runserver":
        command = [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}",
                   "--noreload", "--skip-checks"]
    else:
        from pantau.commands.web import gunicorn_command_line

        command = gunicorn_command_line(f"127.0.0.1:{port}", 2, 4)
    process = subprocess.Popen(command, env=env, cwd=folder, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"{kind} did not start")


def reader(port: int, cookie: str, ids: list[int], until: float, tally: Tally) -> None:
    rng = random.Random()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    routes = ("/employees/{}/", "/employees/{}.json", "/api/employees/{}")
    while time.perf_counter() < until:
        route = rng.choice(routes).format(rng.choice(ids))
        started = time.perf_counter()
        try:
            connection.request("GET", route, headers={"Cookie": cookie})
            response = connection.getresponse()
            response.read()
            tally.read(time.perf_counter() - started, response.status)
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
        except (OSError, http.client.HTTPException) as error:
            tally.failed(type(error).__name__)
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.close()


def _multipart(fields: dict[str, str], name: str, data: bytes) -> tuple[bytes, str]:
    boundary = "pantau-load-boundary"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'
             .encode() for key, value in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                 f'filename="{name}"\r\nContent-Type: text/csv\r\n\r\n'.encode() + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), boundary


def _token(body: bytes) -> str:
    found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    return found.group(1).decode() if found else ""


def import_once(port: int, cookie: str, data: bytes) -> bool:
    """Upload and confirm one file through the pages, as an admin does; True when written."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("GET", "/import/", headers={"Cookie": cookie})
        page = connection.getresponse()
        csrf = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie") or "")
        token = _token(page.read())
        cookies = f"{cookie}; csrftoken={csrf.group(1) if csrf else ''}"
        body, boundary = _multipart({"csrfmiddlewaretoken": token, "kind": "employees",
                                     "agency": "kab-ketapang"}, "pegawai.csv", data)
        headers = {"Cookie": cookies, "Content-Type": f"multipart/form-data; boundary={boundary}",
                   "Referer": f"http://127.0.0.1:{port}/import/"}
        connection.request("POST", "/import/preview/", body, headers)
        answer = connection.getresponse()
        answer.read()
        job = answer.getheader("Location") or ""
        if not job.startswith("/import/"):
            return False
        connection.request("GET", job, headers={"Cookie": cookies})
        preview = connection.getresponse().read()
        connection.request("POST", f"{job}confirm/", f"csrfmiddlewaretoken={_token(preview)}",
                           headers | {"Content-Type": "application/x-www-form-urlencoded"})
        done = connection.getresponse()
        done.read()
        return done.status == 302
    finally:
        connection.close()


def writer(port: int, cookie: str, files: list[bytes], until: float, tally: Tally) -> None:
    turn = 0
    while time.perf_counter() < until:
        try:
            if import_once(port, cookie, files[turn % len(files)]):
                with tally.lock:
                    tally.imports += 1
            else:
                tally.failed("import refused")
        except (OSError, http.client.HTTPException) as error:
            tally.failed(f"import {type(error).__name__}")
        turn += 1


def stall(port: int) -> float:
    """p50 of /healthz asked 50 times on one reused connection, in ms."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    times = []
    for _ in range(50):
        started = time.perf_counter()
        connection.request("GET", "/healthz")
        connection.getresponse().read()
        times.append(time.perf_counter() - started)
    connection.close()
    return statistics.median(times) * 1000


def run_one(kind: str, env: dict[str, str], folder: Path, cookie: str, ids: list[int],
            files: list[bytes], seconds: float) -> tuple[Tally, float]:
    port = free_port()
    process = serve(kind, port, env, folder)
    try:
        idle = stall(port)
        tally = Tally()
        until = time.perf_counter() + seconds
        threads = [threading.Thread(target=reader, args=(port, cookie, ids, until, tally))
                   for _ in range(READERS)]
        threads.append(threading.Thread(target=writer, args=(port, cookie, files, until, tally)))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return tally, idle
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=30)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else 0.0


def _row(label: str, tally: Tally, idle: float) -> str:
    errors = sum(tally.errors.values())
    return (f"{label:<34}{len(tally.latencies):>7}{errors:>8}"
            f"{percentile(tally.latencies, 0.5):>9.1f}{percentile(tally.latencies, 0.99):>9.1f}"
            f"{tally.imports:>9}{idle:>23.1f}" + (f"  {dict(tally.errors)}" if errors else ""))


def _ratios(old: tuple[Tally, float], new: tuple[Tally, float]) -> str:
    def ratio(share: float) -> float:
        return percentile(old[0].latencies, share) / max(1e-9, percentile(new[0].latencies,
                                                                          share))

    reads = len(old[0].latencies) / max(1, len(new[0].latencies))
    return (f"ratios old/new: reads {reads:.2f}x, p50 {ratio(0.5):.2f}x, p99 {ratio(0.99):.2f}x,"
            f" healthz on a reused connection {old[1] / max(1e-9, new[1]):.1f}x")


def main(argv: list[str]) -> None:
    seconds = float(argv[0]) if argv else 20.0
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        env = prepare(folder)
        session, ids = sessions(env)
        cookie = f"sessionid={session}"
        files = [employees_csv(folder / f"w{n}.csv", 1000, KETAPANG_UNITS, 10_000 * n)
                 .read_bytes() for n in (1, 2)]
        print(f"{READERS} readers + 1 import writer (1,000 rows a file), {seconds:.0f} s a "
              "server, SQLite (WAL), 127.0.0.1")
        print(f"{'server':<34}{'reads':>7}{'errors':>8}{'p50 ms':>9}{'p99 ms':>9}"
              f"{'imports':>9}{'healthz reused p50 ms':>23}")
        results = {}
        for kind, label in (("runserver", "development server (old demo)"),
                            ("gunicorn", "gunicorn (demo and serve now)")):
            results[kind] = run_one(kind, env, folder, cookie, ids, files, seconds)
            print(_row(label, *results[kind]), flush=True)
        print(_ratios(results["runserver"], results["gunicorn"]))


if __name__ == "__main__":
    main(sys.argv[1:])
