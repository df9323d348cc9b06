"""ECMS benchmark: seeds cases, serves the app under gunicorn (2 workers) on loopback, loads it for a
bounded time and prints throughput and latency, for ECMS and, in the same run, two baselines: a bare
DRF endpoint writing one row and Wagtail's own form page (wagtail.contrib.forms). Usage (see
docs/operations.md):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ecms_bench .venv/bin/python bench/run.py \
        --cases 10000,100000,1000000

Never a test: figures depend on the machine. Requests go to 127.0.0.1 only. The baselines live in
bench/ (bench.settings adds their app and URLs); the shipped settings and URLs never include them.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "platform"), str(REPO)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

BASELINE_FORM_SLUG = "bench-wagtail-form"
COMPLAINT = {
    "anonymous": False,
    "full_name": "Mariam Jasim",
    "phone": "07801234567",
    "complainant_role": "worker",
    "governorate": "IQ-BG",
    "employer": {"name": "Bench Ltd", "address": "Loopback"},
    "category": "wages_unpaid",
    "description": "We have not been paid for three months, forty of us.",
}


def setup_django():
    import django

    django.setup()


def baseline_form_page():
    """Wagtail's own form page (two fields), under the Arabic home page, created once."""
    from wagtail.models import Site

    from bench.baseline.models import BaselineFormField, BaselineFormPage

    home = Site.objects.get(is_default_site=True).root_page
    page = BaselineFormPage.objects.filter(slug=BASELINE_FORM_SLUG).first()
    if page is None:
        page = BaselineFormPage(title="Wagtail form", slug=BASELINE_FORM_SLUG, to_address="")
        page.form_fields = [
            BaselineFormField(label="Name", field_type="singleline", required=True, clean_name="name"),
            BaselineFormField(label="Message", field_type="multiline", required=True, clean_name="message"),
        ]
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


def prepare(cases: int) -> dict:
    """Migrate, load configs and reference data, the bench user, the baselines, and enough cases."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from rest_framework.authtoken.models import Token

    from bench.seed import seed_cases

    call_command("migrate", verbosity=0)
    call_command("seed_demo", no_cases=True, stdout=open(os.devnull, "w"))  # noqa: SIM115 (also the portal pages)
    user = get_user_model().objects.get(username="supervisor_bg")
    token, _created = Token.objects.get_or_create(user=user)
    page = baseline_form_page()
    started = time.monotonic()
    references = seed_cases(cases)
    print(f"cases ready in {time.monotonic() - started:.0f} s")
    return {"token": token.key, "references": references, "baseline_form_url": page.url}


# --- load generators ----------------------------------------------------------------------------------


@dataclass
class Scenario:
    name: str
    method: str = "GET"
    paths: list[str] = field(default_factory=list)
    body: str | None = None
    headers: dict = field(default_factory=dict)


@dataclass
class Result:
    requests: int
    duration: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    statuses: dict
    errors: int
    created: list[str] = field(default_factory=list)  # references (or ids) answered 201


def _lua_string(text: str) -> str:
    return json.dumps(text)  # a JSON string literal is a valid Lua string literal for our ASCII inputs


WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
paths = {%(paths)s}
wrk.method = %(method)s
%(body)s
%(headers)s
function init(args) statuses = {}; created = {}; i = math.random(#paths) end
function request()
  i = i %% #paths + 1
  return wrk.format(nil, paths[i])
end
function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  if status == 201 then
    local found = string.match(body, '"reference": *"([^"]+)"') or string.match(body, '"id": *(%%d+)')
    if found then table.insert(created, found) end
  end
end
function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for key, n in pairs(thread:get("statuses")) do total[key] = (total[key] or 0) + n end
  end
  local out = io.open(%(created_file)s, "w")
  for _, thread in ipairs(threads) do
    for _, found in ipairs(thread:get("created")) do out:write(found, "\\n") end
  end
  out:close()
  local parts = {}
  for key, n in pairs(total) do table.insert(parts, string.format('"%%s": %%d', key, n)) end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    'BENCH {"requests": %%d, "duration_us": %%d, "p50": %%d, "p95": %%d, "p99": %%d, "errors": %%d, '
    .. '"statuses": {%%s}}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), errors, table.concat(parts, ", ")))
end
"""


class Wrk:
    """wrk (Debian package): an event-loop load generator in C, so little of the 2 cores goes to load."""

    name = "wrk"

    def __init__(self, port: int, seconds: float, concurrency: int):
        self.port, self.seconds, self.concurrency = port, seconds, concurrency

    def run(self, scenario: Scenario) -> Result:
        headers = "\n".join(
            f"wrk.headers[{_lua_string(k)}] = {_lua_string(v)}" for k, v in scenario.headers.items()
        )
        created_file = tempfile.mktemp(prefix="ecms-bench-created-")  # noqa: S306 (wrk writes it)
        script = WRK_SCRIPT % {
            "created_file": _lua_string(created_file),
            "paths": ", ".join(_lua_string(p) for p in scenario.paths),
            "method": _lua_string(scenario.method),
            "body": f"wrk.body = {_lua_string(scenario.body)}" if scenario.body is not None else "",
            "headers": headers,
        }
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
            handle.write(script)
        try:
            output = subprocess.run(
                [
                    "wrk",
                    "-t1",
                    f"-c{self.concurrency}",
                    f"-d{max(1, round(self.seconds))}s",
                    "--timeout",
                    "30s",
                    "-s",
                    handle.name,
                    f"http://127.0.0.1:{self.port}",
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        finally:
            os.unlink(handle.name)
        created = Path(created_file).read_text().split() if Path(created_file).exists() else []
        Path(created_file).unlink(missing_ok=True)
        found = json.loads(re.search(r"^BENCH (.*)$", output, re.M).group(1))
        return Result(
            requests=found["requests"],
            duration=found["duration_us"] / 1e6,
            p50_ms=found["p50"] / 1000,
            p95_ms=found["p95"] / 1000,
            p99_ms=found["p99"] / 1000,
            statuses={int(k): v for k, v in found["statuses"].items()},
            errors=found["errors"],
            created=created,
        )


class PythonThreads:
    """Fallback when wrk is not installed: one Python thread per connection (it competes for the cores,
    so its figures are lower than wrk's)."""

    name = "python-threads"

    def __init__(self, port: int, seconds: float, concurrency: int):
        self.port, self.seconds, self.concurrency = port, seconds, concurrency

    def run(self, scenario: Scenario) -> Result:
        latencies, statuses, lock = [], {}, threading.Lock()
        deadline = time.monotonic() + self.seconds
        errors, created = [0], []

        def worker(index):
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            n = index
            while time.monotonic() < deadline:
                path = scenario.paths[n % len(scenario.paths)]
                n += self.concurrency
                started = time.perf_counter()
                try:
                    connection.request(scenario.method, path, body=scenario.body, headers=scenario.headers)
                    response = connection.getresponse()
                    content = response.read()
                    status = response.status
                    if status == 201:
                        found = json.loads(content)
                        created.append(str(found.get("reference") or found.get("id")))
                except (OSError, http.client.HTTPException):
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                    status = 0
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    statuses[status] = statuses.get(status, 0) + 1
                    errors[0] += status == 0
            connection.close()

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(self.concurrency)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        duration = time.monotonic() - started
        ordered = sorted(latencies) or [0]

        def pct(p):
            return ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000

        return Result(len(latencies), duration, pct(0.5), pct(0.95), pct(0.99), statuses, errors[0], created)


# --- the run ------------------------------------------------------------------------------------------


def report(name: str, result: Result, cases: int) -> dict:
    row = {
        "cases": cases,
        "scenario": name,
        "requests": result.requests,
        "rps": round(result.requests / result.duration, 1) if result.duration else 0,
        "p50_ms": round(result.p50_ms, 1),
        "p95_ms": round(result.p95_ms, 1),
        "p99_ms": round(result.p99_ms, 1),
        "errors": result.errors
        + sum(n for status, n in result.statuses.items() if status >= 400 or status == 0),
        "statuses": result.statuses,
    }
    print(
        f"{name:<44} {row['rps']:>8} req/s  p50 {row['p50_ms']:>7} ms  p95 {row['p95_ms']:>7} ms  "
        f"p99 {row['p99_ms']:>7} ms  statuses {result.statuses}",
        flush=True,
    )
    return row


def csrf_pair(port: int, path: str) -> tuple[str, str]:
    """(cookie, form token) from one GET of a Django form page, for POSTs that pass CSRF checks."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    html = response.read().decode("utf-8")
    cookie = next(
        c.split(";")[0] for c in response.headers.get_all("Set-Cookie") or [] if c.startswith("csrftoken=")
    )
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return cookie, token


def start_server(args) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "ECMS_LOG_LEVEL": "WARNING",
        # Throttles stay on (their cost is measured) with limits the load cannot reach.
        "ECMS_RATE_SUBMISSION_MINUTE": "100000000/minute",
        "ECMS_RATE_SUBMISSION_DAY": "100000000/day",
        "ECMS_RATE_PUBLIC_READ": "100000000/minute",
        "ECMS_RATE_TRACKING": "100000000/minute",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "ecms.wsgi",
        "--workers",
        str(args.workers),
        "--worker-class",
        args.worker_class,
        "--bind",
        f"127.0.0.1:{args.port}",
        "--backlog",
        "2048",
        "--chdir",
        str(REPO),
        "--log-level",
        "warning",
        "--pythonpath",
        f"{REPO / 'platform'},{REPO}",
    ]
    if args.worker_class == "gthread":
        command += ["--threads", str(args.threads)]
    server = subprocess.Popen(command, env=env)
    for _ in range(150):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=2)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            break
        except OSError:
            time.sleep(0.2)
    # Warm both workers (first requests import and compile templates).
    for path in ("/api/v1/forms/grievance_intake/", "/ar/complaint/?start=1", "/ar/track/"):
        for _ in range(4):
            connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
            connection.request("GET", path)
            connection.getresponse().read()
    return server


def scenarios(args, prepared) -> list[tuple[str, Scenario, str | None]]:
    """(name, scenario, what to verify after it)."""
    json_headers = {"Content-Type": "application/json", "Accept-Language": "en"}
    auth = {"Authorization": f"Token {prepared['token']}", "Accept-Language": "en"}
    form_url = prepared["baseline_form_url"]
    cookie, token = csrf_pair(args.port, form_url)
    form_body = urlencode({"csrfmiddlewaretoken": token, "name": "Bench", "message": "Loopback message"})
    references = prepared["references"][:1000]
    return [
        (
            "baseline: bare DRF endpoint writing one row (POST)",
            Scenario(
                "rows",
                "POST",
                ["/bench-baseline/rows/"],
                json.dumps({"name": "bench", "text": "one row"}),
                {"Content-Type": "application/json"},
            ),
            "rows",
        ),
        ("baseline: Wagtail form page (GET)", Scenario("wagtail-get", "GET", [form_url]), None),
        (
            "baseline: Wagtail form page (POST)",
            Scenario(
                "wagtail-post",
                "POST",
                [form_url],
                form_body,
                {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
            ),
            "form_submissions",
        ),
        ("ECMS: form schema (GET)", Scenario("schema", "GET", ["/api/v1/forms/grievance_intake/"]), None),
        (
            "ECMS: submit a complaint (POST)",
            Scenario(
                "submit",
                "POST",
                ["/api/v1/forms/grievance_intake/submissions/"],
                json.dumps({"data": COMPLAINT}),
                json_headers,
            ),
            "cases",
        ),
        (
            "ECMS: case list, first page, filtered",
            Scenario("list", "GET", ["/api/v1/cases/?type=grievance&state=received"], headers=auth),
            None,
        ),
        (
            "ECMS: case detail",
            Scenario("detail", "GET", [f"/api/v1/cases/{r}/" for r in references], headers=auth),
            None,
        ),
        ("ECMS portal: service first step", Scenario("service", "GET", ["/ar/complaint/?start=1"]), None),
        ("ECMS portal: tracking page", Scenario("tracking", "GET", ["/ar/track/"]), None),
    ]


def _count(what: str) -> int:
    from wagtail.contrib.forms.models import FormSubmission

    from bench.baseline.models import BaselineRow
    from cases.models import Case

    return {"cases": Case, "rows": BaselineRow, "form_submissions": FormSubmission}[what].objects.count()


def verify_writes(what: str, result: Result, before: int, concurrency: int) -> bool:
    """Every success the load generator counted really wrote its row: the references (or ids) it read
    from the 201 answers all exist, and the rows written exceed the successes counted by no more than
    the requests still in flight when the load stopped (answered to nobody)."""
    from bench.baseline.models import BaselineRow
    from cases.models import Case

    written = _count(what) - before
    counted = result.statuses.get(200 if what == "form_submissions" else 201, 0)
    found = None
    if what == "cases":
        found = Case.objects.filter(reference__in=result.created).count()
    elif what == "rows":
        found = BaselineRow.objects.filter(pk__in=[int(i) for i in result.created]).count()
    ok = 0 <= written - counted <= concurrency and (found is None or found == len(result.created) == counted)
    print(
        f"  successes counted: {counted}; rows written: {written}"
        + ("" if found is None else f"; counted successes found in the database: {found}")
        + (" -> OK" if ok else " -> MISMATCH"),
        flush=True,
    )
    return ok


def run_once(args, cases: int, generator_class) -> tuple[list[dict], bool]:
    prepared = prepare(cases)
    server = start_server(args)
    rows, consistent = [], True
    try:
        load = generator_class(args.port, args.seconds, args.concurrency)
        print(
            f"\n== {cases:,} cases; load by {load.name}, {args.concurrency} connections, "
            f"{args.seconds:g} s each"
        )
        for name, scenario, verify in scenarios(args, prepared):
            if args.only and not any(word in scenario.name for word in args.only.split(",")):
                continue
            before = _count(verify) if verify else 0
            result = load.run(scenario)
            row = report(name, result, cases)
            if verify:
                row["verified"] = verify_writes(verify, result, before, args.concurrency)
                consistent &= row["verified"]
            rows.append(row)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return rows, consistent


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--cases", default="10000", help="Cases before the load; several: 10000,100000,1000000"
    )
    parser.add_argument("--seconds", type=float, default=10.0, help="Duration of each scenario")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=4, help="Threads per worker (gthread)")
    parser.add_argument("--generator", default="auto", choices=["auto", "wrk", "python"])
    parser.add_argument("--only", default="", help="Comma-separated scenario names to run (default: all)")
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.db import connection

    use_wrk = args.generator == "wrk" or (args.generator == "auto" and shutil.which("wrk"))
    generator_class = Wrk if use_wrk else PythonThreads
    print(
        f"database: {connection.vendor}; cache: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}; "
        f"gunicorn {args.workers} {args.worker_class} workers; generator: {generator_class.name}"
    )
    all_rows, consistent = [], True
    for cases in sorted(int(n) for n in args.cases.split(",")):
        rows, ok = run_once(args, cases, generator_class)
        all_rows += rows
        consistent &= ok
    out = REPO / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / f"run-{int(time.time())}.json").write_text(
        json.dumps(
            {
                "generator": generator_class.name,
                "concurrency": args.concurrency,
                "seconds": args.seconds,
                "workers": f"{args.workers} {args.worker_class}",
                "rows": all_rows,
            },
            indent=1,
        )
    )
    print(
        "\n| cases | scenario | req/s | p50 ms | p95 ms | errors |"
        "\n| ---: | --- | ---: | ---: | ---: | ---: |"
    )
    for row in all_rows:
        print(
            f"| {row['cases']:,} | {row['scenario']} | {row['rps']:,} | {row['p50_ms']} | {row['p95_ms']} | "
            f"{row['errors']} |"
        )
    return 0 if consistent else 1


if __name__ == "__main__":
    sys.exit(main())
