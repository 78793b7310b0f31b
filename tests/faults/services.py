"""Private Redis and PostgreSQL servers a fault test may stop and start at will.

The shared services of the test command are never touched: each helper runs its own
server on a free loopback port, with its data in a temporary directory, and removes it
afterwards. Nothing here sleeps for a fixed time: every wait polls with a deadline.
"""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
REDIS_CONF = REPO / "scripts" / "redis.conf"
HOST = "127.0.0.1"


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_until(predicate, timeout, what):
    """Poll *predicate* until it is true; fail after *timeout* seconds."""
    deadline = time.monotonic() + timeout
    while True:
        if predicate():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.05)


def port_open(port):
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((HOST, port)) == 0


class PrivateRedis:
    """redis-server with the project's scripts/redis.conf (AOF on), as the test command
    and production run it."""

    def __init__(self):
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="flt-redis-"))
        self.url = f"redis://{HOST}:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                str(REDIS_CONF),
                "--port",
                str(self.port),
                "--bind",
                HOST,
                "--dir",
                str(self.dir),
                "--daemonize",
                "no",
                "--logfile",
                str(self.dir / "redis.log"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self.answers, 30, f"redis on port {self.port}")

    def answers(self):
        import redis

        try:
            return redis.Redis(host=HOST, port=self.port, socket_timeout=0.5).ping()
        except redis.exceptions.RedisError:
            return False

    def stop(self):
        """A clean stop (SIGTERM: Redis writes what it must and exits), as a restart by
        systemd or the test command would."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)
        wait_until(lambda: not port_open(self.port), 10, "redis to close its port")

    def close(self):
        try:
            self.stop()
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def pg_bindir():
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if not candidates:
        return None
    return candidates[-1].parent


class PrivatePostgres:
    """A throw-away PostgreSQL cluster (initdb under /tmp, run as the postgres user) on a
    free port, so a test can restart or stop it without touching the shared server."""

    USER = "postgres"

    def __init__(self):
        self.bindir = pg_bindir()
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="flt-pg-", dir="/tmp"))
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"
        self.url = f"postgres://market:market@{HOST}:{self.port}/market"

    def _as_postgres(self, *args, **kwargs):
        return subprocess.run(
            ["runuser", "-u", self.USER, "--", *args],
            check=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            **kwargs,
        )

    def init(self):
        shutil.chown(self.root, self.USER)
        os.chmod(self.root, 0o700)
        self._as_postgres(
            str(self.bindir / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
            "--encoding=UTF8", "--locale=C.UTF-8",
        )  # fmt: skip
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(
                f"\nlisten_addresses = '{HOST}'\nport = {self.port}\n"
                f"unix_socket_directories = '{self.root}'\nmax_connections = 20\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                "shared_buffers = 16MB\n"
            )
        self.pg_ctl("start")
        psql = [str(self.bindir / "psql"), "-XAtq", "-h", str(self.root), "-p", str(self.port)]
        self._as_postgres(
            *psql, "-U", "postgres", "-c", "CREATE ROLE market LOGIN PASSWORD 'market' CREATEDB"
        )
        self._as_postgres(*psql, "-U", "postgres", "-c", "CREATE DATABASE market OWNER market")

    def pg_ctl(self, action, *extra):
        self._as_postgres(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
            "-w", "-t", "60", *extra, action,
        )  # fmt: skip

    def start(self):
        self.pg_ctl("start")

    def stop(self):
        self.pg_ctl("stop", "-m", "fast")

    def restart(self):
        self.pg_ctl("restart", "-m", "fast")

    def running(self):
        return (self.data / "postmaster.pid").exists()

    def close(self):
        try:
            if self.running():
                self.stop()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


class Gunicorn:
    """The site under gunicorn with production settings (tests/faults/production_like.py)
    against *database_url*: persistent connections, one sync worker."""

    def __init__(self, database_url, conn_max_age=600, extra_env=None):
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        self.log = Path(tempfile.mkstemp(prefix="flt-gunicorn-", suffix=".log")[1])
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.faults.production_like",
            "DATABASE_URL": database_url,
            "DATABASE_CONN_MAX_AGE": str(conn_max_age),
            "SECRET_KEY": "flt-" + "x" * 60,
            "ALLOWED_HOSTS": HOST,
            "SECURE_SSL_REDIRECT": "false",
            "REDIS_URL": "",
            "COUNTERS_REDIS_URL": "",
            "ELASTICSEARCH_URL": "",
            "LOG_LEVEL": "ERROR",
            "PYTHONPATH": str(REPO),
            **(extra_env or {}),
        }
        self.process = None

    def manage(self, *args):
        return subprocess.run(
            [str(REPO / ".venv" / "bin" / "python"), str(REPO / "manage.py"), *args],
            env=self.env,
            cwd=REPO,
            check=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def start(self):
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [
                    str(REPO / ".venv" / "bin" / "gunicorn"),
                    "marketplace.wsgi:application",
                    "--bind",
                    f"{HOST}:{self.port}",
                    "--workers",
                    "1",
                    "--timeout",
                    "60",
                ],  # fmt: skip
                env=self.env,
                cwd=REPO,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_until(lambda: port_open(self.port), 60, "gunicorn to listen")

    def get(self, path):
        import urllib.error
        import urllib.request

        request = urllib.request.Request(self.base + path, headers={"User-Agent": "Mozilla/5.0"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    def close(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.unlink(missing_ok=True)
