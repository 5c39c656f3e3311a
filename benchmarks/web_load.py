"""A bounded loopback load against gunicorn: the project's pages served as in production (gunicorn, DEBUG off),
each measured against the bare Django view served by the same server in the same run.

The load is bounded: a fixed number of client processes, each keeping a fixed number of keep-alive connections
busy for a fixed time (no ramp, no open-ended arrival rate). Client and server share the machine's cores, so the
figures are ratios, not capacities.
"""

from __future__ import annotations

import http.client
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Load:
    path: str
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p95_ms: float

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served(database_url: str, *, workers: int | None = None):
    """gunicorn with the project (and the bare view) on a free loopback port; yields the port."""
    port = _free_port()
    workers = workers or max(2, os.cpu_count() or 2)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "PYTHONPATH": f"{ROOT / 'benchmarks'}{os.pathsep}{ROOT}",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/bench/bare/")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("gunicorn did not answer within 60 s")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def _client(port: int, path: str, seconds: float, connections: int, out) -> None:
    latencies: list[float] = []
    errors = 0
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def run() -> None:
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        bad = 0
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Accept-Language": "vi"})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append(time.perf_counter() - started)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=run) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    out.put((latencies, errors))


def load(port: int, path: str, *, seconds: float = 10, processes: int = 2, connections: int = 4) -> Load:
    """`processes` × `connections` keep-alive clients asking for `path` for `seconds`."""
    queue: multiprocessing.Queue = multiprocessing.Queue()
    started = time.perf_counter()
    workers = [
        multiprocessing.Process(target=_client, args=(port, path, seconds, connections, queue))
        for _ in range(processes)
    ]
    for worker in workers:
        worker.start()
    latencies: list[float] = []
    errors = 0
    for _ in workers:
        got, bad = queue.get()
        latencies.extend(got)
        errors += bad
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1] if latencies else 0.0
    return Load(
        path=path,
        requests=len(latencies),
        errors=errors,
        seconds=elapsed,
        p50_ms=statistics.median(latencies) * 1000 if latencies else 0.0,
        p95_ms=p95 * 1000,
    )


def compare(database_url: str, paths: list[str], *, seconds: float = 10) -> list[Load]:
    """The bare view's load first (the floor), then each path's, against the same server."""
    with served(database_url) as port:
        for path in ["/bench/bare/", *paths]:  # warm every worker's caches and connections
            load(port, path, seconds=1)
        return [load(port, path, seconds=seconds) for path in ["/bench/bare/", *paths]]


def report(results: list[Load]) -> None:
    floor = results[0]
    print(
        f"load: {os.cpu_count()} cores; bounded loopback load (2 client processes × 4 keep-alive connections)"
    )
    for result in results:
        ratio = result.throughput / floor.throughput if floor.throughput else 0
        print(
            f"  {result.path:<40} {result.throughput:8.0f} req/s  p50 {result.p50_ms:6.1f} ms  "
            f"p95 {result.p95_ms:6.1f} ms  errors {result.errors}  → {ratio:.2f}× the bare view"
        )
