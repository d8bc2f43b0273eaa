# Set-up shared by the shell benchmarks. Source it after scripts/lib.sh; do not run it.
#
# bench_setup NAME sets:
#   finrca_bin   the finrca binary: $FINRCA_BIN, else .build/release/finrca (it must exist)
#   server_url   the private cluster's URL (started if needed); bin: its PostgreSQL binaries; admin: psql options
#   work         a fresh folder under /tmp
#   database     the name of a throwaway database (make it with bench_database); FINRCA_DATABASE_URL points at it
# and, on exit, runs bench_before_cleanup when the script defines it, stops nginx, drops the database and
# removes $work.

bench_setup() {
  finrca_bin="${FINRCA_BIN:-.build/release/finrca}"
  [ -x "$finrca_bin" ] || die "$finrca_bin not found (swift build -c release, or set FINRCA_BIN)"
  server_url="$(bash scripts/pg-start.sh)"
  bin="$(pg_bin)"
  admin=(-h 127.0.0.1 -p "$FINRCA_PG_PORT" -U finrca)
  work="$(mktemp -d "/tmp/finrca-bench-$1.XXXXXX")"
  database="finrca_bench_$1_$$"
  export FINRCA_DATABASE_URL="${server_url%/*}/$database"
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

bench_cleanup() {
  if declare -F bench_before_cleanup >/dev/null; then bench_before_cleanup; fi
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  "$bin/dropdb" "${admin[@]}" --if-exists --force "$database" 2>/dev/null || true
  rm -rf "$work"
}

# bench_database: (re)creates the throwaway database and migrates it.
bench_database() {
  "$bin/dropdb" "${admin[@]}" --if-exists --force "$database"
  "$bin/createdb" "${admin[@]}" "$database"
  "$finrca_bin" migrate >/dev/null
}

# free_port: a loopback port nobody listens on now (the kernel's choice).
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_nginx WORKERS HTTP_LINES: nginx (installed if missing) with a private configuration in $work: WORKERS worker
# processes and HTTP_LINES inside http { }. Its pid file, logs and temporary folders stay in $work.
start_nginx() {
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || apt_install nginx
  cat > "$work/nginx.conf" <<NGINX
worker_processes $1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx-body;
  proxy_temp_path $work/nginx-proxy;
  fastcgi_temp_path $work/nginx-fastcgi;
  uwsgi_temp_path $work/nginx-uwsgi;
  scgi_temp_path $work/nginx-scgi;
$2
}
NGINX
  "$(command -v nginx || echo /usr/sbin/nginx)" -e "$work/nginx-error.log" -c "$work/nginx.conf" -p "$work"
}
