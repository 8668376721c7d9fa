#!/usr/bin/env bash
# Issue 10's browsing figures: Tabula's TableModel against a plain QSqlTableModel on the same
# users table (the one scripts/bench-bulkedit.sh makes), each step its own whole process
# (bench_browse), in interleaved rounds, one table per step and database:
#   first-screen  open + the first 50 rows painted
#   last-row      open + fetch to the end (Ctrl+End) + the last 50 rows painted
#   all-rows      open + every row painted once: its peak RSS is the figure to read
#
#   bash scripts/bench-browse.sh [--rows N] [--runs K] [--postgres URL] [--build DIR] [--smoke]
#
# Defaults: 1,000,000 rows, 5 runs, SQLite only, build dir ./build. --smoke: 20,000 rows,
# 2 runs. bench_browse exits non-zero (and the script with it) if a model shows the wrong
# number of rows.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/bench-lib.sh"

ROWS=1000000
RUNS=5
PG_URL=
BUILD="${TABULA_BUILD_DIR:-$ROOT/build}"
RATIO_LABEL="× QSqlTableModel"
STEPS=(first-screen last-row all-rows)

parse_args() {
    while [[ $# -gt 0 ]]; do
        case "$1" in
        --rows) ROWS=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --postgres) PG_URL=$2; shift 2 ;;
        --build) BUILD=$2; shift 2 ;;
        --smoke) ROWS=20000; RUNS=2; shift ;;
        *) echo "usage: $0 [--rows N] [--runs K] [--postgres URL] [--build DIR] [--smoke]" >&2
           exit 2 ;;
        esac
    done
    STEP=10
    MATCHING=$((ROWS / STEP))
}

# Browsing only reads: the same table serves every run, and bench_browse checks the rows.
sqlite_prepare() { :; }
sqlite_verify() { echo "$ROWS $ROWS"; }
pg_prepare() { :; }
pg_verify() { echo "$ROWS $ROWS"; }

# Contenders are named MODEL-STEP, e.g. tabula-last-row.
browse_cmd() { CMD=("$BUILD/bench/bench_browse" "${1%%-*}" "${1#*-}" "$2" "$ROWS"); }
sqlite_contender() { browse_cmd "$1" "$WORK/seed.db"; }
pg_contender() { browse_cmd "$1" "$PG_URL"; }

# Runs every step on database $1 (titled $2).
browse_all_steps() {
    local db=$1 title=$2 step failed=0
    for step in "${STEPS[@]}"; do
        run_rounds "$db" "$title, $step" "qsql-$step" "tabula-$step" || failed=1
    done
    return $failed
}

main() {
    parse_args "$@"
    require_tools "$BUILD/bench/bench_browse"
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/tabula-bench.XXXXXX")
    trap 'rm -rf "$WORK"' EXIT
    local failed=0
    sqlite_generate
    browse_all_steps sqlite "SQLite" || failed=1
    if [[ -n "$PG_URL" ]]; then
        pg_generate
        pg_copy_users
        browse_all_steps pg "PostgreSQL" || failed=1
        pg -c "DROP TABLE IF EXISTS users; DROP TABLE IF EXISTS users_seed"
    fi
    return $failed
}

main "$@"
