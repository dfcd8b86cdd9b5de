#!/usr/bin/env bash
# Startup time and memory of the app versus the same Liberty with an empty WAR.
#
# Measures, per start:
#   ready_s  seconds from just before `bin/server start NAME` until GET /health/ready answers 200
#            (polled every 100 ms, concurrently with `server start`)
#   rss_MiB  VmRSS of the Liberty JVM (pid from usr/servers/.pid/NAME.pid) right after readiness
#   hwm_MiB  VmHWM (peak RSS so far) of the same process, for reference
#
# Two servers are cloned from the `connections` server that the liberty-maven-plugin lays down:
#   bench-app    the real WAR, same server.xml / jvm.options / lib/jdbc
#   bench-empty  same everything, but apps/connections.war is an empty WAR (only WEB-INF/web.xml)
#
# Modes (app and empty runs alternate, so machine noise hits both alike):
#   fresh  workarea/, data/ (Derby DB), tranlog/, resources/ (LTPA keys) and logs/ deleted and
#          `server start --clean`: a first start; the app runs its Flyway migrations on a new
#          Derby database, both servers create LTPA keys
#   warm   plain `server start` of the server just stopped: workarea caches, Derby DB kept
#          (an ordinary restart); skip with WARM_RUNS=0
#
# Usage (from anywhere; paths default relative to this script's repo root):
#   mvn -B -q pre-integration-test -DskipTests     # lays down target/liberty/wlp and the WAR
#   bench/startup-benchmark.sh [WLP_DIR]           # default WLP_DIR: <repo>/target/liberty/wlp
# Environment: RUNS (5), WARM_RUNS (RUNS), START_TIMEOUT (180 s),
#   APP_HTTP_PORT/APP_HTTPS_PORT (19080/19443), EMPTY_HTTP_PORT/EMPTY_HTTPS_PORT (19081/19444)
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
WLP=$(cd "${1:-$REPO_ROOT/target/liberty/wlp}" && pwd)
TEMPLATE=${TEMPLATE:-connections}
RUNS=${RUNS:-5}
WARM_RUNS=${WARM_RUNS:-$RUNS}
START_TIMEOUT=${START_TIMEOUT:-180}
APP_HTTP_PORT=${APP_HTTP_PORT:-19080};     APP_HTTPS_PORT=${APP_HTTPS_PORT:-19443}
EMPTY_HTTP_PORT=${EMPTY_HTTP_PORT:-19081}; EMPTY_HTTPS_PORT=${EMPTY_HTTPS_PORT:-19444}

SERVERS_DIR=$WLP/usr/servers
TEMPLATE_DIR=$SERVERS_DIR/$TEMPLATE
[[ -x $WLP/bin/server ]] || { echo "No Liberty at $WLP (run: mvn -B -q pre-integration-test -DskipTests)" >&2; exit 2; }
[[ -f $TEMPLATE_DIR/apps/connections.war ]] || { echo "No $TEMPLATE_DIR/apps/connections.war" >&2; exit 2; }

declare -A HTTP_PORT=([bench-app]=$APP_HTTP_PORT [bench-empty]=$EMPTY_HTTP_PORT)
declare -A HTTPS_PORT=([bench-app]=$APP_HTTPS_PORT [bench-empty]=$EMPTY_HTTPS_PORT)
RUNNING=()

now() { echo "$EPOCHREALTIME"; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
log_tail() { tail -n 40 "$SERVERS_DIR/$1/logs/messages.log" 2>/dev/null || tail -n 40 "$SERVERS_DIR/$1.console" 2>/dev/null || true; }

server_pid() {
    local f=$SERVERS_DIR/.pid/$1.pid
    [[ -f $f ]] && tr -d '[:space:]' < "$f"
}

stop_server() {
    local name=$1 pid
    pid=$(server_pid "$name" || true)
    timeout 180 "$WLP/bin/server" stop "$name" >>"$SERVERS_DIR/$name.console" 2>&1 || true
    if [[ -n ${pid:-} ]] && kill -0 "$pid" 2>/dev/null; then
        echo "  $name (pid $pid) still alive after stop; killing it" >&2
        kill -9 "$pid" 2>/dev/null || true
    fi
}

cleanup() {
    local s
    for s in "${RUNNING[@]:-}"; do [[ -n $s ]] && stop_server "$s"; done
    rm -rf "${EMPTY_WORK:-}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

lay_down() {   # NAME WAR
    local name=$1 war=$2 dir=$SERVERS_DIR/$1
    stop_server "$name" 2>/dev/null || true
    rm -rf "$dir" "$SERVERS_DIR/$name.console"
    mkdir -p "$dir"
    (cd "$TEMPLATE_DIR" && tar --exclude=./logs --exclude=./workarea --exclude=./data \
        --exclude=./tranlog --exclude=./resources -cf - .) | (cd "$dir" && tar -xf -)
    cp "$war" "$dir/apps/connections.war"
    printf 'HTTP_PORT=%s\nHTTPS_PORT=%s\n' "${HTTP_PORT[$name]}" "${HTTPS_PORT[$name]}" > "$dir/server.env"
}

# An empty WAR: nothing but an empty Servlet 6.0 web.xml.
EMPTY_WORK=$(mktemp -d)
mkdir -p "$EMPTY_WORK/war/WEB-INF"
cat > "$EMPTY_WORK/war/WEB-INF/web.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0"/>
EOF
if command -v jar >/dev/null; then
    jar --create --file "$EMPTY_WORK/connections.war" -C "$EMPTY_WORK/war" .
else
    (cd "$EMPTY_WORK/war" && zip -qr "$EMPTY_WORK/connections.war" .)
fi

lay_down bench-app "$TEMPLATE_DIR/apps/connections.war"
lay_down bench-empty "$EMPTY_WORK/connections.war"

RESULTS=()   # "mode name run ready_s rss_kB hwm_kB"
FAILED=0

measure() {   # MODE NAME RUN
    local mode=$1 name=$2 run=$3 dir=$SERVERS_DIR/$2 port=${HTTP_PORT[$2]}
    local args=() t0 t1 code pid rss hwm start_pid deadline
    if port_in_use "$port"; then
        echo "port $port is already in use; set APP_HTTP_PORT/EMPTY_HTTP_PORT" >&2; exit 2
    fi
    if [[ $mode == fresh ]]; then
        rm -rf "$dir/workarea" "$dir/data" "$dir/tranlog" "$dir/resources" "$dir/logs"
        args=(--clean)
    fi
    sync
    t0=$(now)
    "$WLP/bin/server" start "$name" "${args[@]}" >>"$SERVERS_DIR/$name.console" 2>&1 &
    start_pid=$!
    RUNNING+=("$name")
    deadline=$(awk -v t="$t0" -v s="$START_TIMEOUT" 'BEGIN { printf "%.3f", t + s }')
    code=000
    while :; do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/health/ready" || true)
        [[ $code == 200 ]] && break
        if awk -v n="$(now)" -v d="$deadline" 'BEGIN { exit !(n > d) }'; then break; fi
        sleep 0.1
    done
    t1=$(now)
    pid=$(server_pid "$name" || true)
    rss=NA; hwm=NA
    if [[ $code == 200 && -n $pid && -r /proc/$pid/status ]]; then
        rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
        hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")
    fi
    wait "$start_pid" || true
    if [[ $code == 200 && $rss != NA ]]; then
        local secs
        secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
        RESULTS+=("$mode $name $run $secs $rss $hwm")
        # Liberty's own view, from the last launch in messages.log (for reference only)
        local lib
        lib=$(awk '/CWWKE0001I/ { a = s = "?" } /CWWKZ0001I/ { a = $(NF-1) } /CWWKF0011I/ { s = $(NF-1) } END { printf "liberty: app started in %s s, server in %s s", a, s }' "$dir/logs/messages.log" 2>/dev/null || true)
        printf '  %-5s %-11s run %d  ready %6.2f s  rss %7.1f MiB  hwm %7.1f MiB  (%s)\n' \
            "$mode" "$name" "$run" "$secs" "$(awk -v k="$rss" 'BEGIN{print k/1024}')" "$(awk -v k="$hwm" 'BEGIN{print k/1024}')" "$lib"
    else
        FAILED=$((FAILED + 1))
        RESULTS+=("$mode $name $run NA NA NA")
        echo "  $mode $name run $run: not ready within ${START_TIMEOUT}s (last status $code, pid ${pid:-none})" >&2
        log_tail "$name" >&2
    fi
    stop_server "$name"
    RUNNING=("${RUNNING[@]/$name}")
}

echo "== Startup benchmark: $(date -Is)"
echo "repo:    $REPO_ROOT ($(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo "wlp:     $WLP ($(grep -h '^com.ibm.websphere.productVersion' "$WLP"/lib/versions/openliberty.properties 2>/dev/null | cut -d= -f2))"
echo "java:    $(java -version 2>&1 | head -1)  jvm.options: $(tr '\n' ' ' < "$TEMPLATE_DIR/jvm.options" 2>/dev/null | sed 's/#[^-]*//g')"
echo "app war: $(stat -c %s "$TEMPLATE_DIR/apps/connections.war") bytes; empty war: $(stat -c %s "$EMPTY_WORK/connections.war") bytes"
echo "machine: nproc=$(nproc), $(free -h | awk '/^Mem:/ { print "mem total " $2 ", available " $7 }')"
echo "load before: $(uptime)"
echo
echo "-- fresh starts (workarea, data/, tranlog/, resources/, logs/ deleted; server start --clean), $RUNS each, alternating"
for ((i = 1; i <= RUNS; i++)); do
    if ((i % 2)); then measure fresh bench-app "$i"; measure fresh bench-empty "$i"
    else measure fresh bench-empty "$i"; measure fresh bench-app "$i"; fi
done
if ((WARM_RUNS > 0)); then
    echo
    echo "-- warm restarts (workarea and Derby DB kept; plain server start), $WARM_RUNS each, alternating"
    for ((i = 1; i <= WARM_RUNS; i++)); do
        if ((i % 2)); then measure warm bench-app "$i"; measure warm bench-empty "$i"
        else measure warm bench-empty "$i"; measure warm bench-app "$i"; fi
    done
fi
echo
echo "load after:  $(uptime)"
echo

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "NA"; exit } if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
column_of() {   # MODE NAME FIELD(4=ready,5=rss,6=hwm)
    local r
    for r in "${RESULTS[@]}"; do echo "$r"; done | awk -v m="$1" -v n="$2" -v f="$3" '$1 == m && $2 == n && $f != "NA" { print $f }'
}

printf '%-6s %-8s %-30s %-42s\n' mode metric "per run (app)" "per run (empty)"
summary=()
for mode in fresh warm; do
    [[ $mode == warm && $WARM_RUNS -eq 0 ]] && continue
    for f in 4 5 6; do
        case $f in 4) metric=ready_s; conv='printf "%.2f", $1' ;; 5) metric=rss_MiB; conv='printf "%.0f", $1/1024' ;; 6) metric=hwm_MiB; conv='printf "%.0f", $1/1024' ;; esac
        a=$(column_of $mode bench-app $f | awk "{ $conv; printf \" \" }")
        e=$(column_of $mode bench-empty $f | awk "{ $conv; printf \" \" }")
        printf '%-6s %-8s %-30s %-42s\n' "$mode" "$metric" "$a" "$e"
        ma=$(column_of $mode bench-app $f | median)
        me=$(column_of $mode bench-empty $f | median)
        summary+=("$(awk -v mo="$mode" -v me="$metric" -v a="$ma" -v e="$me" -v f="$f" 'BEGIN {
            if (a == "NA" || e == "NA" || e == 0) { printf "%-6s %-8s %10s %10s %8s", mo, me, a, e, "NA"; exit }
            if (f == 4) printf "%-6s %-8s %10.2f %10.2f %8.2f", mo, me, a, e, a / e
            else printf "%-6s %-8s %10.0f %10.0f %8.2f", mo, me, a / 1024, e / 1024, a / e }')")
    done
done
echo
printf '%-6s %-8s %10s %10s %8s\n' mode metric "median app" "med empty" app/empty
printf '%s\n' "${summary[@]}"
((FAILED == 0)) || { echo "$FAILED start(s) failed" >&2; exit 1; }
