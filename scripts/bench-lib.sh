# Shared by scripts/bench-*.sh (sourced): the seed table's columns, the check of a run's
# result, timing one whole process, interleaved rounds and the summary table.
# The caller sets ROWS, STEP, MATCHING, RUNS, WORK, BUILD, PG_URL and, per database DB, the functions
# DB_prepare (fresh copy), DB_contender NAME (sets CMD) and DB_verify (prints "TOTAL SAME").

PEERS="$ROOT/bench/peers"
PYTHON="${TABULA_BENCH_PYTHON:-/usr/bin/python3}" # Debian's, where python3-sqlalchemy is

say() { echo "bench: $*" >&2; }

# Stops unless every tool (and $1... built by the project) is there.
require_tools() {
    local tool
    for tool in sqlite3 /usr/bin/time "$PYTHON" "$@"; do
        command -v "$tool" >/dev/null ||
            { say "$tool is missing (scripts/install-deps.sh --bench, then build)"; exit 1; }
    done
}

# The seed table's SELECT list over x = 1..ROWS; $1 is the dialect's created_at expression.
seed_columns() {
    cat <<SQL
x AS id, 'user ' || x AS name, 'user' || x || '@example.com' AS email,
    CASE WHEN x % $STEP = 0 THEN 'inactive' WHEN x % 3 = 0 THEN 'pending' ELSE 'active' END
        AS status,
    18 + x % 60 AS age,
    CASE x % 4 WHEN 0 THEN 'Berlin' WHEN 1 THEN 'Lyon' WHEN 2 THEN 'Porto' ELSE 'Oslo' END
        AS city,
    $1 AS created_at
SQL
}

# The seed table: users in $WORK/seed.db, users_seed on PostgreSQL.
sqlite_generate() {
    say "generating $ROWS rows ($MATCHING inactive) in $WORK/seed.db"
    sqlite3 "$WORK/seed.db" <<SQL
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL,
    status TEXT NOT NULL, age INTEGER, city TEXT, created_at TEXT);
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < $ROWS)
INSERT INTO users SELECT $(seed_columns "date('2020-01-01', '+' || (x % 1500) || ' days')") FROM c;
SQL
}

pg() { PGOPTIONS="-c client_min_messages=warning" psql "$PG_URL" -X -q -v ON_ERROR_STOP=1 "$@"; }

pg_generate() {
    say "generating $ROWS rows ($MATCHING inactive) in users_seed on PostgreSQL"
    pg <<SQL
DROP TABLE IF EXISTS users;
DROP TABLE IF EXISTS users_seed;
CREATE TABLE users_seed AS SELECT
    $(seed_columns "(date '2020-01-01' + (x % 1500))::text")
    FROM generate_series(1, $ROWS) AS x;
SQL
}

# A fresh users table (with its primary key) from users_seed.
pg_copy_users() {
    pg <<SQL
DROP TABLE IF EXISTS users;
CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, email text NOT NULL,
    status text NOT NULL, age integer, city text, created_at text);
INSERT INTO users SELECT * FROM users_seed;
VACUUM ANALYZE users;
SQL
}

# Prints the rows of users, and how many of them equal the seed ($1) row with the same id
# after the expected edit (inactive -> active, every other column and row untouched).
verify_query() {
    cat <<SQL
SELECT (SELECT count(*) FROM users) || ' ' || (SELECT count(*) FROM users u JOIN $1 s
    ON u.id = s.id AND u.name = s.name AND u.email = s.email AND u.age = s.age
    AND u.city = s.city AND u.created_at = s.created_at
    AND u.status = CASE WHEN s.status = 'inactive' THEN 'active' ELSE s.status END);
SQL
}

# Runs CMD as one timed process; prints "MICROSECONDS PEAK_RSS_KB", then the microseconds the
# process timed itself ("in process: N us" in its output: from opening the database to the
# end of its work, without start-up and exit) where it printed them.
time_cmd() {
    local t0 t1 inside
    t0=$(date +%s%N)
    if ! /usr/bin/time -f %M -o "$WORK/rss" "${CMD[@]}" >"$WORK/log" 2>&1; then
        say "failed: ${CMD[*]}"
        cat "$WORK/log" >&2
        return 1
    fi
    t1=$(date +%s%N)
    inside=$(sed -n 's/.*in process: \([0-9]*\) us.*/\1/p' "$WORK/log" | tail -n 1)
    echo "$(((t1 - t0) / 1000)) $(tail -n 1 "$WORK/rss")${inside:+ $inside}"
}

# One run of contender $2 on database $1: fresh copy, timed process, check. Appends to
# $WORK/results "DB NAME MICROSECONDS RSS_KB", or "DB NAME FAIL".
run_one() {
    local db=$1 name=$2 figures check
    "${db}_prepare" >/dev/null
    "${db}_contender" "$name"
    if figures=$(time_cmd) && check=$("${db}_verify") && [[ "$check" == "$ROWS $ROWS" ]]; then
        echo "$db $name $figures" >>"$WORK/results"
        return 0
    fi
    say "$name on $db: WRONG RESULT (rows, rows as expected: ${check:-none}; want $ROWS $ROWS)"
    echo "$db $name FAIL" >>"$WORK/results"
    return 1
}

# Interleaved rounds over the contenders ($3...), each round starting one further along, then
# the table. $1 is the database, $2 its title. Fails if any run's result was wrong.
run_rounds() {
    local db=$1 title=$2 round i failed=0
    shift 2
    local names=("$@") n=$#
    for ((round = 0; round < RUNS; round++)); do
        say "$db round $((round + 1))/$RUNS"
        for ((i = 0; i < n; i++)); do
            run_one "$db" "${names[(round + i) % n]}" || failed=1
        done
    done
    print_table "$db" "$title" "${names[@]}"
    return $failed
}

# The markdown table of database $1 (title $2) for contenders $3... in that order.
print_table() {
    local db=$1 title=$2
    shift 2
    echo
    echo "$title; $ROWS rows${DETAIL:+, $DETAIL}; runs: $RUNS, interleaved; whole process each"
    echo
    awk -v db="$db" -v order="$*" -v ratio_label="${RATIO_LABEL:-}" \
        -f "$ROOT/scripts/bench-table.awk" "$WORK/results"
}
