"""ECMS benchmark: seeds cases, serves the app under gunicorn (2 workers) on loopback, loads it for a
bounded time and prints throughput and latency. Usage (see docs/operations.md):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ecms_bench .venv/bin/python bench/run.py --cases 10000

Never a test: figures depend on the machine. Requests go to 127.0.0.1 only.
"""

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "platform"), str(REPO)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecms.settings.dev")


def setup_django():
    import django

    django.setup()


def prepare(cases: int) -> dict:
    """Migrate, load configs and reference data, create the bench user and enough cases (bulk inserts)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from rest_framework.authtoken.models import Token

    from bench.seed import seed_cases

    call_command("migrate", verbosity=0)
    call_command("seed_demo", no_cases=True, stdout=open(os.devnull, "w"))  # noqa: SIM115 (also the portal pages)
    user = get_user_model().objects.get(username="supervisor_bg")
    token, _created = Token.objects.get_or_create(user=user)
    references = seed_cases(cases)
    return {"token": token.key, "references": references}


class Load:
    def __init__(self, port: int, seconds: float, concurrency: int):
        self.port, self.seconds, self.concurrency = port, seconds, concurrency

    def run(self, make_request):
        latencies, statuses, lock = [], {}, threading.Lock()
        deadline = time.monotonic() + self.seconds

        def worker(index):
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            n = 0
            while time.monotonic() < deadline:
                method, path, body, headers = make_request(index, n)
                n += 1
                started = time.perf_counter()
                try:
                    connection.request(method, path, body=body, headers=headers)
                    response = connection.getresponse()
                    response.read()
                    status = response.status
                except (OSError, http.client.HTTPException):
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                    status = 0
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    statuses[status] = statuses.get(status, 0) + 1
            connection.close()

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(self.concurrency)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        duration = time.monotonic() - started
        return latencies, statuses, duration


def report(name: str, latencies, statuses, duration) -> dict:
    ordered = sorted(latencies) or [0]

    def pct(p):
        return ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000

    row = {
        "scenario": name,
        "requests": len(latencies),
        "rps": round(len(latencies) / duration, 1),
        "p50_ms": round(pct(0.5), 1),
        "p95_ms": round(pct(0.95), 1),
        "p99_ms": round(pct(0.99), 1),
        "mean_ms": round(statistics.mean(ordered) * 1000, 1),
        "statuses": statuses,
    }
    print(
        f"{name:<32} {row['rps']:>8} req/s  p50 {row['p50_ms']:>7} ms  p95 {row['p95_ms']:>7} ms  "
        f"p99 {row['p99_ms']:>7} ms  statuses {statuses}"
    )
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=10000, help="Cases in the database before the load")
    parser.add_argument("--seconds", type=float, default=10.0, help="Duration of each scenario")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.db import connection

    print(f"database: {connection.vendor}; cache: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}")
    prepared = prepare(args.cases)
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "ECMS_LOG_LEVEL": "WARNING",
        "ECMS_RATE_SUBMISSION_MINUTE": "1000000/minute",
        "ECMS_RATE_SUBMISSION_DAY": "100000000/day",
        "ECMS_RATE_PUBLIC_READ": "100000000/minute",
        "ECMS_RATE_TRACKING": "100000000/minute",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "ecms.wsgi",
            "-w",
            str(args.workers),
            "-b",
            f"127.0.0.1:{args.port}",
            "--chdir",
            str(REPO),
            "--log-level",
            "warning",
            "--pythonpath",
            f"{REPO / 'platform'},{REPO}",
        ],
        env=env,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", args.port, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        return run_scenarios(args, prepared)
    finally:
        server.terminate()
        server.wait(timeout=30)


def run_scenarios(args, prepared) -> int:
    from cases.models import Case
    from tests.schemes.helpers import GRIEVANCE

    load = Load(args.port, args.seconds, args.concurrency)
    auth = {"Authorization": f"Token {prepared['token']}", "Accept-Language": "en"}
    rows = []
    rows.append(
        report(
            "form schema (GET)", *load.run(lambda i, n: ("GET", "/api/v1/forms/grievance_intake/", None, {}))
        )
    )
    before = Case.objects.count()
    body = {"data": {**GRIEVANCE, "employer": {"name": "Bench Ltd", "address": "Loopback"}}}
    payload = json.dumps(body)
    submitted = report(
        "submit a complaint (POST)",
        *load.run(
            lambda i, n: (
                "POST",
                "/api/v1/forms/grievance_intake/submissions/",
                payload,
                {"Content-Type": "application/json"},
            )
        ),
    )
    rows.append(submitted)
    created = Case.objects.count() - before
    counted = submitted["statuses"].get(201, 0)
    print(
        f"  submissions answered 201: {counted}; cases written: {created} -> "
        f"{'OK' if created == counted else 'MISMATCH'}"
    )
    rows.append(
        report(
            "case list, first page, filtered",
            *load.run(lambda i, n: ("GET", "/api/v1/cases/?type=grievance&state=received", None, auth)),
        )
    )
    references = prepared["references"] or list(Case.objects.values_list("reference", flat=True)[:1000])
    rng = random.Random(1)
    rows.append(
        report(
            "case detail",
            *load.run(lambda i, n: ("GET", f"/api/v1/cases/{rng.choice(references)}/", None, auth)),
        )
    )
    rows.append(
        report(
            "portal: service first step", *load.run(lambda i, n: ("GET", "/ar/complaint/?start=1", None, {}))
        )
    )
    rows.append(report("portal: tracking page", *load.run(lambda i, n: ("GET", "/ar/track/", None, {}))))
    out = REPO / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / f"run-{int(time.time())}.json").write_text(
        json.dumps({"cases": args.cases, "rows": rows}, indent=1)
    )
    return 0 if created == counted else 1


if __name__ == "__main__":
    sys.exit(main())
