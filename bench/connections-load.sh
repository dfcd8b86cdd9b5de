#!/usr/bin/env bash
# Load figures for the dashboard issue: throughput and p50/p99 of /connections for a signed-in user
# with a connected Evotor card, beside a static file served by the same server in the same run, and
# the number of SQL statements per page view (from PostgreSQL's statement log).
#
# Needs: a Liberty server laid down by `mvn -B -q pre-integration-test -DskipTests` (target/liberty/wlp
# with the server `connections`), PostgreSQL at 127.0.0.1:5432 with trust auth for user postgres, curl,
# wrk (installed with apt-get when missing) and read access to the PostgreSQL server log.
# Only loopback traffic; every loop and every run is bounded; the server and the database are removed
# on exit.
#
# Settings (environment): DB (load4), SERVER (load4), HTTP_PORT (19180), HTTPS_PORT (19543), both moved
# up to the next free port when taken, RUNS (3), DURATION (15s), WARMUP (10s), THREADS (2), CONNS (16),
# VIEWS (20, page views counted for SQL), STATIC_PATH (/jakarta.faces.resource/css/app.css.xhtml, the
# page's own stylesheet, public, requested without cookies), STATIC_COOKIE (0; 1 sends the signed-in
# cookies to the static file too, needed for a protected one such as /resources/images/evotor.svg),
# PG_LOG (/var/log/postgresql/postgresql-15-main.log), WLP (<repo>/target/liberty/wlp), KEEP (1 keeps
# the server directory and database for inspection).
#
# Each /connections run starts from a fresh sign-in: on Liberty 26.0.0.3 every request of a signed-in
# session (@AutoApplySession) adds an auth-cache entry whose LTPA token grows by ~12 bytes per earlier
# request of that session, so per-request cost and heap grow with the session's age (-Xmx512m ran out
# after ~10k requests of one session); runs are kept short (DURATION) for the same reason.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WLP=${WLP:-$ROOT/target/liberty/wlp}
TEMPLATE=connections
SERVER=${SERVER:-load4}
DB=${DB:-load4}
RUNS=${RUNS:-3}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-10s}
THREADS=${THREADS:-2}
CONNS=${CONNS:-16}
VIEWS=${VIEWS:-20}
STATIC_PATH=${STATIC_PATH:-/jakarta.faces.resource/css/app.css.xhtml}
STATIC_COOKIE=${STATIC_COOKIE:-0}
PG_LOG=${PG_LOG:-/var/log/postgresql/postgresql-15-main.log}
KEEP=${KEEP:-0}
PG=(-h 127.0.0.1 -p 5432 -U postgres)
TOKEN_KEY=dGVzdC1vbmx5LXRva2VuLWtleS0wMTIzNDU2Nzg5YWI=

WORK=$(mktemp -d /tmp/connections-load.XXXXXX)
JAR=$WORK/cookies.txt
SERVER_DIR=$WLP/usr/servers/$SERVER
STARTED=0

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

cleanup() {
    local rc=$?
    set +e
    if [[ $STARTED == 1 ]]; then
        log "stopping server $SERVER"
        stop_server
    fi
    if [[ $KEEP != 1 ]]; then
        psql "${PG[@]}" -d postgres -qAtc "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null 2>&1
        [[ -d $SERVER_DIR && $SERVER != "$TEMPLATE" ]] && rm -rf "$SERVER_DIR"
        rm -rf "$WORK"
    else
        log "kept: server $SERVER_DIR, database $DB, work files $WORK"
    fi
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- preconditions
[[ -d $WLP/usr/servers/$TEMPLATE/apps ]] || die "no Liberty server at $WLP/usr/servers/$TEMPLATE: run mvn -B -q pre-integration-test -DskipTests"
[[ $SERVER != "$TEMPLATE" ]] || die "SERVER must not be the template $TEMPLATE"
if ! command -v wrk >/dev/null; then
    log "installing wrk"
    apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
[[ -r $PG_LOG ]] || die "cannot read the PostgreSQL log $PG_LOG"
[[ $(psql "${PG[@]}" -d postgres -Atc "show log_line_prefix") == *%d* ]] \
    || die "log_line_prefix has no %d: statements of this database cannot be told apart"

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
    local p=$1 i
    for ((i = 0; i < 200; i++)); do
        port_free "$p" && { echo "$p"; return; }
        p=$((p + 1))
    done
    die "no free port from $1"
}
HTTP_PORT=$(free_port "${HTTP_PORT:-19180}")
HTTPS_PORT=$(free_port "${HTTPS_PORT:-19543}")
[[ $HTTP_PORT != "$HTTPS_PORT" ]] || HTTPS_PORT=$(free_port $((HTTPS_PORT + 1)))
BASE=http://127.0.0.1:$HTTP_PORT

# ---------------------------------------------------------------- database and server
log "database $DB (fresh)"
psql "${PG[@]}" -d postgres -qAtc "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null
createdb "${PG[@]}" "$DB"

log "server $SERVER on ports $HTTP_PORT/$HTTPS_PORT"
rm -rf "$SERVER_DIR"
mkdir -p "$SERVER_DIR"
(cd "$WLP/usr/servers/$TEMPLATE" && tar cf - --exclude=./logs --exclude=./workarea --exclude=./data \
    --exclude=./tranlog --exclude=./resources .) | (cd "$SERVER_DIR" && tar xf -)
cat >"$SERVER_DIR/server.env" <<EOF
HTTP_PORT=$HTTP_PORT
HTTPS_PORT=$HTTPS_PORT
DB_KIND=postgresql
DB_HOST=127.0.0.1
DB_PORT=5432
DB_NAME=$DB
DB_USER=postgres
DB_PASSWORD=x
TOKEN_KEY=$TOKEN_KEY
EVOTOR_SANDBOX_ENABLED=true
HEALTH_CHECK_ENABLED=false
EOF

start_server() {
    STARTED=1
    timeout 240 "$WLP/bin/server" start "$SERVER" >>"$WORK/server.console" 2>&1 \
        || { tail -40 "$SERVER_DIR/logs/messages.log" >&2 2>/dev/null; die "server start"; }
    local i code
    for ((i = 0; i < 360; i++)); do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE/health/ready" || true)
        [[ $code == 200 ]] && { log "ready"; return; }
        sleep 0.5
    done
    tail -40 "$SERVER_DIR/logs/messages.log" >&2 2>/dev/null
    die "/health/ready not 200 within 180 s (last $code)"
}
stop_server() {   # a clean stop, or kill -9 of this server's own process (e.g. after an OutOfMemoryError)
    local pid
    pid=$(cat "$WLP/usr/servers/.pid/$SERVER.pid" 2>/dev/null || true)
    if ! timeout 90 "$WLP/bin/server" stop "$SERVER" >>"$WORK/server.console" 2>&1 && [[ -n $pid ]]; then
        log "server $SERVER did not stop: kill -9 $pid"
        kill -9 "$pid" 2>/dev/null || true
        sleep 2
    fi
    STARTED=0
}

# curl with the cookie jar; prints the HTTP status, body to $WORK/body
c() { curl -s --max-time 30 -b "$JAR" -c "$JAR" -o "$WORK/body" -w '%{http_code}' "$@"; }

EMAIL=load-$$@example.com
PASSWORD=Load-test-password-1
sign_in() {
    rm -f "$JAR"
    local code
    code=$(c -X POST "$BASE/login" --data-urlencode login=login --data-urlencode "login:email=$EMAIL" \
        --data-urlencode "login:password=$PASSWORD" --data-urlencode login:submit= \
        --data-urlencode jakarta.faces.ViewState=stateless)
    [[ $code == 302 ]] || die "sign-in answered $code"
}
# The Cookie header for wrk from curl's jar (HttpOnly cookies are written as #HttpOnly_ lines).
cookie_header() {
    awk -F'\t' '{ sub(/^#HttpOnly_/, "", $1) } /^#/ || NF < 7 { next } { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$JAR"
}
# The header a browser would send: the sign-in cookie and the HTTP session (the page keeps its Faces
# view state in the session; a client without JSESSIONID would make a new session on every view).
session_cookie() {
    local code
    code=$(c "$BASE/connections")
    [[ $code == 200 ]] || die "GET /connections after sign-in answered $code"
    COOKIE=$(cookie_header)
    [[ $COOKIE == *JSESSIONID=* ]] || die "no JSESSIONID in the cookie jar: $COOKIE"
}
check_dashboard() {
    local code
    code=$(curl -s --max-time 30 -o "$WORK/page.html" -D "$WORK/page.headers" -w '%{http_code}' \
        -H "Cookie: $COOKIE" "$BASE/connections")
    [[ $code == 200 ]] || die "/connections with the cookie answered $code"
    grep -qi '^set-cookie: *JSESSIONID' "$WORK/page.headers" && die "/connections made a new session: cookie not taken"
    grep -q 'id="card-evotor"' "$WORK/page.html" || die "/connections has no card-evotor"
    grep -q 'id="connect-evotor"' "$WORK/page.html" && die "the Evotor card offers to connect: not connected"
    grep -q 'class="[^"]*disconnect"' "$WORK/page.html" || die "no disconnect button: card not connected"
    log "/connections: 200, card-evotor $(grep -o 'id="card-evotor" data-status="[^"]*"' "$WORK/page.html" | sed 's/.*data-status=//')"
}

log "PostgreSQL statement log off for $DB during the load runs"
start_server

log "register and sign in as $EMAIL"
code=$(c -X POST "$BASE/register" --data-urlencode register=register --data-urlencode "register:email=$EMAIL" \
    --data-urlencode "register:password=$PASSWORD" --data-urlencode "register:passwordAgain=$PASSWORD" \
    --data-urlencode register:submit= --data-urlencode jakarta.faces.ViewState=stateless)
[[ $code == 302 ]] || die "register answered $code"
sign_in

log "connect Evotor through the sandbox"
TOKEN=$(curl -s --max-time 30 -X POST "$BASE/evotor-sandbox/control/tokens" | jq -r .access_token)
[[ -n $TOKEN && $TOKEN != null ]] || die "no sandbox token"
code=$(c "$BASE/evotor")
[[ $code == 200 ]] || die "GET /evotor answered $code"
VIEWSTATE=$(grep -o 'name="jakarta.faces.ViewState"[^>]*value="[^"]*"' "$WORK/body" | head -1 | sed 's/.*value="//; s/"$//')
[[ -n $VIEWSTATE ]] || die "no ViewState on /evotor"
code=$(curl -s --max-time 30 -b "$JAR" -c "$JAR" -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' \
    -X POST "$BASE/evotor" --data-urlencode token=token --data-urlencode "token:accessToken=$TOKEN" \
    --data-urlencode token:submit= --data-urlencode "jakarta.faces.ViewState=$VIEWSTATE")
[[ $code == 302 ]] && grep -qi '^location:.*/connections' "$WORK/headers" || die "POST /evotor answered $code, not a redirect to /connections"

session_cookie
log "Cookie header: $(sed -E 's/=([^;]{12})[^;]*/=\1.../g' <<<"$COOKIE")"
check_dashboard

STATIC_SIGNED=$(curl -s --max-time 30 -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE$STATIC_PATH")
STATIC_ANON=$(curl -s --max-time 30 -o "$WORK/static" -w '%{http_code} %{content_type}' "$BASE$STATIC_PATH")
if [[ $STATIC_COOKIE == 1 ]]; then
    [[ $STATIC_SIGNED == 200 ]] || die "static $STATIC_PATH answered $STATIC_SIGNED signed in"
    STATIC_HOW="with the signed-in cookies"
else
    [[ ${STATIC_ANON%% *} == 200 ]] || die "static $STATIC_PATH answered $STATIC_ANON without sign-in (STATIC_COOKIE=1 for a protected file)"
    STATIC_HOW="without cookies"
fi
log "static file $STATIC_PATH: $(wc -c <"$WORK/static") bytes, $STATIC_SIGNED signed in, $STATIC_ANON without sign-in; /connections page $(wc -c <"$WORK/page.html") bytes"

# ---------------------------------------------------------------- load
cat >"$WORK/count.lua" <<'EOF'
-- Counts responses other than 200 by status (wrk itself counts 3xx as success, and a redirect to
-- /login would be one) and keeps the first such response's headers.
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non200 = 0; codes = ""; first = "" end
function response(status, headers, body)
    if status ~= 200 then
        non200 = non200 + 1
        if non200 <= 5 then codes = codes .. status .. " " end
        if first == "" then
            for k, v in pairs(headers) do first = first .. k .. ": " .. v .. "; " end
        end
    end
end
function done(summary, latency, requests)
    local n = 0
    for _, t in ipairs(threads) do
        n = n + t:get("non200")
        if t:get("non200") > 0 then
            io.write("first statuses: " .. t:get("codes") .. "\nfirst headers: " .. t:get("first") .. "\n")
        end
    end
    io.write(string.format("non200: %d\n", n))
end
EOF

# to_ms "5.23ms" -> 5.23
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000; printf "%.2f", n }'; }

# run_wrk NAME PATH DURATION [COOKIE] -> appends "rps p50 p99 requests" to $WORK/NAME.txt
run_wrk() {
    local name=$1 path=$2 duration=$3 cookie=${4:-} out rps p50 p99 bad n
    local header=()
    [[ -n $cookie ]] && header=(-H "Cookie: $cookie")
    out=$WORK/wrk-$name-$(date +%s%N).txt
    timeout 300 wrk -t"$THREADS" -c"$CONNS" -d"$duration" --timeout 10s --latency -s "$WORK/count.lua" \
        "${header[@]}" "$BASE$path" >"$out" 2>&1 || { cat "$out" >&2; die "wrk on $path"; }
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
    bad=$(awk '/^non200:/ { print $2 }' "$out")
    n=$(awk '/requests in/ { print $1 }' "$out")
    grep -q 'Socket errors' "$out" && log "  $(grep 'Socket errors' "$out")"
    [[ $bad == 0 ]] || { cat "$out" >&2; die "$bad responses other than 200 on $path"; }
    [[ ${n:-0} -gt 0 ]] || { cat "$out" >&2; die "no response at all on $path (see $SERVER_DIR/logs)"; }
    log "  $name $path: $rps req/s, p50 $p50 ms, p99 $p99 ms ($n requests)"
    echo "$rps $p50 $p99 $n" >>"$WORK/$name.txt"
}

STATIC_HDR=""
[[ $STATIC_COOKIE == 1 ]] && STATIC_HDR=$COOKIE
fresh_session() {   # a new sign-in for each /connections run (see the note at the top)
    sign_in
    session_cookie
    check_dashboard
    [[ $STATIC_COOKIE == 1 ]] && STATIC_HDR=$COOKIE
    return 0
}
log "warm-up $WARMUP each"
run_wrk warmup /connections "$WARMUP" "$COOKIE"
run_wrk warmup "$STATIC_PATH" "$WARMUP" "$STATIC_HDR"
rm -f "$WORK/warmup.txt"
for ((r = 1; r <= RUNS; r++)); do
    log "run $r/$RUNS: wrk -t$THREADS -c$CONNS -d$DURATION --latency"
    fresh_session
    run_wrk dynamic /connections "$DURATION" "$COOKIE"
    check_dashboard   # the session still holds after the run
    run_wrk static "$STATIC_PATH" "$DURATION" "$STATIC_HDR"
done

median() { # median of column $2 of file $1
    awk -v c="$2" '{ print $c }' "$1" | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
D_RPS=$(median "$WORK/dynamic.txt" 1); D_P50=$(median "$WORK/dynamic.txt" 2); D_P99=$(median "$WORK/dynamic.txt" 3)
S_RPS=$(median "$WORK/static.txt" 1); S_P50=$(median "$WORK/static.txt" 2); S_P99=$(median "$WORK/static.txt" 3)

# ---------------------------------------------------------------- SQL statements per page view
# log_statement is set for this database only; it reaches new connections, so the server restarts
# (its pool then opens new ones) and the user signs in again.
log "SQL count: log_statement=all for database $DB, restart"
stop_server
psql "${PG[@]}" -d postgres -qAtc "ALTER DATABASE \"$DB\" SET log_statement = 'all'" >/dev/null
start_server
sign_in
session_cookie
check_dashboard
for ((i = 0; i < 5; i++)); do curl -s -o /dev/null --max-time 30 -H "Cookie: $COOKIE" "$BASE/connections"; done

# The page's own sub-resources (stylesheets, scripts, images) as a browser would load them.
grep -oE '(src|href)="[^"]*(jakarta\.faces\.resource|/resources/)[^"]*"' "$WORK/page.html" \
    | sed -E 's/^(src|href)="//; s/"$//; s/&amp;/\&/g' | sort -u >"$WORK/subresources.txt"

NONCE=$$-$(date +%s%N)
marker() { psql "${PG[@]}" -d "$DB" -qAtc "SELECT 'load-marker-$1-$NONCE'" >/dev/null; }
# statements_between START END -> statement lines of database $DB between the two markers (markers excluded)
statements_between() {
    sleep 1
    awk -v db="postgres@$DB " -v s="load-marker-$1-$NONCE" -v e="load-marker-$2-$NONCE" '
        index($0, s) { on = 1; next }
        index($0, e) { on = 0; next }
        on && index($0, db) && $0 ~ / LOG:  (statement|execute [^:]*): / {
            sub(/.* LOG:  (statement|execute [^:]*): /, ""); print }' "$PG_LOG"
}
summarize() { # FILE VIEWS LABEL
    local total tx
    total=$(wc -l <"$1"); tx=$(grep -ciE '^(BEGIN|COMMIT|ROLLBACK)' "$1" || true)
    printf '%s: %d statements in %d views = %s per view (%s without BEGIN/COMMIT)\n' "$3" "$total" "$2" \
        "$(awk -v t="$total" -v n="$2" 'BEGIN { printf "%.2f", t / n }')" \
        "$(awk -v t="$total" -v x="$tx" -v n="$2" 'BEGIN { printf "%.2f", (t - x) / n }')"
    sed -E 's/\$[0-9]+/?/g' "$1" | sort | uniq -c | sort -rn | sed 's/^/    /'
}

marker idle-start; sleep 3; marker idle-end
marker doc-start
for ((i = 0; i < VIEWS; i++)); do
    code=$(curl -s -o /dev/null --max-time 30 -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE/connections")
    [[ $code == 200 ]] || die "page view $i answered $code"
done
marker doc-end
marker sub-start
for ((i = 0; i < VIEWS; i++)); do
    while read -r p; do
        [[ $p == http* ]] && p=${p#*://*/} && p=/$p
        curl -s -o /dev/null --max-time 30 -H "Cookie: $COOKIE" "$BASE$p"
    done <"$WORK/subresources.txt"
done
marker sub-end
statements_between idle-start idle-end >"$WORK/sql-idle.txt"
statements_between doc-start doc-end >"$WORK/sql-doc.txt"
statements_between sub-start sub-end >"$WORK/sql-sub.txt"
psql "${PG[@]}" -d postgres -qAtc "ALTER DATABASE \"$DB\" RESET log_statement" >/dev/null

# ---------------------------------------------------------------- report
{
    echo
    echo "== /connections vs static file, same server, same run ($(date -u +%FT%TZ))"
    echo "wrk -t$THREADS -c$CONNS -d$DURATION --latency, $RUNS runs each alternating, medians"
    echo "/connections: $(wc -c <"$WORK/page.html") bytes, Cookie JSESSIONID of a fresh sign-in per run, Evotor card connected"
    echo "static file: $STATIC_PATH ($(wc -c <"$WORK/static") bytes) $STATIC_HOW"
    printf '%-44s %10s %10s %10s\n' target req/s "p50 ms" "p99 ms"
    printf '%-44s %10s %10s %10s\n' /connections "$D_RPS" "$D_P50" "$D_P99"
    printf '%-44s %10s %10s %10s\n' "$STATIC_PATH" "$S_RPS" "$S_P50" "$S_P99"
    awk -v dr="$D_RPS" -v sr="$S_RPS" -v dp="$D_P50" -v sp="$S_P50" -v d9="$D_P99" -v s9="$S_P99" 'BEGIN {
        printf "ratio static/dynamic throughput: %.1fx; dynamic/static p50: %.1fx; p99: %.1fx\n", sr / dr, dp / sp, d9 / s9 }'
    echo "per run (req/s p50 p99 requests):"
    paste -d' ' <(sed 's/^/  dynamic /' "$WORK/dynamic.txt") <(sed 's/^/  | static /' "$WORK/static.txt")
    echo
    echo "== SQL statements per page view (PostgreSQL log_statement=all, database $DB)"
    summarize "$WORK/sql-doc.txt" "$VIEWS" "GET /connections (document only)"
    summarize "$WORK/sql-sub.txt" "$VIEWS" "its $(wc -l <"$WORK/subresources.txt") sub-resources"
    summarize "$WORK/sql-idle.txt" 1 "idle 3 s before the views (background, no request)"
    echo
    echo "machine: $(nproc) cores; uptime: $(uptime)"
} | tee "${REPORT:-/dev/null}"
