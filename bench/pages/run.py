"""Pages under load, through the production configuration.

    .venv/bin/python -m bench.pages [--duration 10] [--connections 50] [--reuse-data]

Starts what production runs, on loopback ports of its own: production settings on PostgreSQL
(database linyi_bench_pages, created afresh from DATABASE_URL's server), Redis (a db of its own),
Elasticsearch (prefix bench_pages), gunicorn's workers for HTTP and daphne for /ws/, and nginx
configured by deploy/nginx.conf through scripts/nginx. Loads the demo and indexes it, warms each
page up (so nginx's edge cache holds the anonymous pages), then runs Debian's wrk
(`wrk -t2 -c50 -d10s`) against each address through nginx and prints requests per second, latency
percentiles, errors and whether nginx's cache answered, with the targets of issue #16.
Everything it started is stopped again, whatever happens.
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.common import _create_database  # noqa: E402

NAME = "pages"
VAR = ROOT / "var" / f"bench_{NAME}"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
BIN = ROOT / ".venv" / "bin"

# p95 targets (ms) and whether a page counts as a cached anonymous page.
CACHED_P95_MS = 100
SEARCH_P95_MS = 300
CACHED_SHARE_OF_BARE = 0.5

# wrk prints only some percentiles with --latency; this prints exactly the ones we report.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("BENCH p50=%d p95=%d p99=%d\\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
  io.write(string.format("BENCH requests=%d non2xx=%d connect=%d read=%d write=%d timeout=%d\\n",
    summary.requests, summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def need_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        sys.exit("wrk is missing: sudo apt-get install wrk")
    print("installing wrk from Debian's packages", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True)  # noqa: S607
    subprocess.run(  # noqa: S603
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"],  # noqa: S607
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )
    return shutil.which("wrk") or sys.exit("wrk did not install")


def production_env(args, *, redis_db: int) -> dict:
    base = os.environ.get("DATABASE_URL", "postgres://linyi@127.0.0.1:54329/linyi")
    parts = urlsplit(base)
    if not parts.scheme.startswith("postgres"):
        sys.exit("bench/pages needs PostgreSQL (DATABASE_URL=postgres://...)")
    redis = urlsplit(os.environ.get("REDIS_URL", "redis://127.0.0.1:63790/0"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",  # nginx here speaks plain HTTP on loopback
        "DATABASE_URL": urlunsplit(parts._replace(path=f"/linyi_bench_{NAME}")),
        "REDIS_URL": urlunsplit(redis._replace(path=f"/{redis_db}")),
        "ELASTICSEARCH_INDEX_PREFIX": f"bench_{NAME}",
        "STATIC_ROOT": str(VAR / "static"),
        "MEDIA_ROOT": str(VAR / "media"),
        "PRIVATE_MEDIA_ROOT": str(VAR / "private"),
        "EMAIL_URL": "consolemail://",
        "LOG_LEVEL": "WARNING",
        "LOG_JSON": "false",
        "PROMETHEUS_MULTIPROC_DIR": str(VAR / "prometheus"),
    }
    if args.workers:
        env["WEB_CONCURRENCY"] = str(args.workers)
    return env


def manage(env, *argv, quiet=True):
    subprocess.run(  # noqa: S603 - our own manage.py
        [PYTHON, str(ROOT / "manage.py"), *argv],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def prepare_data(env, *, reuse: bool) -> None:
    parts = urlsplit(env["DATABASE_URL"])
    _create_database(parts, parts.path[1:], fresh=not reuse)
    for folder in ("static", "media", "private"):
        (VAR / folder).mkdir(parents=True, exist_ok=True)
    step("migrating")
    manage(env, "migrate", "--noinput")
    if not reuse:
        step("loading the demo")
        manage(env, "load_demo")
        step("indexing")
        manage(env, "rebuild_index")
        manage(env, "update_index")
    step("collecting static files")
    manage(env, "collectstatic", "--noinput")


def step(text: str) -> None:
    print(f"== {text}", flush=True)


class Stack:
    """gunicorn, daphne and nginx; stop() ends exactly what start() began."""

    def __init__(self, env):
        self.env = env
        self.procs: list[subprocess.Popen] = []
        self.nginx_env: dict | None = None
        self.port = free_port()
        self.workers = int(env.get("WEB_CONCURRENCY") or os.cpu_count() * 2 + 1)

    def start(self) -> str:
        http, ws = free_port(), free_port()
        prom = Path(self.env["PROMETHEUS_MULTIPROC_DIR"])
        shutil.rmtree(prom, ignore_errors=True)
        prom.mkdir(parents=True)
        log = open(VAR / "app.log", "ab")  # noqa: SIM115 - closed with the processes
        gunicorn = [str(BIN / "gunicorn"), "-c", "config/gunicorn.py", "config.wsgi:application"]
        self._spawn(gunicorn, {"GUNICORN_BIND": f"127.0.0.1:{http}"}, log)
        daphne = [str(BIN / "daphne"), "--proxy-headers", "-b", "127.0.0.1", "-p", str(ws)]
        self._spawn([*daphne, "config.asgi:application"], {}, log)
        self.nginx_env = {
            **self.env,
            "NGINX_PORT": str(self.port),
            "NGINX_UPSTREAM": f"127.0.0.1:{http}",
            "NGINX_WS_UPSTREAM": f"127.0.0.1:{ws}",
            "NGINX_DIR": str(VAR / "nginx"),
        }
        subprocess.run(  # noqa: S603
            [str(ROOT / "scripts" / "nginx"), "start"], env=self.nginx_env, check=True
        )
        base = f"http://127.0.0.1:{self.port}"
        self._wait(f"{base}/healthz")
        return base

    def _spawn(self, argv, extra, log):
        self.procs.append(
            subprocess.Popen(  # noqa: S603
                argv, env={**self.env, **extra}, cwd=ROOT, stdout=log, stderr=log
            )
        )

    def _wait(self, url, seconds=90):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise SystemExit(f"the stack did not answer {url}; see {VAR / 'app.log'}")

    def stop(self):
        if self.nginx_env:
            subprocess.run(  # noqa: S603
                [str(ROOT / "scripts" / "nginx"), "stop"], env=self.nginx_env, check=False
            )
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


def warm_up(base: str, paths: list[str], *, workers: int) -> None:
    """Every worker renders every page once before the load (a cold worker imports views and
    compiles templates on its first request, seconds on a busy machine)."""
    for path in paths:
        for _ in range(3 * workers):
            with urllib.request.urlopen(base + path, timeout=120) as response:  # noqa: S310
                response.read()


def edge_status(base: str, path: str) -> str:
    """Whether nginx's edge cache answers this page (X-Edge-Cache: HIT) or the app does."""
    with urllib.request.urlopen(base + path, timeout=120) as response:  # noqa: S310
        response.read()
        return response.headers.get("X-Edge-Cache") or "-"


def targets(env) -> list[tuple[str, str, str]]:
    """(label, path, kind): kind is cached, search, api or bare."""
    detail = subprocess.run(  # noqa: S603
        [
            PYTHON,
            "-c",
            "import django; django.setup(); from marketplace.models import Achievement;"
            "print(Achievement.objects.filter(status='published').order_by('pk').first().pk)",
        ],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return [
        ("home", "/", "cached"),
        ("achievement list", "/achievements/", "cached"),
        ("achievement detail", f"/achievements/{detail}/", "cached"),
        ("search", f"/search/?q={quote('胶黏剂')}", "search"),
        ("API list", "/api/v1/achievements", "api"),
        ("bare view (robots.txt)", "/robots.txt", "bare"),
    ]


def run_wrk(wrk, url, *, threads, connections, duration, script) -> dict:
    out = subprocess.run(  # noqa: S603
        [
            wrk,
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            "--timeout",
            "5s",
            "-s",
            script,
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    figures = {
        k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", " ".join(re.findall(r"BENCH .*", out)))
    }
    figures["rps"] = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    figures["errors"] = sum(figures[k] for k in ("non2xx", "connect", "read", "write", "timeout"))
    return figures


def verdicts(results: dict, kinds: dict) -> list[str]:
    bare = next(r["rps"] for label, r in results.items() if kinds[label] == "bare")
    lines = []
    for label, r in results.items():
        checks = [("no errors", r["errors"] == 0)]
        p95 = r["p95"] / 1000
        if kinds[label] == "cached":
            checks.append((f"p95 {p95:.0f} ms <= {CACHED_P95_MS} ms", p95 <= CACHED_P95_MS))
            share = r["rps"] / bare if bare else 0
            checks.append(
                (f"{share:.0%} of bare view's req/s >= 50%", share >= CACHED_SHARE_OF_BARE)
            )
        elif kinds[label] == "search":
            checks.append((f"p95 {p95:.0f} ms <= {SEARCH_P95_MS} ms", p95 <= SEARCH_P95_MS))
        verdict = "PASS" if all(ok for _, ok in checks) else "FAIL"
        detail = "; ".join(f"{text}{'' if ok else ' (missed)'}" for text, ok in checks)
        lines.append(f"{verdict}  {label}: {detail}")
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--workers", type=int, default=0, help="gunicorn workers (default: 2/core+1)"
    )
    parser.add_argument("--redis-db", type=int, default=9, help="Redis database for this bench")
    parser.add_argument("--reuse-data", action="store_true", help="keep the loaded demo database")
    args = parser.parse_args(argv)

    wrk = need_wrk()
    env = production_env(args, redis_db=args.redis_db)
    VAR.mkdir(parents=True, exist_ok=True)
    prepare_data(env, reuse=args.reuse_data)
    subprocess.run(  # noqa: S603 - a clean page cache: the first request of each page is a miss
        [
            PYTHON,
            "-c",
            "import django; django.setup(); from django.core.cache import cache; cache.clear()",
        ],
        env=env,
        cwd=ROOT,
        check=True,
    )
    pages = targets(env)
    stack = Stack(env)
    results: dict[str, dict] = {}
    edge: dict[str, str] = {}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        step("starting gunicorn, daphne and nginx (production settings)")
        base = stack.start()
        step(f"warming up ({base})")
        warm_up(base, [path for _label, path, _kind in pages], workers=stack.workers)
        for _label, path, _kind in pages:
            run_wrk(wrk, base + path, threads=1, connections=4, duration=2, script=script.name)
        edge = {label: edge_status(base, path) for label, path, _kind in pages}
        step(f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s, through nginx")
        for label, path, _kind in pages:
            results[label] = run_wrk(
                wrk,
                base + path,
                threads=args.threads,
                connections=args.connections,
                duration=args.duration,
                script=script.name,
            )
            time.sleep(1)
    finally:
        stack.stop()
        os.unlink(script.name)

    print()
    print(
        f"{'page':<24}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}{'edge':>8}"
    )
    for label, r in results.items():
        print(
            f"{label:<24}{r['rps']:>9.1f}{r['p50'] / 1000:>9.1f}{r['p95'] / 1000:>9.1f}"
            f"{r['p99'] / 1000:>9.1f}{r['errors']:>8}{edge.get(label, '-'):>8}"
        )
    print("edge: nginx's answer after the warm-up (HIT, or STALE while one request refreshes it:")
    print("      served from its cache; MISS: every request reaches the app)")
    print()
    lines = verdicts(results, {label: kind for label, _path, kind in pages})
    print("\n".join(lines))
    return 0 if all(line.startswith("PASS") for line in lines) else 1


if __name__ == "__main__":
    sys.exit(main())
