#!/usr/bin/env bash
# Runs the members of one cluster on this machine, all from the one runnable jar (liberty/README.md).
# Each member is `java -jar target/connections.jar` with cluster.env, its own member-*.env and the shared
# secrets, which are made once under target/two-servers. The script waits until every member's
# /health/ready is UP.
#
#   liberty/two-servers/run-two.sh                  run until Ctrl+C, which stops every member
#   liberty/two-servers/run-two.sh --check          stop the members once all are UP; exit 0 only then
#   liberty/two-servers/run-two.sh [--check] a.env b.env c.env    other members, or more of them
#                                     (a bare file name means a file beside this script)
#
# Needs `mvn -B -Prunnable package -DskipTests` (for the jar and target/liberty/wlp/bin/securityUtility),
# plus curl and openssl. If psql is there, it also creates the database when it is missing.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jar=$root/target/connections.jar
security_utility=$root/target/liberty/wlp/bin/securityUtility
state=${STATE_DIR:-$root/target/two-servers}
ready_timeout=${READY_TIMEOUT:-300}

check=false
if [ "${1:-}" = "--check" ]; then check=true; shift; fi
[ $# -gt 0 ] || set -- member-a.env member-b.env
members=()
for file in "$@"; do
    # A bare name means a file beside this script.
    [ -f "$file" ] || file=$here/$file
    [ -f "$file" ] || { echo "no member file $file" >&2; exit 1; }
    members+=("$file")
done

build_hint="build it first: mvn -B -Prunnable package -DskipTests"
[ -f "$jar" ] || { echo "$jar is missing; $build_hint" >&2; exit 1; }

# Exports the KEY=VALUE lines of an env file. With keep=true, a variable the caller already set wins.
load_env() {
    local file=$1 keep=$2 line key
    while IFS= read -r line || [ -n "$line" ]; do
        [[ $line =~ ^([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
        key=${BASH_REMATCH[1]}
        if [ "$keep" = true ] && [ -n "${!key+x}" ]; then continue; fi
        export "$key=${BASH_REMATCH[2]}"
    done < "$file"
}
load_env "$here/cluster.env" true

# What every member must share besides the database: the token key and the LTPA key file. Made once
# and kept: a new token key would leave the tokens already stored in the database unreadable.
mkdir -p "$state"
(
    umask 077
    [ -s "$state/token.key" ] || openssl rand -base64 32 > "$state/token.key"
    [ -s "$state/ltpa.password" ] || openssl rand -hex 16 > "$state/ltpa.password"
    if [ ! -s "$state/ltpa.keys" ]; then
        [ -x "$security_utility" ] || { echo "$security_utility is missing; $build_hint" >&2; exit 1; }
        "$security_utility" createLTPAKeys --file="$state/ltpa.keys" \
            --password="$(cat "$state/ltpa.password")" > /dev/null
    fi
)
export TOKEN_KEY=${TOKEN_KEY:-$(cat "$state/token.key")}
export LTPA_KEYS_FILE=$state/ltpa.keys
LTPA_KEYS_PASSWORD=$(cat "$state/ltpa.password")
export LTPA_KEYS_PASSWORD

if command -v psql > /dev/null; then
    psql_at=(psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -v ON_ERROR_STOP=1 -Atq)
    if [ "$(PGPASSWORD=$DB_PASSWORD "${psql_at[@]}" \
            -c "select count(*) from pg_database where datname = '$DB_NAME'")" = 0 ]; then
        PGPASSWORD=$DB_PASSWORD "${psql_at[@]}" -c "create database \"$DB_NAME\""
        echo "created database $DB_NAME"
    fi
fi

pids=() names=() ports=()
stop_all() {
    local pid
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2> /dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2> /dev/null || true; done
}
trap stop_all EXIT
trap 'exit 130' INT TERM

for file in "${members[@]}"; do
    name=$(basename "$file" .env)
    port=$(load_env "$file" false && echo "${HTTP_PORT:-9080}")
    # Something else answering on the port would pass for this member.
    if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
        echo "port $port ($name) is already in use" >&2
        exit 1
    fi
    dir=$state/$name
    rm -rf "$dir/extract"
    mkdir -p "$dir"
    (
        load_env "$file" false
        # The jar unpacks under WLP_JAR_EXTRACT_ROOT and removes that copy when the server stops;
        # logs and the work area go to WLP_OUTPUT_DIR, which stays.
        export WLP_OUTPUT_DIR=$dir/output WLP_JAR_EXTRACT_ROOT=$dir/extract
        exec java -jar "$jar"
    ) > "$dir/console.log" 2>&1 &
    pids+=($!) names+=("$name") ports+=("$port")
    echo "$name: starting on http://localhost:$port/ (log: $dir/output/connections/logs/messages.log)"
done

started=$SECONDS
for i in "${!pids[@]}"; do
    until curl -fs -m 2 "http://localhost:${ports[$i]}/health/ready" | grep -q '"status":"UP"'; do
        if ! kill -0 "${pids[$i]}" 2> /dev/null; then
            echo "${names[$i]} exited; see $state/${names[$i]}/console.log" >&2
            exit 1
        fi
        if (( SECONDS - started > ready_timeout )); then
            echo "${names[$i]} is not ready after ${ready_timeout} s" >&2
            exit 1
        fi
        sleep 1
    done
    echo "${names[$i]}: UP after $(( SECONDS - started )) s"
done

if $check; then
    echo "all ${#pids[@]} members UP; stopping them"
    exit 0
fi
echo "Ctrl+C stops every member."
wait
