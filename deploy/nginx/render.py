#!/usr/bin/env python3
"""Fill the @NAME@ places of deploy/nginx/cho-tinh.conf (ports and paths only).

    python3 deploy/nginx/render.py --server-name cho.example.vn --app-dir /srv/cho-tinh \
        --upstream 127.0.0.1:8000 [--upstream 10.0.0.12:8000 ...] > cho-tinh.conf

Everything else in the file is the same for every installation; tests/deploy renders it
with loopback ports and temporary paths and runs it in a real nginx. Standard library only.
"""

import argparse
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def render(
    *,
    server_name,
    upstreams,
    static_root,
    media_root,
    tls_cert,
    tls_key,
    http_listen="80",
    https_listen="443",
    admin_allow="/etc/nginx/cho-tinh-admin-allow.conf",
    conf_dir="/etc/nginx",
    template=HERE / "cho-tinh.conf",
):
    if not upstreams:
        raise ValueError("at least one --upstream")
    values = {
        "SERVER_NAME": server_name,
        "UPSTREAM_SERVERS": "\n    ".join(
            f"server {address} max_fails=3 fail_timeout=10s;" for address in upstreams
        ),
        "STATIC_ROOT": str(static_root).rstrip("/"),
        "MEDIA_ROOT": str(media_root).rstrip("/"),
        "TLS_CERT": str(tls_cert),
        "TLS_KEY": str(tls_key),
        "HTTP_LISTEN": str(http_listen),
        "HTTPS_LISTEN": str(https_listen),
        "ADMIN_ALLOW": str(admin_allow),
        "CONF_DIR": str(conf_dir).rstrip("/"),
    }
    text = Path(template).read_text()
    text = re.sub(r"@([A-Z_]+)@", lambda m: values.get(m.group(1), m.group(0)), text)
    return text


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server-name", required=True, help="e.g. cho.example.vn")
    parser.add_argument("--app-dir", default="/srv/cho-tinh", help="the checkout")
    parser.add_argument("--upstream", action="append", default=[], help="host:port of a web node")
    parser.add_argument("--static-root", help="default APP_DIR/static_collected")
    parser.add_argument("--media-root", help="default APP_DIR/media")
    parser.add_argument("--tls-cert", help="default /etc/letsencrypt/live/NAME/fullchain.pem")
    parser.add_argument("--tls-key", help="default /etc/letsencrypt/live/NAME/privkey.pem")
    parser.add_argument("--http-listen", default="80")
    parser.add_argument("--https-listen", default="443")
    parser.add_argument("--admin-allow", default="/etc/nginx/cho-tinh-admin-allow.conf")
    parser.add_argument("--conf-dir", default="/etc/nginx", help="where cho-tinh-proxy.conf is")
    args = parser.parse_args(argv)
    name = args.server_name.split()[0]
    sys.stdout.write(
        render(
            server_name=args.server_name,
            upstreams=args.upstream or ["127.0.0.1:8000"],
            static_root=args.static_root or f"{args.app_dir}/static_collected",
            media_root=args.media_root or f"{args.app_dir}/media",
            tls_cert=args.tls_cert or f"/etc/letsencrypt/live/{name}/fullchain.pem",
            tls_key=args.tls_key or f"/etc/letsencrypt/live/{name}/privkey.pem",
            http_listen=args.http_listen,
            https_listen=args.https_listen,
            admin_allow=args.admin_allow,
            conf_dir=args.conf_dir,
        )
    )


if __name__ == "__main__":
    main()
