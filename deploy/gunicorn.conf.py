"""gunicorn settings for a web node (deploy/systemd/cho-tinh-web.service).

    gunicorn -c deploy/gunicorn.conf.py marketplace.wsgi

Read from the environment file, so one file serves every node:
GUNICORN_BIND (127.0.0.1:8000), GUNICORN_WORKERS (2 × cores + 1), GUNICORN_TIMEOUT (30).
`systemctl reload cho-tinh-web` sends HUP: gunicorn starts new workers with the new code
and settings and retires the old ones once their requests are done (no request dropped).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5  # nginx keeps connections to the node open (upstream keepalive)
max_requests = 2000  # recycle workers now and then (memory)
max_requests_jitter = 200
# Only nginx may tell gunicorn the scheme; the app trusts one proxy (TRUSTED_PROXY_COUNT).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = None  # nginx writes the access log; the app logs slow requests and errors
errorlog = "-"
capture_output = True
proc_name = "cho-tinh-web"
