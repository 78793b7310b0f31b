#!/usr/bin/env bash
# Installs, starts and stops the real services the test suite needs:
# PostgreSQL, Elasticsearch, stripe-mock, Redis, headless Chromium, an S3-compatible
# server (rclone serve s3) and nginx (installed only: the deploy tests start their own).
#
#   scripts/services.sh up [pg] [es] [stripe] [redis] [chromium] [s3] [nginx]   (no names = all)
#   scripts/services.sh down
#   scripts/services.sh status
#   scripts/services.sh env          # prints export lines: eval "$(scripts/services.sh env)"
#
# Everything listens on 127.0.0.1 only. Downloads/builds are cached machine-wide
# in $MARKET_CACHE (default ~/.cache/cho-tinh); runtime state (data dirs, pids,
# logs) lives in $MARKET_STATE (default <repo>/.services). See docs/services.md.
set -euo pipefail

# ---- pinned versions --------------------------------------------------------
# Newest 8.19.x of org.elasticsearch.distribution.integ-test-zip:elasticsearch on
# Maven Central (its maven-metadata lists 8.19.0, .2, .4, .21); pairs with the
# Python client elasticsearch>=8.19,<8.20.
ES_VERSION="${ES_VERSION:-8.19.21}"
# Latest tag of github.com/stripe/stripe-mock on the Go module proxy.
STRIPE_MOCK_VERSION="${STRIPE_MOCK_VERSION:-v0.203.0}"
# rclone (serves a folder over the S3 protocol for the object-storage tests), built
# from the Go module proxy like stripe-mock; a tag of github.com/rclone/rclone.
RCLONE_VERSION="${RCLONE_VERSION:-v1.76.0}"
MVN_DEP_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

# ---- locations and ports ----------------------------------------------------
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$(realpath -m "${MARKET_CACHE:-$HOME/.cache/cho-tinh}")"
STATE="$(realpath -m "${MARKET_STATE:-$REPO_ROOT/.services}")"
HOST=127.0.0.1
PG_PORT="${PG_PORT:-54329}"
ES_PORT="${ES_PORT:-59200}"
ES_TRANSPORT_PORT="${ES_TRANSPORT_PORT:-59300}"
STRIPE_MOCK_PORT="${STRIPE_MOCK_PORT:-12111}"
REDIS_PORT="${REDIS_PORT:-63790}"
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"

PG_TIMEOUT="${PG_TIMEOUT:-60}"
ES_TIMEOUT="${ES_TIMEOUT:-240}"
STRIPE_TIMEOUT="${STRIPE_TIMEOUT:-60}"
REDIS_TIMEOUT="${REDIS_TIMEOUT:-30}"

DATABASE_URL="postgres://market:market@$HOST:$PG_PORT/market"
ELASTICSEARCH_URL="http://$HOST:$ES_PORT"
STRIPE_API_BASE="http://$HOST:$STRIPE_MOCK_PORT"
REDIS_URL="redis://$HOST:$REDIS_PORT/0"

ES_USER=elastic
PG_USER=postgres

ALL_SERVICES=(pg es stripe redis chromium s3 nginx)

# ---- helpers ----------------------------------------------------------------
say() { printf '==> %s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# die with the tail of a log file
die_log() {
    local msg=$1 log=$2
    {
        printf 'ERROR: %s\n' "$msg"
        if [[ -f $log ]]; then
            printf -- '--- last 40 lines of %s ---\n' "$log"
            tail -n 40 "$log"
            printf -- '--- end of %s ---\n' "$log"
        else
            printf '(no log at %s)\n' "$log"
        fi
    } >&2
    exit 1
}

# is something accepting TCP connections on 127.0.0.1:$1 ?
port_open() {
    timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null
}

# pid from a pid file, if that process is alive and its command line matches $2
live_pid() {
    local file=$1 pattern=$2 pid
    [[ -f $file ]] || return 1
    pid=$(head -n1 "$file" 2>/dev/null | tr -dc '0-9')
    [[ -n $pid ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    local cmdline
    cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    [[ $cmdline == *"$pattern"* ]] || return 1
    echo "$pid"
}

# wait until "$@" succeeds; $1 = timeout seconds
wait_for() {
    local timeout=$1; shift
    local deadline=$((SECONDS + timeout))
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || return 1
        sleep 0.5
    done
}

# stop a pid: TERM, wait up to $2 s, then KILL
stop_pid() {
    local pid=$1 timeout=${2:-30} name=${3:-process}
    kill -TERM "$pid" 2>/dev/null || return 0
    local deadline=$((SECONDS + timeout))
    while kill -0 "$pid" 2>/dev/null; do
        if ((SECONDS >= deadline)); then
            warn "$name (pid $pid) did not stop within ${timeout}s; sending KILL"
            kill -KILL "$pid" 2>/dev/null || true
            sleep 1
            break
        fi
        sleep 0.2
    done
}

as_user() { local user=$1; shift; runuser -u "$user" -- "$@"; }

# can $1 (a user) reach and write directory $2 ?
check_user_dir() {
    local user=$1 dir=$2
    as_user "$user" test -w "$dir" -a -x "$dir" ||
        die "user '$user' cannot write $dir (a parent directory is probably not world-traversable); set MARKET_STATE to a path under e.g. /work or /var/tmp"
}

need_root() {
    [[ $(id -u) -eq 0 ]] || die "this script must run as root (it installs packages and runs services as the postgres/elastic users)"
}

# ---- package installation (apt-get update at most once per run) ------------
APT_UPDATED=0
STOPPED=0

apt_install() {
    (($#)) || return 0
    need_root
    export DEBIAN_FRONTEND=noninteractive
    # Don't let package postinst scripts start system services (system redis on
    # 6379, the Debian postgres cluster on 5432): we run our own instances.
    local made_policy=0
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        made_policy=1
    fi
    local rc=0
    {
        if ((APT_UPDATED == 0)); then
            say "apt-get update"
            apt-get -o DPkg::Lock::Timeout=300 update -qq
            APT_UPDATED=1
        fi
        say "apt-get install $*"
        apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "$@" >/dev/null 9>&-
    } || rc=$?
    ((made_policy)) && rm -f /usr/sbin/policy-rc.d
    ((rc == 0)) || die "apt-get install $* failed (rc=$rc)"
}

# stop + disable a system service a package may have started
disable_system_service() {
    local svc=$1
    if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null; then
        systemctl disable --now "$svc" >/dev/null 2>&1 || true
    fi
    if [[ -x /etc/init.d/$svc ]]; then
        /etc/init.d/"$svc" stop >/dev/null 2>&1 || true
        if command -v update-rc.d >/dev/null; then update-rc.d "$svc" disable >/dev/null 2>&1 || true; fi
    fi
}

pg_bindir() {
    local d best=
    for d in /usr/lib/postgresql/*/bin; do
        [[ -x $d/initdb ]] || continue
        if [[ -z $best ]] || [[ $(printf '%s\n%s\n' "$best" "$d" | sort -V | tail -n1) == "$d" ]]; then best=$d; fi
    done
    [[ -n $best ]] && echo "$best"
}

# collect missing Debian packages for the requested services, install in one go
install_packages() {
    local svc pkgs=() new_services=()
    for svc in "$@"; do
        case $svc in
            pg) pg_bindir >/dev/null || { pkgs+=(postgresql); new_services+=(postgresql); } ;;
            redis) if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
                    pkgs+=(redis-server redis-tools); new_services+=(redis-server)
                fi ;;
            chromium) [[ -x $CHROMIUM_PATH ]] || pkgs+=(chromium fonts-noto-core fonts-dejavu-core)
                # zbarimg reads the VietQR codes back in the checkout journeys
                command -v zbarimg >/dev/null || pkgs+=(zbar-tools)
                # npm installs the pinned axe-core and vnu-jar (make frontend-tools); Java runs vnu.jar
                command -v npm >/dev/null || pkgs+=(nodejs npm)
                command -v java >/dev/null || pkgs+=(default-jre-headless) ;;
            nginx) nginx_install_wanted || { pkgs+=(nginx libnginx-mod-http-brotli-filter openssl); new_services+=(nginx); } ;;
            es) command -v unzip >/dev/null || pkgs+=(unzip)
                command -v mvn >/dev/null || pkgs+=(maven) ;;
        esac
    done
    command -v curl >/dev/null || pkgs+=(curl)
    ((${#pkgs[@]})) || return 0
    apt_install "${pkgs[@]}"
    # only for what we just installed: never touch a system service someone runs
    for svc in ${new_services[@]+"${new_services[@]}"}; do
        disable_system_service "$svc"
    done
}

# ---- PostgreSQL -------------------------------------------------------------
PG_DIR="$STATE/pg"
PG_DATA="$PG_DIR/data"
PG_LOG="$PG_DIR/log/postgres.log"

pg_socket_dir() {
    # unix socket paths are limited to ~107 bytes
    local d="$PG_DIR/run"
    if ((${#d} > 80)); then d="/tmp/cho-tinh-pg-$PG_PORT"; fi
    echo "$d"
}

pg_answers() { PGCONNECT_TIMEOUT=5 timeout 10 psql "$DATABASE_URL" -XAtqc 'select 1' >/dev/null 2>&1; }

pg_pid() { live_pid "$PG_DATA/postmaster.pid" postgres; }

pg_up() {
    local bindir sock
    bindir=$(pg_bindir) || die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin"
    if pg_pid >/dev/null && pg_answers; then
        say "postgres already running (pid $(pg_pid)) on $HOST:$PG_PORT"
        return 0
    fi
    if ! pg_pid >/dev/null && port_open "$PG_PORT"; then
        pg_answers || die "port $HOST:$PG_PORT is taken by something that is not our postgres (psql $DATABASE_URL fails); stop it or set PG_PORT"
        say "reusing postgres already answering on $HOST:$PG_PORT (not started from $STATE)"
        return 0
    fi
    sock=$(pg_socket_dir)
    mkdir -p "$PG_DIR/log" "$sock"
    chown "$PG_USER:" "$PG_DIR" "$PG_DIR/log" "$sock"
    chmod 700 "$PG_DIR"
    check_user_dir "$PG_USER" "$PG_DIR"

    local major
    major=$(basename "$(dirname "$bindir")")
    if [[ -f $PG_DATA/PG_VERSION && $(cat "$PG_DATA/PG_VERSION") != "$major" ]]; then
        die "$PG_DATA was made by PostgreSQL $(cat "$PG_DATA/PG_VERSION") but the server is $major; remove $PG_DATA (test data only) and rerun"
    fi
    if [[ ! -f $PG_DATA/PG_VERSION ]]; then
        local locale=C
        grep -qiE '^c\.utf-?8$' <<<"$(locale -a 2>/dev/null)" && locale=C.UTF-8
        say "initdb PostgreSQL $major cluster in $PG_DATA (locale $locale)"
        rm -rf "$PG_DATA"
        as_user "$PG_USER" "$bindir/initdb" -D "$PG_DATA" -A trust -U postgres \
            --encoding=UTF8 --locale="$locale" >"$PG_DIR/log/initdb.log" 2>&1 ||
            die_log "initdb failed" "$PG_DIR/log/initdb.log"
        grep -q "^include_if_exists = 'market.conf'" "$PG_DATA/postgresql.conf" ||
            echo "include_if_exists = 'market.conf'" >>"$PG_DATA/postgresql.conf"
    fi
    # rewritten at every start so port/socket changes apply
    cat >"$PG_DATA/market.conf" <<EOF
# written by scripts/services.sh -- fast, throwaway test database
listen_addresses = '$HOST'
port = $PG_PORT
unix_socket_directories = '$sock'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 128MB
EOF
    chown "$PG_USER:" "$PG_DATA/market.conf"
    say "starting postgres on $HOST:$PG_PORT"
    as_user "$PG_USER" "$bindir/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t "$PG_TIMEOUT" start >/dev/null 2>&1 9>&- ||
        die_log "postgres failed to start (pg_ctl start, timeout ${PG_TIMEOUT}s)" "$PG_LOG"
    wait_for 10 "$bindir/pg_isready" -q -h "$sock" -p "$PG_PORT" || die_log "postgres does not answer on $sock" "$PG_LOG"
    pg_ensure_db "$bindir" "$sock"
    pg_answers || die_log "postgres started but $DATABASE_URL does not answer" "$PG_LOG"
}

pg_ensure_db() {
    local bindir=$1 sock=$2
    local psql=(psql -XAtq -v ON_ERROR_STOP=1 -h "$sock" -p "$PG_PORT" -U postgres -d postgres)
    "${psql[@]}" <<'EOF'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'market') THEN
    CREATE ROLE market LOGIN PASSWORD 'market' CREATEDB;
  ELSE
    ALTER ROLE market LOGIN PASSWORD 'market' CREATEDB;
  END IF;
END $$;
EOF
    if [[ -z $("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'market'") ]]; then
        "${psql[@]}" -c 'CREATE DATABASE market OWNER market'
    fi
}

pg_down() {
    local bindir
    if pg_pid >/dev/null; then
        bindir=$(pg_bindir)
        say "stopping postgres (pid $(pg_pid))"; STOPPED=$((STOPPED + 1))
        as_user "$PG_USER" "$bindir/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null ||
            die_log "pg_ctl stop failed" "$PG_LOG"
    fi
}

# ---- Elasticsearch ----------------------------------------------------------
ES_DIR="$STATE/es"
ES_CONF="$ES_DIR/config"
ES_PIDFILE="$ES_DIR/run/elasticsearch.pid"
ES_LOG="$ES_DIR/logs/cho-tinh.log"        # <cluster.name>.log
ES_LAUNCH_LOG="$ES_DIR/logs/launcher.log"

es_dist_cache() { echo "$CACHE/elasticsearch-$ES_VERSION"; }

es_fetch() {
    local dist zip tmp
    dist=$(es_dist_cache)
    [[ -x $dist/bin/elasticsearch ]] && return 0
    command -v mvn >/dev/null || die "mvn not found"
    mkdir -p "$CACHE/downloads"
    zip="$CACHE/downloads/elasticsearch-$ES_VERSION.zip"
    if [[ ! -s $zip ]]; then
        say "downloading Elasticsearch $ES_VERSION (integ-test-zip) from Maven Central"
        mvn -q -B "$MVN_DEP_PLUGIN:copy" \
            -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
            -DoutputDirectory="$CACHE/downloads" -Dmdep.overWriteReleases=true >"$CACHE/downloads/mvn-es.log" 2>&1 ||
            die_log "mvn could not fetch elasticsearch $ES_VERSION" "$CACHE/downloads/mvn-es.log"
    fi
    say "unpacking Elasticsearch $ES_VERSION into $dist"
    tmp=$(mktemp -d "$CACHE/.es-unzip.XXXXXX")
    unzip -q "$zip" -d "$tmp" || { rm -rf "$tmp"; die "unzip $zip failed"; }
    rm -rf "$dist"
    mv "$tmp/elasticsearch-$ES_VERSION" "$dist"
    rm -rf "$tmp"
    chmod -R a+rX "$dist"
}

# JDK for ES: $ES_JAVA_HOME, else java-17-openjdk, else any JDK >= 17 in /usr/lib/jvm
es_java_home() {
    local dist=$1 cand
    local cands=()
    [[ -n ${ES_JAVA_HOME:-} ]] && cands+=("$ES_JAVA_HOME")
    cands+=(/usr/lib/jvm/java-17-openjdk-*)
    cands+=(/usr/lib/jvm/*)
    for cand in "${cands[@]}"; do
        [[ -x $cand/bin/java && ! -L $cand ]] || continue
        if "$cand/bin/java" -cp "$dist/lib/java-version-checker/*" \
            org.elasticsearch.tools.java_version_checker.JavaVersionChecker >/dev/null 2>&1; then
            echo "$cand"
            return 0
        fi
    done
    return 1
}

ensure_es_user() {
    id -u "$ES_USER" >/dev/null 2>&1 && return 0
    say "creating system user $ES_USER (Elasticsearch refuses to run as root)"
    useradd --system --user-group --home-dir /nonexistent --no-create-home \
        --shell /usr/sbin/nologin "$ES_USER"
}

# (no `curl | grep -q` anywhere: with pipefail, grep exiting early makes curl
# fail with SIGPIPE and the check fails at random)
# NB: GET / and HEAD / (es.info(), es.ping()) answer 405 in this distribution:
# the rest-root module is not in the integ-test zip. Ask _nodes instead.
es_version() {
    local body
    body=$(curl -fsS --max-time 5 "$ELASTICSEARCH_URL/_nodes/_local?filter_path=nodes.*.version" 2>/dev/null) || return 1
    [[ $body =~ \"version\":\"([0-9][^\"]*)\" ]] || return 1
    echo "${BASH_REMATCH[1]}"
}
es_answers() { local v; v=$(es_version) && [[ $v == 8.* ]]; }
es_healthy() { curl -fsS --max-time 10 "$ELASTICSEARCH_URL/_cluster/health?wait_for_status=yellow&timeout=5s" >/dev/null 2>&1; }
es_pid() { live_pid "$ES_PIDFILE" org.elasticsearch; }

es_up() {
    if es_pid >/dev/null && es_answers; then
        say "elasticsearch already running (pid $(es_pid)) on $HOST:$ES_PORT"
        es_wait_ready
        return 0
    fi
    if ! es_pid >/dev/null && { port_open "$ES_PORT" || port_open "$ES_TRANSPORT_PORT"; }; then
        es_answers || die "port $HOST:$ES_PORT or $ES_TRANSPORT_PORT is taken by something that is not Elasticsearch 8; stop it or set ES_PORT/ES_TRANSPORT_PORT"
        say "reusing elasticsearch already answering on $HOST:$ES_PORT (not started from $STATE)"
        es_wait_ready
        return 0
    fi
    if es_pid >/dev/null; then
        # started earlier, still booting
        say "elasticsearch (pid $(es_pid)) is starting; waiting"
        es_wait_ready
        return 0
    fi
    es_fetch
    ensure_es_user
    local dist home java_home
    dist=$(es_dist_cache)
    java_home=$(es_java_home "$dist") || die "no JDK >= 17 accepted by Elasticsearch found in /usr/lib/jvm (set ES_JAVA_HOME)"
    mkdir -p "$ES_DIR"/{data,logs,run,tmp}
    chmod 755 "$STATE"
    # The elastic user must read ES_HOME; the cache may sit under a private
    # $HOME (/root is 0700), so run from a hard-linked copy in the state dir
    # when it can't.
    home=$dist
    if ! as_user "$ES_USER" test -r "$dist/lib/elasticsearch-$ES_VERSION.jar"; then
        home="$ES_DIR/home-$ES_VERSION"
        if [[ ! -x $home/bin/elasticsearch ]]; then
            rm -rf "$ES_DIR"/home-*
            cp -al "$dist" "$home" 2>/dev/null || { rm -rf "$home"; cp -a "$dist" "$home"; }
        fi
    fi
    es_write_config "$dist"
    # writable state for the elastic user (never the dist tree: it may be hard
    # links into the cache)
    chown -R "$ES_USER:" "$ES_CONF" "$ES_DIR"/{data,logs,run,tmp}
    check_user_dir "$ES_USER" "$ES_DIR/data"
    as_user "$ES_USER" test -r "$home/lib/elasticsearch-$ES_VERSION.jar" ||
        die "user $ES_USER cannot read $home; set MARKET_STATE to a world-traversable path"

    say "starting elasticsearch $ES_VERSION on $HOST:$ES_PORT (JDK $java_home)"
    rm -f "$ES_PIDFILE"
    # -d daemonises once the node has started (or failed to)
    if ! (cd "$ES_DIR" && runuser -u "$ES_USER" -- env -i \
        PATH=/usr/local/bin:/usr/bin:/bin HOME="$ES_DIR" LANG=C.UTF-8 \
        ES_HOME="$home" ES_PATH_CONF="$ES_CONF" ES_JAVA_HOME="$java_home" ES_TMPDIR="$ES_DIR/tmp" \
        "$home/bin/elasticsearch" -d -p "$ES_PIDFILE" >"$ES_LAUNCH_LOG" 2>&1) 9>&-; then
        cat "$ES_LAUNCH_LOG" >&2
        die_log "elasticsearch failed to start" "$ES_LOG"
    fi
    es_wait_ready
}

es_wait_ready() {
    local log=$ES_LOG
    [[ -f $log ]] || log=$ES_LAUNCH_LOG
    wait_for "$ES_TIMEOUT" es_healthy || die_log "elasticsearch did not reach yellow health on $ELASTICSEARCH_URL within ${ES_TIMEOUT}s" "$log"
}

es_write_config() {
    local dist=$1
    if [[ ! -f $ES_CONF/.version || $(cat "$ES_CONF/.version") != "$ES_VERSION" ]]; then
        rm -rf "$ES_CONF"
        cp -a "$dist/config" "$ES_CONF"
        echo "$ES_VERSION" >"$ES_CONF/.version"
    fi
    mkdir -p "$ES_CONF/jvm.options.d"
    # rewritten at every start so port changes apply
    cat >"$ES_CONF/elasticsearch.yml" <<EOF
# written by scripts/services.sh -- single-node test cluster on loopback
cluster.name: cho-tinh
node.name: cho-tinh-test
path.data: $ES_DIR/data
path.logs: $ES_DIR/logs
network.host: $HOST
http.port: $ES_PORT
transport.port: $ES_TRANSPORT_PORT
discovery.type: single-node
xpack.security.enabled: false
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
xpack.ml.enabled: false
EOF
    # This distribution has only the apm, transport-netty4, x-pack-core and
    # x-pack-security modules; xpack.ml.enabled is still accepted (x-pack-core
    # registers it). Settings of absent modules (e.g. ingest.geoip.*) would be
    # rejected as "unknown setting" -- don't add them.
    printf '%s\n' '-Xms512m' '-Xmx512m' >"$ES_CONF/jvm.options.d/heap.options"
}

es_down() {
    local pid
    if pid=$(es_pid); then
        say "stopping elasticsearch (pid $pid)"; STOPPED=$((STOPPED + 1))
        stop_pid "$pid" 90 elasticsearch
        rm -f "$ES_PIDFILE"
    fi
}

# ---- stripe-mock ------------------------------------------------------------
STRIPE_DIR="$STATE/stripe-mock"
STRIPE_PIDFILE="$STRIPE_DIR/stripe-mock.pid"
STRIPE_LOG="$STRIPE_DIR/stripe-mock.log"

stripe_bin() { echo "$CACHE/stripe-mock-$STRIPE_MOCK_VERSION/bin/stripe-mock"; }

stripe_answers() {
    local body
    body=$(curl -fsS --max-time 5 -H "Authorization: Bearer sk_test_123" "$STRIPE_API_BASE/v1/customers" 2>/dev/null) || return 1
    [[ $body == *'"object"'* ]]
}
stripe_pid() { live_pid "$STRIPE_PIDFILE" stripe-mock; }

stripe_up() {
    if stripe_pid >/dev/null && stripe_answers; then
        say "stripe-mock already running (pid $(stripe_pid)) on $HOST:$STRIPE_MOCK_PORT"
        return 0
    fi
    if ! stripe_pid >/dev/null && port_open "$STRIPE_MOCK_PORT"; then
        stripe_answers || die "port $HOST:$STRIPE_MOCK_PORT is taken by something that is not stripe-mock; stop it or set STRIPE_MOCK_PORT"
        say "reusing stripe-mock already answering on $HOST:$STRIPE_MOCK_PORT (not started from $STATE)"
        return 0
    fi
    local bin pid
    bin=$(stripe_bin)
    if [[ ! -x $bin ]]; then
        command -v go >/dev/null || die "go not found (needed to build stripe-mock)"
        say "building stripe-mock $STRIPE_MOCK_VERSION (go install)"
        mkdir -p "$(dirname "$bin")"
        GOBIN="$(dirname "$bin")" GOFLAGS=-mod=mod go install "github.com/stripe/stripe-mock@$STRIPE_MOCK_VERSION" ||
            die "go install github.com/stripe/stripe-mock@$STRIPE_MOCK_VERSION failed"
    fi
    mkdir -p "$STRIPE_DIR"
    if ! pid=$(stripe_pid); then
        say "starting stripe-mock $STRIPE_MOCK_VERSION on $HOST:$STRIPE_MOCK_PORT"
        # stripe-mock v0.203.0 still opens its default HTTPS listener on
        # *:12112 (all interfaces) when only -http-addr is given, and refuses
        # -http with -http-addr: so pin HTTPS to a loopback port the kernel picks.
        nohup "$bin" -http-addr "$HOST:$STRIPE_MOCK_PORT" -https-addr "$HOST:0" \
            >"$STRIPE_LOG" 2>&1 </dev/null 9>&- &
        echo $! >"$STRIPE_PIDFILE"
    fi
    wait_for "$STRIPE_TIMEOUT" stripe_answers || die_log "stripe-mock does not answer on $STRIPE_API_BASE within ${STRIPE_TIMEOUT}s" "$STRIPE_LOG"
}

stripe_down() {
    local pid
    if pid=$(stripe_pid); then
        say "stopping stripe-mock (pid $pid)"; STOPPED=$((STOPPED + 1))
        stop_pid "$pid" 15 stripe-mock
    fi
    rm -f "$STRIPE_PIDFILE"
}

# ---- Redis ------------------------------------------------------------------
REDIS_DIR="$STATE/redis"
REDIS_PIDFILE="$REDIS_DIR/redis.pid"
REDIS_LOG="$REDIS_DIR/redis.log"

redis_answers() { [[ $(redis-cli -h "$HOST" -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }
redis_pid() { live_pid "$REDIS_PIDFILE" redis-server; }

redis_up() {
    if redis_pid >/dev/null && redis_answers; then
        say "redis already running (pid $(redis_pid)) on $HOST:$REDIS_PORT"
        return 0
    fi
    if ! redis_pid >/dev/null && port_open "$REDIS_PORT"; then
        redis_answers || die "port $HOST:$REDIS_PORT is taken by something that is not redis; stop it or set REDIS_PORT"
        say "reusing redis already answering on $HOST:$REDIS_PORT (not started from $STATE)"
        return 0
    fi
    mkdir -p "$REDIS_DIR"
    if ! redis_pid >/dev/null; then
        say "starting redis on $HOST:$REDIS_PORT"
        rm -f "$REDIS_PIDFILE"
        # shellcheck disable=SC2094  # startup errors go to stderr, before --logfile applies
        # persistence (AOF, fsync every second) from scripts/redis.conf, as production
        redis-server "$REPO_ROOT/scripts/redis.conf" --port "$REDIS_PORT" --bind "$HOST" \
            --daemonize yes --pidfile "$REDIS_PIDFILE" --logfile "$REDIS_LOG" --dir "$REDIS_DIR" \
            >>"$REDIS_LOG" 2>&1 9>&- ||
            die_log "redis-server failed to start" "$REDIS_LOG"
    fi
    wait_for "$REDIS_TIMEOUT" redis_answers || die_log "redis does not answer PING on $HOST:$REDIS_PORT within ${REDIS_TIMEOUT}s" "$REDIS_LOG"
}

redis_down() {
    local pid
    if pid=$(redis_pid); then
        say "stopping redis (pid $pid)"; STOPPED=$((STOPPED + 1))
        stop_pid "$pid" 15 redis
    fi
    rm -f "$REDIS_PIDFILE"
}

# ---- S3-compatible object storage: rclone serve s3 ---------------------------
# Serves $S3_DIR/data over S3 on loopback (each top-level folder is a bucket); the
# tests make their own bucket per run. Built once with `go install`, cached like
# stripe-mock (about five minutes to build).
S3_PORT="${S3_PORT:-59010}"
S3_ACCESS_KEY="${S3_ACCESS_KEY:-cho-tinh-test}"
S3_SECRET_KEY="${S3_SECRET_KEY:-cho-tinh-test-secret}"
S3_ENDPOINT_URL="http://$HOST:$S3_PORT"
S3_DIR="$STATE/s3"
S3_PIDFILE="$S3_DIR/rclone.pid"
S3_LOG="$S3_DIR/rclone.log"
S3_TIMEOUT="${S3_TIMEOUT:-60}"

rclone_bin() { echo "$CACHE/rclone-$RCLONE_VERSION/bin/rclone"; }

# any HTTP answer (an unsigned request gets 403 AccessDenied) means it listens
s3_answers() {
    local code
    code=$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' "$S3_ENDPOINT_URL/" 2>/dev/null) || return 1
    [[ $code =~ ^[2-4][0-9][0-9]$ ]]
}
s3_pid() { live_pid "$S3_PIDFILE" rclone; }

s3_up() {
    if s3_pid >/dev/null && s3_answers; then
        say "rclone s3 already running (pid $(s3_pid)) on $HOST:$S3_PORT"
        return 0
    fi
    if ! s3_pid >/dev/null && port_open "$S3_PORT"; then
        die "port $HOST:$S3_PORT is taken by something not started from $STATE; stop it or set S3_PORT"
    fi
    local bin
    bin=$(rclone_bin)
    if [[ ! -x $bin ]]; then
        command -v go >/dev/null || die "go not found (needed to build rclone)"
        say "building rclone $RCLONE_VERSION (go install, about five minutes)"
        mkdir -p "$(dirname "$bin")"
        GOBIN="$(dirname "$bin")" GOFLAGS=-mod=mod go install "github.com/rclone/rclone@$RCLONE_VERSION" ||
            die "go install github.com/rclone/rclone@$RCLONE_VERSION failed"
    fi
    mkdir -p "$S3_DIR/data"
    chmod 700 "$S3_DIR"
    if ! s3_pid >/dev/null; then
        say "starting rclone serve s3 $RCLONE_VERSION on $HOST:$S3_PORT"
        nohup "$bin" serve s3 "$S3_DIR/data" --addr "$HOST:$S3_PORT" \
            --auth-key "$S3_ACCESS_KEY,$S3_SECRET_KEY" --config /dev/null \
            >"$S3_LOG" 2>&1 </dev/null 9>&- &
        echo $! >"$S3_PIDFILE"
    fi
    wait_for "$S3_TIMEOUT" s3_answers || die_log "rclone does not answer on $S3_ENDPOINT_URL within ${S3_TIMEOUT}s" "$S3_LOG"
}

s3_down() {
    local pid
    if pid=$(s3_pid); then
        say "stopping rclone s3 (pid $pid)"; STOPPED=$((STOPPED + 1))
        stop_pid "$pid" 15 rclone
    fi
    rm -f "$S3_PIDFILE"
}

# ---- nginx (installed only) ---------------------------------------------------
# The deploy tests start their own nginx on loopback with deploy/nginx/cho-tinh.conf;
# the Debian service is never started (policy-rc.d during install, disabled after).
NGINX_PATH="${NGINX_PATH:-/usr/sbin/nginx}"
nginx_install_wanted() { [[ -x $NGINX_PATH ]] && command -v openssl >/dev/null; }

nginx_check() {
    [[ -x $NGINX_PATH ]] || die "$NGINX_PATH missing"
    say "nginx ready at $NGINX_PATH ($("$NGINX_PATH" -v 2>&1 | head -n1))"
}

# ---- Chromium ---------------------------------------------------------------
chromium_check() {
    [[ -x $CHROMIUM_PATH ]] || die "$CHROMIUM_PATH missing"
    local profile out
    profile=$(mktemp -d)
    out=$(timeout 60 "$CHROMIUM_PATH" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --dump-dom about:blank 2>"$profile.err") || true
    if [[ $out != *"<html>"* ]]; then
        cat "$profile.err" >&2
        rm -rf "$profile" "$profile.err"
        die "headless chromium at $CHROMIUM_PATH did not render about:blank"
    fi
    rm -rf "$profile" "$profile.err"
    say "chromium ready at $CHROMIUM_PATH ($("$CHROMIUM_PATH" --version 2>/dev/null | head -n1))"
}

# ---- subcommands ------------------------------------------------------------
normalize() {
    case $1 in
        pg | postgres | postgresql) echo pg ;;
        es | elasticsearch) echo es ;;
        stripe | stripe-mock) echo stripe ;;
        redis) echo redis ;;
        chromium | chrome) echo chromium ;;
        s3 | rclone) echo s3 ;;
        nginx) echo nginx ;;
        *) die "unknown service '$1' (expected: pg es stripe redis chromium s3 nginx)" ;;
    esac
}

# Serialise up/down per state dir. Every daemon is started with `9>&-` so it
# does not inherit (and hold forever) the lock fd.
with_lock() {
    mkdir -p "$STATE"
    exec 9>"$STATE/.lock"
    if ! flock -n 9; then
        say "waiting for another services.sh run on $STATE"
        flock -w 900 9 || die "another services.sh still holds $STATE/.lock after 900s"
    fi
}

cmd_up() {
    need_root
    local svcs=() s
    if (($#)); then for s in "$@"; do svcs+=("$(normalize "$s")"); done; else svcs=("${ALL_SERVICES[@]}"); fi
    mkdir -p "$STATE" "$CACHE"
    chmod 755 "$STATE"
    with_lock
    install_packages "${svcs[@]}"
    local t0
    for s in "${svcs[@]}"; do
        t0=$SECONDS
        case $s in
            pg) pg_up; say "postgres ready on $HOST:$PG_PORT ($((SECONDS - t0))s)" ;;
            es) es_up; say "elasticsearch $(es_version) ready on $HOST:$ES_PORT ($((SECONDS - t0))s)" ;;
            stripe) stripe_up; say "stripe-mock ready on $HOST:$STRIPE_MOCK_PORT ($((SECONDS - t0))s)" ;;
            redis) redis_up; say "redis ready on $HOST:$REDIS_PORT ($((SECONDS - t0))s)" ;;
            chromium) chromium_check ;;
            s3) s3_up; say "rclone s3 ready on $HOST:$S3_PORT ($((SECONDS - t0))s)" ;;
            nginx) nginx_check ;;
        esac
    done
}

cmd_down() {
    [[ -d $STATE ]] || { say "nothing to stop ($STATE does not exist)"; return 0; }
    with_lock
    STOPPED=0
    s3_down
    stripe_down
    redis_down
    es_down
    pg_down
    if ((STOPPED)); then
        say "stopped $STOPPED service(s) started from $STATE"
    else
        say "nothing started from $STATE was running (services started elsewhere are left alone)"
    fi
}

cmd_env() {
    cat <<EOF
export DATABASE_URL=$DATABASE_URL
export ELASTICSEARCH_URL=$ELASTICSEARCH_URL
export STRIPE_API_BASE=$STRIPE_API_BASE
export REDIS_URL=$REDIS_URL
export CHROMIUM_PATH=$CHROMIUM_PATH
export TEST_S3_ENDPOINT_URL=$S3_ENDPOINT_URL
export TEST_S3_ACCESS_KEY=$S3_ACCESS_KEY
export TEST_S3_SECRET_KEY=$S3_SECRET_KEY
export NGINX_PATH=$NGINX_PATH
EOF
}

status_line() {
    local name=$1 addr=$2 pid=$3 answers=$4
    if ((answers)); then
        if [[ -n $pid ]]; then
            printf '%-14s up    %-22s pid %s\n' "$name" "$addr" "$pid"
        else
            printf '%-14s up    %-22s (not started from %s)\n' "$name" "$addr" "$STATE"
        fi
    else
        if [[ -n $pid ]]; then
            printf '%-14s down  %-22s pid %s alive but not answering\n' "$name" "$addr" "$pid"
        else
            printf '%-14s down  %s\n' "$name" "$addr"
        fi
    fi
}

cmd_status() {
    local a
    a=0; command -v psql >/dev/null && pg_answers && a=1
    status_line postgres "$HOST:$PG_PORT" "$(pg_pid || true)" $a
    a=0; es_answers && a=1
    status_line elasticsearch "$HOST:$ES_PORT" "$(es_pid || true)" $a
    a=0; stripe_answers && a=1
    status_line stripe-mock "$HOST:$STRIPE_MOCK_PORT" "$(stripe_pid || true)" $a
    a=0; command -v redis-cli >/dev/null && redis_answers && a=1
    status_line redis "$HOST:$REDIS_PORT" "$(redis_pid || true)" $a
    a=0; s3_answers && a=1
    status_line rclone-s3 "$HOST:$S3_PORT" "$(s3_pid || true)" $a
    if [[ -x $NGINX_PATH ]]; then
        printf '%-14s inst  %s\n' nginx "$NGINX_PATH"
    else
        printf '%-14s down  %s (not installed)\n' nginx "$NGINX_PATH"
    fi
    if [[ -x $CHROMIUM_PATH ]]; then
        printf '%-14s up    %s\n' chromium "$CHROMIUM_PATH"
    else
        printf '%-14s down  %s (not installed)\n' chromium "$CHROMIUM_PATH"
    fi
}

usage() {
    sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

main() {
    local cmd=${1:-}
    (($#)) && shift
    case $cmd in
        up) cmd_up "$@" ;;
        down | stop) cmd_down ;;
        env) cmd_env ;;
        status) cmd_status ;;
        -h | --help | help) usage ;;
        *) usage >&2; exit 2 ;;
    esac
}

main "$@"
