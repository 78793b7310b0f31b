"""The production layout on loopback: a fresh PostgreSQL database, two gunicorn nodes
and Debian's nginx with deploy/nginx/cho-tinh.conf in front (rendered for ports and
paths only), sharing the test PostgreSQL server, Redis and Elasticsearch.

The gunicorn processes run outside pytest's transaction, so they get a database of their
own, created here with psycopg and dropped at the end (not pytest-django's test
database, which a test would hold in a transaction the nodes cannot see). Every wait
polls with a deadline; nothing sleeps a fixed time.
"""

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import requests
import urllib3

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
NGINX = os.environ.get("NGINX_PATH", "/usr/sbin/nginx")
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so")
START_DEADLINE = float(os.environ.get("DEPLOY_START_DEADLINE", "180"))
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130 Safari/537.36"

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check, deadline, what):
    """Poll *check* until it returns something true, or fail after *deadline* seconds."""
    end = time.monotonic() + deadline
    delay = 0.1
    last = None
    while time.monotonic() < end:
        try:
            result = check()
            if result:
                return result
        except Exception as exc:  # not up yet
            last = exc
        time.sleep(delay)
        delay = min(delay * 1.5, 1.0)
    raise TimeoutError(f"{what} not ready after {deadline}s (last error: {last!r})")


class Stack:
    def __init__(self, workdir):
        self.dir = Path(workdir)
        self.run_id = f"dep{os.getpid()}{secrets.token_hex(2)}"
        self.db_name = f"deploy_{self.run_id}"
        self.static_root = self.dir / "static"
        self.media_root = self.dir / "media"
        self.logs = self.dir / "logs"
        self.nginx_dir = self.dir / "nginx"
        self.http_port, self.https_port = free_port(), free_port()
        self.node_ports = [free_port(), free_port()]
        self.processes = []
        self.base_url = f"https://localhost:{self.https_port}"
        self.http_url = f"http://localhost:{self.http_port}"

    # --- environment ---------------------------------------------------------------
    def database_url(self, name=None):
        parts = urlsplit(os.environ["DATABASE_URL"])
        return parts._replace(path=f"/{name or self.db_name}").geturl()

    def env(self, **extra):
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("TEST_", "PYTEST", "DJANGO_", "AWS_")) and k != "MEDIA_STORAGE"
        }
        env.update(
            DJANGO_SETTINGS_MODULE="marketplace.settings.production",
            SECRET_KEY=f"deploy-test-{self.run_id}-" + "k" * 60,
            ALLOWED_HOSTS="localhost,127.0.0.1",
            CSRF_TRUSTED_ORIGINS=self.base_url,
            SITE_URL=self.base_url,
            DATABASE_URL=self.database_url(),
            DATABASE_CONN_MAX_AGE="60",
            CACHE_KEY_PREFIX=self.run_id,
            COUNTERS_REDIS_PREFIX=f"{self.run_id}:counters",
            COUNTERS_PROCESS_BUFFER_SECONDS="0",
            SEARCH_INDEX_PREFIX=self.run_id,
            MEDIA_ROOT=str(self.media_root),
            STATIC_ROOT=str(self.static_root),
            TRUSTED_PROXY_COUNT="1",
            LOG_FORMAT="json",
            LOG_LEVEL="INFO",
            REQUEST_LOG_LEVEL="INFO",
            ACCOUNT_EMAIL_VERIFICATION="none",
            SECURE_HSTS_SECONDS="60",
            GUNICORN_WORKERS="2",
        )
        env.update(extra)
        return env

    def manage(self, *args, timeout=600, **extra_env):
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env(**extra_env),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
            )
        return result.stdout

    def python(self, code, timeout=300):
        """Run *code* with Django set up against the stack's database; return stdout."""
        script = "import django\ndjango.setup()\n" + code
        result = subprocess.run(
            [PYTHON, "-c", script],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(f"script failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    # --- life cycle ----------------------------------------------------------------
    def create_database(self):
        import psycopg

        with psycopg.connect(self.database_url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.db_name}"')

    def drop_database(self):
        import psycopg

        with psycopg.connect(self.database_url("postgres"), autocommit=True) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                [self.db_name],
            )
            conn.execute(f'DROP DATABASE IF EXISTS "{self.db_name}"')

    def start(self):
        for folder in (self.static_root, self.media_root, self.logs, self.nginx_dir):
            folder.mkdir(parents=True, exist_ok=True)
        self.create_database()
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        self.manage("seed_demo", "--booths", "2", "--products", "6", "-v0")
        for port in self.node_ports:
            self.start_node(port)
        self.start_nginx()

    def start_node(self, port):
        log = open(self.logs / f"node-{port}.log", "ab")  # noqa: SIM115 (kept open by the process)
        process = subprocess.Popen(
            [GUNICORN, "-c", "deploy/gunicorn.conf.py", "marketplace.wsgi"],
            cwd=ROOT,
            env=self.env(GUNICORN_BIND=f"127.0.0.1:{port}"),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)

        def ready():
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn on {port} exited: {self.log_text(port)[-3000:]}")
            response = requests.get(
                f"http://127.0.0.1:{port}/healthz",
                headers={"X-Forwarded-Proto": "https", "Host": "localhost"},
                timeout=5,
            )
            return response.status_code == 200

        wait_until(ready, START_DEADLINE, f"gunicorn on {port}")

    def render_nginx(self):
        cert, key = self.nginx_dir / "cert.pem", self.nginx_dir / "key.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
            + ["-subj", "/CN=localhost", "-keyout", str(key), "-out", str(cert)],
            check=True,
            capture_output=True,
        )
        shutil.copy(ROOT / "deploy/nginx/cho-tinh-proxy.conf", self.nginx_dir)
        # the allow-list hook: loopback only, as an office network would be
        (self.nginx_dir / "admin-allow.conf").write_text("allow 127.0.0.1;\ndeny all;\n")
        site = subprocess.run(
            [PYTHON, str(ROOT / "deploy/nginx/render.py"), "--server-name", "localhost"]
            + [arg for port in self.node_ports for arg in ("--upstream", f"127.0.0.1:{port}")]
            + ["--static-root", str(self.static_root), "--media-root", str(self.media_root)]
            + ["--tls-cert", str(cert), "--tls-key", str(key)]
            + ["--http-listen", f"127.0.0.1:{self.http_port}"]
            + ["--https-listen", f"127.0.0.1:{self.https_port}"]
            + ["--admin-allow", str(self.nginx_dir / "admin-allow.conf")]
            + ["--conf-dir", str(self.nginx_dir)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        (self.nginx_dir / "cho-tinh.conf").write_text(site)
        brotli = BROTLI_MODULE.exists()
        temp = self.nginx_dir / "temp"
        temp.mkdir(exist_ok=True)
        # the main file as Debian's /etc/nginx/nginx.conf has it, with private paths
        main = [
            f"load_module {BROTLI_MODULE};" if brotli else "",
            "user root;",
            "worker_processes 2;",
            f"pid {self.nginx_dir / 'nginx.pid'};",
            f"error_log {self.logs / 'nginx-error.log'} warn;",
            "events { worker_connections 256; }",
            "http {",
            "  include /etc/nginx/mime.types;",
            "  default_type application/octet-stream;",
            "  sendfile on;",
            "  server_tokens off;",
            f"  access_log {self.logs / 'nginx-access.log'};",
            f"  client_body_temp_path {temp}/body;",
            f"  proxy_temp_path {temp}/proxy;",
            f"  fastcgi_temp_path {temp}/fastcgi;",
            f"  uwsgi_temp_path {temp}/uwsgi;",
            f"  scgi_temp_path {temp}/scgi;",
            f"  include {ROOT / 'deploy/nginx/brotli.conf'};" if brotli else "",
            f"  include {self.nginx_dir / 'cho-tinh.conf'};",
            "}",
        ]
        (self.nginx_dir / "nginx.conf").write_text("\n".join(main) + "\n")
        self.brotli = brotli

    def start_nginx(self):
        self.render_nginx()
        conf = str(self.nginx_dir / "nginx.conf")
        check = subprocess.run([NGINX, "-t", "-c", conf], capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"nginx -t failed:\n{check.stderr}")
        log = open(self.logs / "nginx-stdout.log", "ab")  # noqa: SIM115
        process = subprocess.Popen(
            [NGINX, "-c", conf, "-g", "daemon off;"],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        wait_until(
            lambda: (
                process.poll() is None
                and requests.get(f"{self.base_url}/healthz", verify=False, timeout=5).ok
            ),
            START_DEADLINE,
            "nginx",
        )

    def stop(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        self.processes.clear()
        try:
            self.drop_database()
        finally:
            self.cleanup_shared()

    def cleanup_shared(self):
        """Leave nothing behind in the shared Redis and Elasticsearch."""
        if os.environ.get("ELASTICSEARCH_URL"):
            with contextlib.suppress(requests.RequestException):
                requests.delete(
                    f"{os.environ['ELASTICSEARCH_URL']}/{self.run_id}*?expand_wildcards=all",
                    timeout=30,
                )
        if os.environ.get("REDIS_URL"):
            import redis

            client = redis.Redis.from_url(os.environ["REDIS_URL"])
            for key in client.scan_iter(f"*{self.run_id}*", count=1000):
                client.delete(key)

    # --- reading what happened -----------------------------------------------------
    def log_text(self, port):
        path = self.logs / f"node-{port}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def request_lines(self):
        """{request id: (node port, the JSON request line)} from both nodes' logs."""
        lines = {}
        for port in self.node_ports:
            for line in self.log_text(port).splitlines():
                if not line.startswith("{"):
                    continue
                entry = json.loads(line)
                if entry.get("logger") == "market.request":
                    lines[entry["request_id"]] = (port, entry)
        return lines

    def node_of(self, response, deadline=10):
        """Which node answered *response* (through nginx): found by its request id."""
        rid = response.headers["X-Request-ID"]
        return wait_until(lambda: self.request_lines().get(rid), deadline, f"request line {rid}")

    def session(self):
        session = Session()
        session.headers["User-Agent"] = BROWSER
        return session


class Session(requests.Session):
    """A browser against the self-signed certificate (verify=False on every request:
    a session-wide setting loses to REQUESTS_CA_BUNDLE in requests)."""

    def request(self, *args, **kwargs):
        kwargs.setdefault("verify", False)
        kwargs.setdefault("timeout", 60)
        return super().request(*args, **kwargs)
