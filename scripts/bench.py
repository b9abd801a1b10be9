#!/usr/bin/env python3
"""The emulator's benchmarks, in the configuration people run: `qtest-emulator serve` with its
default flags (demo seed, access log on at `info`, response cache on), beside nginx (1 worker)
serving the same bytes on the same machine, measured back to back.

    scripts/bench.py                      # every section, the plain release build
    scripts/bench.py start http           # some sections
    BUILDS=plain,static scripts/bench.py start

Sections: start (exec -> first 200, idle RSS), http (health route vs nginx), runs (GET
test-runs/{id}, cached and uncached, vs nginx serving the same bytes), design (GET
test-cases/{id}?expand=teststep with 50 steps, uncached and cached), batch (10,000-log uploads:
plain results, and results with properties, version ids and attachments), reads (p99 of the
health route and of a cached GET while a 10,000-log upload is applied), search (name search
over 100,000 test cases).

Builds: `plain` is `swift build -c release` (.build/release), `static` is
scripts/build-static.sh (`--static-swift-stdlib`, ICU's data trimmed; .build-static, what the
Dockerfile ships). EMULATOR_BIN=path uses a
given binary (reported as build "given"). Throughput is measured with the plain build unless
THROUGHPUT_BUILD says otherwise; start-up with every build in BUILDS (default: plain,static).

Every figure is the median of REPEAT runs (default 3; ratios are medians of the ratios of
back-to-back pairs). WRK_DURATION (default 5s) is each wrk run's length. The table at the end
says, for each figure, the build, the value, nginx's value, the ratio, the target and PASS or
FAIL; the exit status is 1 when a target is missed, 2 when the setup fails.
"""
import base64
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOKEN = "9bbf04fd-aed2-4e05-8428-7fc5ecff7bb8"
AUTH = {"Authorization": "Bearer " + TOKEN}
PROJECT = 108781
REPEAT = int(os.environ.get("REPEAT", "3"))
WRK_DURATION = os.environ.get("WRK_DURATION", "5s")
WRK_ARGS = os.environ.get("WRK_ARGS", "-t2 -c50").split()
SECTIONS = ["start", "http", "runs", "design", "batch", "reads", "search"]

rows = []  # (section, figure, build, value, nginx, ratio, target, verdict)


def log(*args):
    print("bench:", *args, file=sys.stderr, flush=True)


def die(message):
    log(message)
    sys.exit(2)


def median(values):
    return statistics.median(values) if values else float("nan")


def row(section, figure, build, value, nginx=None, ratio=None, target=None, ok=None):
    verdict = "" if ok is None else ("PASS" if ok else "FAIL")
    rows.append((section, figure, build, value, nginx or "", ratio or "", target or "", verdict))
    print(f"  {figure} [{build}]: {value}" + (f" | nginx {nginx}" if nginx else "") + (f" | ratio {ratio}" if ratio else "")
          + (f" | target {target} {verdict}" if target else ""), flush=True)


# --- builds -----------------------------------------------------------------------------

BUILD_COMMANDS = {
    "plain": (["swift", "build", "-c", "release", "--product", "qtest-emulator"], ".build"),
    # What the Dockerfile ships: static stdlib and Foundation, ICU's data trimmed.
    "static": (["scripts/build-static.sh", "--product", "qtest-emulator"], ".build-static"),
}


def binary(build):
    if build == "given":
        return os.environ["EMULATOR_BIN"]
    command, scratch = BUILD_COMMANDS[build]
    if os.environ.get("SKIP_BUILD") != "1":
        log(f"building ({build}): {' '.join(command)}")
        if subprocess.run(command, cwd=ROOT, stdout=sys.stderr).returncode != 0:
            die(f"the {build} build failed")
    path = os.path.join(ROOT, scratch, "release", "qtest-emulator")
    if not os.access(path, os.X_OK):
        die(f"no executable at {path}")
    return path


def builds():
    if os.environ.get("EMULATOR_BIN"):
        return ["given"]
    return [b.strip() for b in os.environ.get("BUILDS", "plain,static").split(",") if b.strip()]


def throughput_build():
    if os.environ.get("EMULATOR_BIN"):
        return "given"
    return os.environ.get("THROUGHPUT_BUILD", "plain")


# --- processes --------------------------------------------------------------------------

class Emulator:
    """`qtest-emulator serve --port 0 [extra]`, stderr (the access log) to a file."""

    def __init__(self, exe, *extra, tmp):
        self.err = open(os.path.join(tmp, f"emulator-{time.monotonic_ns()}.err"), "wb")
        self.process = subprocess.Popen([exe, "serve", "--port", "0", *extra], stdout=subprocess.PIPE, stderr=self.err)
        line = self.process.stdout.readline().decode()
        match = re.search(r"listening on http://[^:]+:(\d+)", line)
        if not match:
            die(f"the emulator did not start: {line!r}")
        self.port = int(match.group(1))

    @property
    def rss_mib(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def cpu_seconds(self):
        fields = open(f"/proc/{self.process.pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.err.close()


class Nginx:
    """nginx, 1 worker, access log off, serving `files` ({url path: (bytes, content type)})."""

    def __init__(self, files, tmp):
        self.dir = tempfile.mkdtemp(dir=tmp, prefix="nginx-")
        os.chmod(self.dir, 0o755)
        self.port = free_port()
        locations = []
        for i, (path, (body, content_type)) in enumerate(files.items()):
            name = os.path.join(self.dir, f"body-{i}")
            with open(name, "wb") as f:
                f.write(body)
            os.chmod(name, 0o644)
            locations.append(f"location = {path} {{ default_type {content_type}; alias {name}; }}")
        conf = os.path.join(self.dir, "nginx.conf")
        with open(conf, "w") as f:
            f.write(f"""daemon off;
master_process on;
worker_processes 1;
user root;
pid {self.dir}/nginx.pid;
error_log {self.dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {self.dir}/body;
    proxy_temp_path {self.dir}/proxy;
    fastcgi_temp_path {self.dir}/fastcgi;
    uwsgi_temp_path {self.dir}/uwsgi;
    scgi_temp_path {self.dir}/scgi;
    keepalive_requests 1000000;
    server {{
        listen 127.0.0.1:{self.port};
        {' '.join(locations)}
    }}
}}
""")
        exe = shutil.which("nginx") or "/usr/sbin/nginx"
        self.process = subprocess.Popen([exe, "-p", self.dir, "-c", conf, "-e", f"{self.dir}/error.log"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 5
        first = next(iter(files))
        while time.monotonic() < deadline:
            try:
                if get(self.port, first)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.02)
        die("nginx did not start")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, method, path, body=None, headers=None, timeout=60):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body, headers or {})
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def get(port, path, headers=None):
    return request(port, "GET", path, headers=headers)


def api(port, method, path, payload=None):
    body = json.dumps(payload) if payload is not None else None
    status, data = request(port, method, path, body, {**AUTH, "Content-Type": "application/json"})
    if status >= 300:
        die(f"{method} {path}: {status} {data[:300]!r}")
    return json.loads(data) if data else None


# --- wrk ----------------------------------------------------------------------------------

def wrk(port, path, headers=None, duration=None, script=None):
    """Runs wrk; returns (req/s, p99 ms, non-2xx count)."""
    command = ["wrk", *WRK_ARGS, f"-d{duration or WRK_DURATION}", "--latency"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["-s", script]
    out = subprocess.run(command + [f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = latency_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    if non2xx or errors:
        log(f"wrk on {path}: {non2xx.group(0) if non2xx else ''} {errors.group(0) if errors else ''}")
    return rps, p99, int(non2xx.group(1)) if non2xx else 0


def latency_ms(text):
    number = float(re.match(r"[\d.]+", text).group(0))
    if text.endswith("us"):
        return number / 1000
    if text.endswith("ms"):
        return number
    if text.endswith("m"):
        return number * 60000
    return number * 1000  # seconds


def compare(section, figure, build, emulator_port, nginx_port, path, target, headers=None, nginx_path=None):
    """wrk on the emulator, then on nginx, REPEAT times; one row with the medians."""
    emu, ngx, ratios = [], [], []
    for _ in range(REPEAT):
        e = wrk(emulator_port, path, headers)[0]
        n = wrk(nginx_port, nginx_path or path)[0]
        emu.append(e), ngx.append(n), ratios.append(e / n)
    ratio = median(ratios)
    row(section, figure, build, f"{median(emu):,.0f} req/s", f"{median(ngx):,.0f} req/s", f"{ratio:.2f}",
        f">= {target}", ratio >= target)
    return ratio


# --- sections -----------------------------------------------------------------------------

def section_start(tmp):
    targets = {"plain": 40, "static": 20, "given": 40}
    for build in builds():
        exe = binary(build)
        samples = []
        # The first start of a new binary builds its seed image (then kept in the user's cache).
        cold = None
        for i in range(12):
            t0 = time.perf_counter()
            p = subprocess.Popen([exe, "serve", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            port = int(p.stdout.readline().decode().strip().rsplit(":", 1)[1])
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(b"GET /__emulator/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            ok = s.recv(64).startswith(b"HTTP/1.1 200")
            elapsed = (time.perf_counter() - t0) * 1000 if ok else float("inf")
            s.close()
            p.kill(), p.wait()
            if i == 0:
                cold = elapsed
            else:
                samples.append(elapsed)
        ms = median(samples)
        target = targets.get(build, 40)
        row("start", "start -> first 200 (demo seed, default flags), median of 11", build, f"{ms:.1f} ms",
            target=f"<= {target} ms", ok=ms <= target)
        row("start", "first start of a new binary (builds the seed image)", build, f"{cold:.1f} ms")
        hyper = subprocess.run([exe, "--help"], stdout=subprocess.DEVNULL)
        t0 = time.perf_counter()
        for _ in range(10):
            subprocess.run([exe, "--help"], stdout=subprocess.DEVNULL)
        row("start", "`qtest-emulator --help` (process start alone)", build, f"{(time.perf_counter() - t0) * 100:.1f} ms")
        del hyper
        emulator = Emulator(exe, tmp=tmp)
        get(emulator.port, "/__emulator/health")
        time.sleep(0.5)
        rss = emulator.rss_mib
        # A reset (back to the demo seed) right after start.
        resets = []
        for _ in range(5):
            t0 = time.perf_counter()
            status, _ = request(emulator.port, "POST", "/__emulator/reset", b"{}", {"Content-Type": "application/json"})
            resets.append((time.perf_counter() - t0) * 1000)
            if status != 200:
                die(f"reset answered {status}")
        emulator.stop()
        row("start", "idle RSS after start", build, f"{rss:.1f} MiB", target="<= 25 MiB", ok=rss <= 25)
        row("start", "POST /__emulator/reset (demo seed), median of 5", build, f"{median(resets):.1f} ms",
            target="<= 10 ms", ok=median(resets) <= 10)


def section_http(tmp):
    build = throughput_build()
    emulator = Emulator(binary(build), tmp=tmp)
    status, body = get(emulator.port, "/__emulator/health")
    nginx = Nginx({"/__emulator/health": (body, "application/json")}, tmp)
    try:
        compare("http", "GET /__emulator/health (access log on)", build, emulator.port, nginx.port, "/__emulator/health", 0.5)
    finally:
        emulator.stop(), nginx.stop()


def make_run(port):
    p = f"/api/v3/projects/{PROJECT}"
    case = api(port, "POST", f"{p}/test-cases", {"name": "Bench case", "test_steps": [
        {"description": "open", "expected": "page"}, {"description": "submit", "expected": "done"}]})
    suite = api(port, "POST", f"{p}/test-suites?parentId=0&parentType=root", {"name": "Bench suite"})
    run = api(port, "POST", f"{p}/test-runs?parentId={suite['id']}&parentType=test-suite",
              {"name": "Bench run", "test_case": {"id": case["id"]}})
    api(port, "POST", f"{p}/test-runs/{run['id']}/auto-test-logs",
        {"status": "PASS", "exe_start_date": "2026-01-05T10:00:00Z", "exe_end_date": "2026-01-05T10:00:01Z"})
    return f"{p}/test-runs/{run['id']}"


def make_case(port, steps=50):
    case = api(port, "POST", f"/api/v3/projects/{PROJECT}/test-cases", {"name": "Bench case with steps", "test_steps": [
        {"description": f"Step {i}: do the thing number {i}", "expected": f"Result {i} is shown"} for i in range(1, steps + 1)]})
    return f"/api/v3/projects/{PROJECT}/test-cases/{case['id']}?expand=teststep"


def section_runs(tmp):
    read_section(tmp, "runs", "GET test-runs/{id}", make_run, cached_target=0.5, uncached_target=0.25)


def section_design(tmp):
    read_section(tmp, "design", "GET test-cases/{id}?expand=teststep (50 steps)", make_case, cached_target=None, uncached_target=0.15)


def read_section(tmp, section, figure, make, cached_target, uncached_target):
    build = throughput_build()
    exe = binary(build)
    for cache in ("on", "off"):
        emulator = Emulator(exe, *(["--response-cache", "off"] if cache == "off" else []), tmp=tmp)
        path = make(emulator.port)
        status, body = get(emulator.port, path, AUTH)
        if status != 200:
            die(f"GET {path}: {status}")
        nginx = Nginx({path.split("?")[0]: (body, "application/json")}, tmp)
        try:
            target = cached_target if cache == "on" else uncached_target
            name = f"{figure}, {'cached' if cache == 'on' else 'uncached (--response-cache off)'}"
            if target is None:
                emu = median([wrk(emulator.port, path, AUTH)[0] for _ in range(REPEAT)])
                row(section, name, build, f"{emu:,.0f} req/s")
            else:
                compare(section, name, build, emulator.port, nginx.port, path, target, headers=AUTH)
        finally:
            emulator.stop(), nginx.stop()


def upload_body(n, rich=False, versions=None):
    """A v3.1 upload of n results with 3 steps each; `rich` adds run properties, the version
    ids in `versions` (by automation content), an attachment on each log and on its first step."""
    attachment = {"name": "output.txt", "content_type": "text/plain", "data": base64.b64encode(b"bench output\n" * 4).decode()}
    logs = []
    for i in range(n):
        content = f"bench.Suite#test_{i}"
        log_ = {
            "name": f"test_{i}", "status": "PASSED" if i % 7 else "FAILED", "automation_content": content,
            "exe_start_date": "2026-01-05T10:00:00Z", "exe_end_date": "2026-01-05T10:00:01Z",
            "test_step_logs": [{"description": f"step {s}", "expected_result": f"expect {s}", "actual_result": "ok",
                                "status": "PASSED", "order": s} for s in range(3)],
        }
        if rich:
            log_["properties"] = [{"field_id": 608924, "field_value": f"sha-{i:08x}"},
                                  {"field_id": 608922, "field_value": "ok" if i % 7 else "assertion failed"}]
            if versions:
                log_["test_case_version_id"] = versions[content]
            log_["attachments"] = [attachment]
            log_["test_step_logs"][0]["attachments"] = [attachment]
        logs.append(log_)
    return json.dumps({"execution_date": "2026-01-05T10:00:00Z", "test_logs": logs}).encode()


def submit_upload(port, body, suite=None):
    """POSTs a v3.1 upload and polls the job; returns (submit answered s, submit -> SUCCESS s)."""
    path = f"/api/v3.1/projects/{PROJECT}/test-runs/0/auto-test-logs?type=automation"
    if suite:
        path += f"&testSuiteId={suite}"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    start = time.perf_counter()
    conn.request("POST", path, body, {**AUTH, "Content-Type": "application/json"})
    r = conn.getresponse()
    answer = json.loads(r.read())
    if r.status != 201:
        die(f"submit failed: {r.status} {answer}")
    accepted = time.perf_counter()
    while True:
        conn.request("GET", f"/api/v3/projects/queue-processing/{answer['id']}", headers=AUTH)
        r = conn.getresponse()
        job = json.loads(r.read())
        if job["state"] in ("SUCCESS", "FAILED"):
            break
        time.sleep(0.002)
    done = time.perf_counter()
    conn.close()
    if job["state"] != "SUCCESS":
        die(f"upload job failed: {job}")
    return accepted - start, done - start


def case_versions(port, n):
    """Version ids of the bench cases, by automation content."""
    versions = {}
    page = 1
    while len(versions) < n:
        items = api(port, "GET", f"/api/v3/projects/{PROJECT}/test-cases?page={page}&size=999")
        if not items:
            break
        for item in items:
            for prop in item.get("properties", []):
                if prop.get("field_name") == "Automation Content" and prop.get("field_value", "").startswith("bench.Suite#"):
                    versions[prop["field_value"]] = item["test_case_version_id"]
        page += 1
    if len(versions) < n:
        die(f"found {len(versions)} of {n} bench cases")
    return versions


def section_batch(tmp):
    build = throughput_build()
    exe = binary(build)
    n = int(os.environ.get("LOGS", "10000"))
    plain, rich, submits, rich_submits = [], [], [], []
    for _ in range(REPEAT):
        emulator = Emulator(exe, tmp=tmp)
        try:
            submitted, total = submit_upload(emulator.port, upload_body(n))
            plain.append(total), submits.append(submitted)
            versions = case_versions(emulator.port, n)
            submitted, total = submit_upload(emulator.port, upload_body(n, rich=True, versions=versions))
            rich.append(total), rich_submits.append(submitted)
        finally:
            emulator.stop()
    row("batch", f"{n:,}-log v3.1 upload, plain results: submit -> SUCCESS", build, f"{median(plain):.3f} s",
        target="<= 0.5 s", ok=median(plain) <= 0.5)
    row("batch", f"{n:,}-log upload of the same cases with properties, version ids, log and step attachments", build,
        f"{median(rich):.3f} s", target="<= 1 s", ok=median(rich) <= 1.0)
    worst_submit = max(median(submits), median(rich_submits))
    row("batch", "the submit itself answered in (slower of the two)", build, f"{worst_submit * 1000:.0f} ms",
        target="<= 100 ms", ok=worst_submit <= 0.1)


def section_reads(tmp):
    """p99 of reads while uploads are applied: wrk runs while the emulator applies back-to-back
    10,000-log uploads (each an uninterrupted write transaction)."""
    build = throughput_build()
    exe = binary(build)
    n = int(os.environ.get("LOGS", "10000"))
    emulator = Emulator(exe, tmp=tmp)
    try:
        run_path = make_run(emulator.port)
        get(emulator.port, run_path, AUTH)
        body = upload_body(n)
        submit_upload(emulator.port, body)  # the cases exist from here on: later uploads are runs and logs
        for figure, path, headers in (("GET /__emulator/health", "/__emulator/health", None),
                                      ("GET test-runs/{id} (cached)", run_path, AUTH)):
            p99s = []
            for _ in range(REPEAT):
                stop = threading.Event()
                uploads = []

                def upload_loop():
                    while not stop.is_set():
                        uploads.append(submit_upload(emulator.port, body)[1])

                uploader = threading.Thread(target=upload_loop)
                uploader.start()
                time.sleep(0.2)
                _, p99, _ = wrk(emulator.port, path, headers, duration="3s")
                stop.set()
                uploader.join()
                p99s.append(p99)
            p99 = median(p99s)
            row("reads", f"{figure} p99 while {n:,}-log uploads are applied", build, f"{p99:.1f} ms",
                target="<= 20 ms", ok=p99 <= 20)
    finally:
        emulator.stop()


def section_search(tmp):
    build = throughput_build()
    exe = binary(build)
    n = int(os.environ.get("CASES", "100000"))
    requests = int(os.environ.get("REQUESTS", "200"))
    db = os.environ.get("SEARCH_DB") or os.path.join(tmp, "search.sqlite")
    if not os.path.exists(db):
        seed = json.load(open(os.path.join(ROOT, "seed-data", "demo.json")))
        project = next(p for p in seed["projects"] if p["id"] == PROJECT)
        project["test_cases"] = project.get("test_cases", []) + [
            {"name": f"Case {i} checks JIRA-{i % 977}", "parent_id": 6100002,
             "properties": [{"field_id": 608944, "field_value": f"com.example.Test{i}"}]} for i in range(1, n + 1)]
        fixture = os.path.join(tmp, "fixture.json")
        json.dump(seed, open(fixture, "w"))
        log(f"seeding {n:,} test cases")
        if subprocess.run([exe, "seed", "--db", db, fixture], stdout=subprocess.DEVNULL).returncode != 0:
            die("seeding failed")
    emulator = Emulator(exe, "--db", db, "--seed", "none", tmp=tmp)
    try:
        k = n // 2 + 21
        for figure, query, fields, target in (
                ("name search (name = '...', 1 hit)", f"name = 'Case {k} checks JIRA-{k % 977}'", ["id", "name"], 50),
                ("name contains ('name' ~ 'JIRA-123', a page of 100)", "'name' ~ 'JIRA-123'", ["id", "name"], None)):
            conn = http.client.HTTPConnection("127.0.0.1", emulator.port)
            body = json.dumps({"object_type": "test-cases", "fields": fields, "query": query})

            def search():
                conn.request("POST", f"/api/v3/projects/{PROJECT}/search?pageSize=100", body, {**AUTH, "Content-Type": "application/json"})
                r = conn.getresponse()
                data = r.read()
                if r.status != 200:
                    die(f"search {query}: {r.status} {data[:200]!r}")

            for _ in range(10):
                search()
            times = []
            cpu = emulator.cpu_seconds()
            for _ in range(requests):
                t0 = time.perf_counter()
                search()
                times.append((time.perf_counter() - t0) * 1000)
            cpu_ms = (emulator.cpu_seconds() - cpu) * 1000 / requests
            conn.close()
            ms = median(times)
            row("search", f"{figure} over {n:,} test cases, median of {requests}", build,
                f"{ms:.1f} ms ({cpu_ms:.1f} ms CPU)", target=f"<= {target} ms" if target else None,
                ok=(ms <= target) if target else None)
    finally:
        emulator.stop()


def main():
    wanted = [a for a in sys.argv[1:] if not a.startswith("-")] or SECTIONS
    unknown = [w for w in wanted if w not in SECTIONS]
    if unknown:
        die(f"unknown section(s) {unknown}; choose from {SECTIONS}")
    for tool in ("wrk",):
        if not shutil.which(tool):
            die(f"{tool} is not installed (apt-get install {tool})")
    if not (shutil.which("nginx") or os.access("/usr/sbin/nginx", os.X_OK)):
        die("nginx is not installed (apt-get install nginx)")
    load = os.getloadavg()[0]
    print(f"qtest-emulator benchmarks: {os.cpu_count()} cores, load average {load:.1f} at the start, "
          f"REPEAT={REPEAT}, WRK_DURATION={WRK_DURATION}, wrk {' '.join(WRK_ARGS)}", flush=True)
    # Builds first, so compiling does not overlap a measurement.
    for build in sorted(set(builds() + [throughput_build()])):
        binary(build)
    os.environ["SKIP_BUILD"] = "1"
    with tempfile.TemporaryDirectory(prefix="qtest-bench-") as tmp:
        os.chmod(tmp, 0o755)
        for name in wanted:
            print(f"== {name}", flush=True)
            globals()[f"section_{name}"](tmp)
    print()
    header = ("figure", "build", "emulator", "nginx", "ratio", "target", "")
    table = [header] + [r[1:] for r in rows]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for r in table[1:]:
        print("| " + " | ".join(str(c) for c in r) + " |")
    passed = sum(1 for r in rows if r[7] == "PASS")
    failed = sum(1 for r in rows if r[7] == "FAIL")
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}")
    print(f"bench: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
