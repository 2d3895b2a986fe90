#!/usr/bin/env bash
# The test command: installs what the tests need, starts a throwaway PostgreSQL on a loopback
# port, builds once, runs every test project of Rally.slnx, stops what it started, and prints
# "N passed, N failed" (", N skipped" when any were) as its last line. Exits non-zero when any
# test failed or any project failed to build or run.
set -uo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"

CONFIGURATION="${CONFIGURATION:-Debug}"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DEBIAN_FRONTEND=noninteractive

log() { printf '== %s\n' "$*" >&2; }

passed=0 failed=0 skipped=0

finish() {
  # The summary is always the last line, whatever happened before it.
  local line="$passed passed, $failed failed"
  (( skipped > 0 )) && line+=", $skipped skipped"
  echo "$line"
}

abort() {
  echo "test.sh: $*" >&2
  failed=$((failed + 1))
  finish
  exit 1
}

# --- 1. what the tests need from Debian -------------------------------------------------------

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else return 1; fi; }

pg_bin() {
  local d
  for d in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    [[ -x $d/initdb && -x $d/pg_ctl ]] && { echo "$d"; return 0; }
  done
  return 1
}

missing=()
pg_bin >/dev/null || missing+=(postgresql)
command -v chromium >/dev/null || missing+=(chromium)
[[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || missing+=(fonts-dejavu-core)
command -v npm >/dev/null || missing+=(nodejs npm)
if (( ${#missing[@]} > 0 )); then
  log "installing ${missing[*]}"
  as_root apt-get update -qq </dev/null >&2 || abort "apt-get update failed"
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >&2 || abort "apt-get install ${missing[*]} failed"
fi
PG_BIN="$(pg_bin)" || abort "no PostgreSQL server binaries under /usr/lib/postgresql"
export RALLY_TEST_CHROMIUM="${RALLY_TEST_CHROMIUM:-$(command -v chromium)}"

# --- 2. tools and packages --------------------------------------------------------------------

log "dotnet tool restore"
dotnet tool restore >&2 </dev/null || abort "dotnet tool restore failed"

if [[ -f tests/Rally.BrowserTests/package.json ]]; then
  log "npm packages for the browser tests"
  ( cd tests/Rally.BrowserTests
    if [[ -f package-lock.json ]]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi
  ) >&2 </dev/null || abort "npm install in tests/Rally.BrowserTests failed"
fi

# --- 3. a throwaway PostgreSQL ----------------------------------------------------------------

# initdb refuses root: as root the cluster belongs to the postgres user, otherwise to whoever runs this.
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
hand_to_pg() { if [[ $(id -u) -eq 0 ]]; then chown postgres: "$@"; fi; }

PG_DIR="" PG_STARTED=0
stop_postgres() {
  if [[ -n $PG_DIR ]]; then
    if (( PG_STARTED )); then
      as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_DIR"
  fi
}
trap stop_postgres EXIT
trap 'exit 130' INT TERM

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

PG_PORT="${RALLY_TEST_PG_PORT:-54329}"
while port_busy "$PG_PORT"; do PG_PORT=$((PG_PORT + 1)); done

PG_DIR="$(mktemp -d /tmp/rally-pgtest.XXXXXX)"
hand_to_pg "$PG_DIR" || abort "cannot hand $PG_DIR to the postgres user"
chmod 700 "$PG_DIR"
PG_PASSWORD="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
printf '%s\n' "$PG_PASSWORD" >"$PG_DIR/pwfile" && hand_to_pg "$PG_DIR/pwfile"

log "starting PostgreSQL ($PG_BIN) on 127.0.0.1:$PG_PORT"
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --pwfile="$PG_DIR/pwfile" \
  --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
  || { cat "$PG_DIR/initdb.log" >&2; abort "initdb failed"; }
# Durability is worthless for a database that lives for one run; speed is not.
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null 2>&1 || { cat "$PG_DIR/postgres.log" >&2; abort "PostgreSQL did not start"; }
PG_STARTED=1
export RALLY_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=$PG_PASSWORD;Database=postgres"

# --- 4. build once, run every test project ----------------------------------------------------

log "dotnet build Rally.slnx -c $CONFIGURATION"
dotnet build Rally.slnx -c "$CONFIGURATION" -nologo -clp:ErrorsOnly </dev/null >&2 || abort "the build failed"

# The solution's test projects, plus any under tests/ that it does not list yet (built on their own).
mapfile -t in_solution < <(grep -o 'Path="tests/[^"]*\.csproj"' Rally.slnx | sed 's/^Path="//; s/"$//')
projects=("${in_solution[@]}")
for p in tests/*/*.csproj; do
  [[ -e $p ]] || continue
  [[ " ${in_solution[*]} " == *" $p "* ]] || projects+=("$p")
done
(( ${#projects[@]} > 0 )) || abort "no test projects in Rally.slnx"

RESULTS="$(pwd)/TestResults"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"

counter() { grep -o "<Counters [^>]*>" "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]*' | head -1; }

for project in "${projects[@]}"; do
  name="$(basename "$project" .csproj)"
  log "dotnet test $name"
  build_flag=(--no-build)
  [[ " ${in_solution[*]} " == *" $project "* ]] || build_flag=()
  dotnet test "$project" -c "$CONFIGURATION" "${build_flag[@]}" --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" \
    --blame-hang-timeout 5m --blame-hang-dump-type none </dev/null
  code=$?
  trx="$RESULTS/$name.trx"
  if [[ ! -f $trx ]]; then
    echo "test.sh: $name produced no results (exit code $code): counted as one failure" >&2
    failed=$((failed + 1))
    continue
  fi
  p=$(counter "$trx" passed); f=$(counter "$trx" failed); e=$(counter "$trx" error)
  t=$(counter "$trx" timeout); a=$(counter "$trx" aborted)
  # Skipped tests are results with outcome NotExecuted; the notExecuted counter stays 0 for them.
  n=$(grep -o '<UnitTestResult [^>]*outcome="NotExecuted"' "$trx" | wc -l)
  project_failed=$(( ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0} ))
  passed=$((passed + ${p:-0})); skipped=$((skipped + ${n:-0}))
  if (( code != 0 && project_failed == 0 )); then
    # A crashed or aborted test host can leave counters that show no failure.
    echo "test.sh: $name exited with $code without a failed test (crashed test host?): counted as one failure" >&2
    project_failed=1
  fi
  if (( ${p:-0} + project_failed == 0 )); then
    echo "test.sh: $name ran no test: counted as one failure" >&2
    project_failed=1
  fi
  failed=$((failed + project_failed))
done

finish
(( failed == 0 ))
