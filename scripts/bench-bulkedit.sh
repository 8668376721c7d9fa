#!/usr/bin/env bash
# Issue 9's benchmark: "set status='active' on every row where status='inactive', commit",
# done by Tabula (bench_bulkedit, through the core as the app does it) and by its peers, each
# as its own whole process on a fresh copy of the same table, in interleaved rounds. Every run
# is verified (exactly the matching rows changed, nothing else) and one markdown table is
# printed per database: median/min/max seconds, peak RSS of the process, ratio to the floor
# (one UPDATE through the database's own CLI).
#
#   bash scripts/bench-bulkedit.sh [--rows N] [--matching M] [--runs K] [--postgres URL]
#                                  [--build DIR] [--smoke]
#
# Defaults: 1,000,000 rows, every 10th matching, 5 runs, SQLite only, build dir ./build.
# --smoke: 20,000 rows, 2 runs; for CI, which fails only if a run's result is wrong.
# Needs: sqlite3, GNU time, python3-sqlalchemy (and psql, python3-psycopg2 for --postgres);
# scripts/install-deps.sh --bench installs them.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/bench-lib.sh"

ROWS=1000000
MATCHING=
RUNS=5
DETAIL= # said after the row count in each title
PG_URL=
BUILD="${TABULA_BUILD_DIR:-$ROOT/build}"

parse_args() {
    while [[ $# -gt 0 ]]; do
        case "$1" in
        --rows) ROWS=$2; shift 2 ;;
        --matching) MATCHING=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --postgres) PG_URL=$2; shift 2 ;;
        --build) BUILD=$2; shift 2 ;;
        --smoke) ROWS=20000; RUNS=2; shift ;;
        *) echo "usage: $0 [--rows N] [--matching M] [--runs K] [--postgres URL] [--build DIR] [--smoke]" >&2
           exit 2 ;;
        esac
    done
    MATCHING=${MATCHING:-$((ROWS / 10))}
    STEP=$((ROWS / MATCHING)) # every STEP-th row matches, spread evenly
    MATCHING=$((ROWS / STEP))
    DETAIL="$MATCHING matching"
}

# --- SQLite -----------------------------------------------------------------------------

sqlite_prepare() { cp "$WORK/seed.db" "$WORK/run.db"; }

sqlite_verify() {
    sqlite3 "$WORK/run.db" "ATTACH '$WORK/seed.db' AS seed; $(verify_query seed.users)"
}

# Sets CMD to the command line of one contender.
sqlite_contender() {
    local db=$WORK/run.db
    case "$1" in
    floor) CMD=(sqlite3 "$db" "UPDATE users SET status = 'active' WHERE status = 'inactive'") ;;
    tabula) CMD=("$BUILD/bench/bench_bulkedit" "$db") ;;
    c-per-row) CMD=("$BUILD/bench/peer_per_row_update" "$db") ;;
    py-executemany) CMD=("$PYTHON" "$PEERS/executemany.py" "sqlite:///$db") ;;
    sqla-bulk) CMD=("$PYTHON" "$PEERS/sqlalchemy_peers.py" bulk "sqlite:///$db") ;;
    sqla-orm) CMD=("$PYTHON" "$PEERS/sqlalchemy_peers.py" orm "sqlite:///$db") ;;
    esac
}

# --- PostgreSQL -------------------------------------------------------------------------

pg_prepare() { pg_copy_users; }

pg_verify() { pg -tA -c "$(verify_query users_seed)"; }

# Sets CMD to the command line of one contender.
pg_contender() {
    case "$1" in
    floor) CMD=(psql "$PG_URL" -X -q -c "UPDATE users SET status = 'active' WHERE status = 'inactive'") ;;
    tabula) CMD=("$BUILD/bench/bench_bulkedit" "$PG_URL") ;;
    py-executemany) CMD=("$PYTHON" "$PEERS/executemany.py" "$PG_URL") ;;
    sqla-bulk) CMD=("$PYTHON" "$PEERS/sqlalchemy_peers.py" bulk "$PG_URL") ;;
    sqla-orm) CMD=("$PYTHON" "$PEERS/sqlalchemy_peers.py" orm "$PG_URL") ;;
    esac
}

# --- main -------------------------------------------------------------------------------

main() {
    parse_args "$@"
    require_tools "$BUILD/bench/bench_bulkedit" "$BUILD/bench/peer_per_row_update"
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/tabula-bench.XXXXXX")
    trap 'rm -rf "$WORK"' EXIT
    local failed=0
    sqlite_generate
    run_rounds sqlite "SQLite $(sqlite3 --version | cut -d' ' -f1)" \
        floor tabula c-per-row py-executemany sqla-bulk sqla-orm || failed=1
    if [[ -n "$PG_URL" ]]; then
        pg_generate
        run_rounds pg "PostgreSQL $(pg -tA -c 'SHOW server_version' | cut -d' ' -f1)" \
            floor tabula py-executemany sqla-bulk sqla-orm || failed=1
        pg -c "DROP TABLE IF EXISTS users; DROP TABLE IF EXISTS users_seed"
    fi
    return $failed
}

main "$@"
