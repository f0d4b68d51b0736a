"""Throwaway Redis and Postgres servers for the fault, backup and scale-out tests.

Never the shared services: each test starts its own on a free port, stops and restarts it at will and
removes it afterwards."""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), None)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def wait_for(predicate, timeout: float, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)  # polling another process; nothing in this one to wait on
    raise AssertionError(f"timed out waiting for {what}")


class ThrowawayRedis:
    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_for(lambda: port_open(self.port), 20, "redis to listen")
        return self

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None
        wait_for(lambda: not port_open(self.port), 20, "redis to stop")


def _as_postgres_user(cmd: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: run them as the ``postgres`` user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


class ThrowawayPostgres:
    """A private cluster (``initdb``) on a free port, trust authentication, its own socket folder."""

    def __init__(self):
        import tempfile

        self.port = free_port()
        # directly under /tmp: the postgres user cannot enter pytest's private tmp_path when tests run as root
        self.base = Path(tempfile.mkdtemp(prefix="lsp-pg-"))
        self.data = self.base / "data"

    def url(self, name: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def init(self):
        self.base.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.base, "postgres", "postgres")
        subprocess.run(
            _as_postgres_user([str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
                               "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"]),
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        return self.start()

    def start(self):
        options = f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(
            _as_postgres_user([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-l",
                               str(self.base / "log"), "-w", "start"]),
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_for(lambda: port_open(self.port), 30, "postgres to listen")
        return self

    def stop(self):
        subprocess.run(
            _as_postgres_user([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"]),
            check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )

    def remove(self):
        self.stop()
        shutil.rmtree(self.base, ignore_errors=True)

    def psql(self, sql: str, db: str = "postgres") -> str:
        return subprocess.run(
            [str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", db,
             "-At", "-c", sql],
            check=True, capture_output=True, text=True,
        ).stdout.strip()


def manage(*args, env: dict, timeout: float = 600) -> subprocess.CompletedProcess:
    """``manage.py`` in a subprocess with ``env`` (the caller's settings, not the test's)."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout,
    )
    if result.returncode:  # keep the command's own error in the failure report
        error = subprocess.CalledProcessError(result.returncode, result.args, result.stdout, result.stderr)
        error.add_note(result.stderr[-4000:])
        raise error
    return result


def base_env(**extra) -> dict:
    """The environment of a subprocess: this one's, minus what the test settings set, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "DJANGO_SETTINGS_MODULE"))}
    env.update({"PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "lsp.settings"})
    env.update({k: str(v) for k, v in extra.items()})
    return env


class MotoS3:
    """moto's S3-compatible server (``moto[server]``), a bucket created in it."""

    def __init__(self, bucket: str = "lsp-media"):
        self.port = free_port()
        self.bucket = bucket
        self.process = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def client(self):
        import boto3

        return boto3.client("s3", endpoint_url=self.endpoint, aws_access_key_id="uji", aws_secret_access_key="uji",
                            region_name="us-east-1")

    def start(self):
        self.process = subprocess.Popen(
            [str(Path(sys.executable).with_name("moto_server")), "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_for(lambda: port_open(self.port), 60, "moto to listen")
        self.client().create_bucket(Bucket=self.bucket)
        return self

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)

    def env(self) -> dict:
        return {"DJANGO_S3_BUCKET": self.bucket, "DJANGO_S3_ENDPOINT_URL": self.endpoint,
                "DJANGO_S3_ACCESS_KEY_ID": "uji", "DJANGO_S3_SECRET_ACCESS_KEY": "uji", "DJANGO_S3_REGION": "us-east-1"}


def production_env(tmp: Path, database_url: str, **extra) -> dict:
    """The environment of a production node as README "Deploying" sets it, with plain HTTP for the test
    (no TLS-terminating proxy here, so no HTTPS redirect)."""
    return base_env(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="uji-" + "k" * 60,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        DJANGO_MEDIA_ROOT=str(tmp / "media"),
        DJANGO_STATIC_ROOT=str(tmp / "static"),
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LSP_PAGE_CACHE_SECONDS="0",
        **extra,
    )


class Processes:
    """Long-running processes of one test (web nodes, workers), stopped together."""

    def __init__(self, logs: Path):
        self.logs = logs
        self.running: list[subprocess.Popen] = []

    def start(self, name: str, args: list[str], env: dict) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        self.running.append(process)
        return process

    def web(self, name: str, port: int, env: dict) -> subprocess.Popen:
        process = self.start(
            name, [str(Path(sys.executable).with_name("gunicorn")), "-c", str(ROOT / "deploy/gunicorn.conf.py"),
                   "lsp.wsgi"],
            {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "2"},
        )
        wait_for(lambda: port_open(port), 60, f"gunicorn {name} to listen")
        return process

    def worker(self, name: str, env: dict) -> subprocess.Popen:
        return self.start(
            name, [sys.executable, "-m", "celery", "-A", "lsp", "worker", "--concurrency=1", "--loglevel=INFO",
                   "-n", f"{name}@%h", "--without-gossip", "--without-mingle"], env,
        )

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")

    def stop_all(self):
        import signal

        for process in self.running:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.running:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


class Browser:
    """A tiny HTTP client with its own cookies. The deployment marks cookies ``Secure``; with no TLS
    proxy in the test they are sent back by hand, as a browser behind the HTTPS proxy would."""

    def __init__(self, **headers):
        self.cookies: dict[str, str] = {}
        self.headers = headers

    def request(self, method: str, url: str, **kwargs):
        import http.cookies

        import requests

        headers = {**self.headers, **kwargs.pop("headers", {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = requests.request(method, url, headers=headers, allow_redirects=False, timeout=60, **kwargs)
        for raw in response.raw.headers.getlist("Set-Cookie"):
            jar = http.cookies.SimpleCookie()
            jar.load(raw)
            for key, morsel in jar.items():
                self.cookies[key] = morsel.value
        return response

    def get(self, url, **kwargs):
        return self.request("GET", url, **kwargs)

    def csrf(self, url) -> str:
        import re

        page = self.get(url)
        assert page.status_code == 200, (url, page.status_code)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)

    def post(self, url, data=None, *, form_url=None, **kwargs):
        token = self.csrf(form_url or url)
        return self.request("POST", url, data={**(data or {}), "csrfmiddlewaretoken": token}, **kwargs)

    def login(self, base: str, username: str, password: str):
        response = self.post(f"{base}/akun/masuk/", {"username": username, "password": password})
        assert response.status_code == 302, response.text[:2000]
        return response
