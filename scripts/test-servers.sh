#!/usr/bin/env bash
# Throw-away PostgreSQL and MariaDB servers for Tabula's tests, on loopback with their own
# ports and Unix sockets in a temporary folder, so they never touch a system database.
#
#   eval "$(bash scripts/test-servers.sh start)"   # start both, export the test URLs
#   bash scripts/test-servers.sh env                # print the exports again
#   bash scripts/test-servers.sh stop               # stop both and delete their data
#
# Progress goes to stderr; only the export lines go to stdout.
# Settings: TABULA_SERVERS_DIR (default /tmp/tabula-test-servers), TABULA_PG_PORT (55432),
# TABULA_MARIADB_PORT (53306), TABULA_PGBOUNCER_PORT (56432).
#
# A pgbouncer in transaction mode stands before PostgreSQL too, the way hosted PostgreSQL is
# often reached. It resets each server connection after every transaction (DISCARD ALL), so a
# client that keeps session state between transactions finds it gone at once.
set -euo pipefail

DIR="${TABULA_SERVERS_DIR:-/tmp/tabula-test-servers}"
PG_PORT="${TABULA_PG_PORT:-55432}"
MY_PORT="${TABULA_MARIADB_PORT:-53306}"
BOUNCER_PORT="${TABULA_PGBOUNCER_PORT:-56432}"
DB_NAME=tabula_test
DB_USER=tabula
DB_PASSWORD=secret

say() { echo "test-servers: $*" >&2; }

pg_bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [[ -z "$dir" ]]; then
        say "PostgreSQL is not installed (apt-get install postgresql)."
        exit 1
    fi
    echo "$dir"
}

# PostgreSQL refuses to run as root; MariaDB wants to be told. Root runs them as their
# packages' system users, everyone else as themselves.
as_pg() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}
mariadb_user() { if [[ $(id -u) -eq 0 ]]; then echo mysql; else id -un; fi; }

# Another server on our port would take the tests' connections: say so instead.
require_free_port() {
    if (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
        say "port $1 is taken by another program; set $2 to a free port."
        exit 1
    fi
}

print_env() {
    echo "export TABULA_TEST_POSTGRES_URL='postgresql://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PORT/$DB_NAME'"
    echo "export TABULA_TEST_MARIADB_URL='mysql://$DB_USER:$DB_PASSWORD@127.0.0.1:$MY_PORT/$DB_NAME'"
    echo "export TABULA_TEST_PGBOUNCER_URL='postgresql://$DB_USER:$DB_PASSWORD@127.0.0.1:$BOUNCER_PORT/$DB_NAME'"
    # The same servers through their Unix sockets, for the socket tests.
    echo "export TABULA_TEST_POSTGRES_SOCKET_URL='postgresql://$DB_USER@/$DB_NAME?host=$DIR/pg/socket&port=$PG_PORT'"
    echo "export TABULA_TEST_MARIADB_SOCKET_URL='mysql://$DB_USER:$DB_PASSWORD@/$DB_NAME?host=$DIR/mariadb/socket'"
}

start_postgres() {
    local bin
    bin=$(pg_bindir)
    mkdir -p "$DIR/pg/socket"
    if [[ $(id -u) -eq 0 ]]; then chown -R postgres: "$DIR/pg"; fi
    say "initdb PostgreSQL in $DIR/pg/data"
    # Trust on the socket (for setting up), passwords on TCP (so the tests can get one wrong).
    as_pg "$bin/initdb" -D "$DIR/pg/data" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 >"$DIR/pg-initdb.log" 2>&1 ||
        { cat "$DIR/pg-initdb.log" >&2; exit 1; }
    say "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_pg "$bin/pg_ctl" -D "$DIR/pg/data" -l "$DIR/pg/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$DIR/pg/socket -c fsync=off" \
        start >&2 || { cat "$DIR/pg/server.log" >&2; exit 1; }
    as_pg "$bin/psql" -v ON_ERROR_STOP=1 -q -h "$DIR/pg/socket" -p "$PG_PORT" -U postgres \
        -d postgres >&2 <<SQL
CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD' CREATEROLE; -- the privilege tests make roles
CREATE DATABASE $DB_NAME OWNER $DB_USER ENCODING 'UTF8' TEMPLATE template0;
SQL
}

start_pgbouncer() {
    local dir="$DIR/pgbouncer"
    mkdir -p "$dir"
    cat >"$dir/pgbouncer.ini" <<INI
[databases]
$DB_NAME = host=127.0.0.1 port=$PG_PORT dbname=$DB_NAME
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $dir/userlist.txt
pool_mode = transaction
default_pool_size = 4
server_reset_query = DISCARD ALL
server_reset_query_always = 1
ignore_startup_parameters = extra_float_digits
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
    # tabula_reader: the role tst_privileges makes, reached through the proxy too.
    printf '"%s" "%s"\n' "$DB_USER" "$DB_PASSWORD" tabula_reader reader >"$dir/userlist.txt"
    if [[ $(id -u) -eq 0 ]]; then chown -R postgres: "$dir"; fi
    say "starting pgbouncer (transaction pooling) on 127.0.0.1:$BOUNCER_PORT"
    as_pg pgbouncer -d "$dir/pgbouncer.ini" >&2 || { cat "$dir/pgbouncer.log" >&2; exit 1; }
    local i
    for i in $(seq 1 60); do
        (echo >"/dev/tcp/127.0.0.1/$BOUNCER_PORT") 2>/dev/null && return 0
        sleep 0.25
    done
    say "pgbouncer did not start:"
    cat "$dir/pgbouncer.log" >&2
    exit 1
}

start_mariadb() {
    local user
    user=$(mariadb_user)
    mkdir -p "$DIR/mariadb/data"
    if [[ $(id -u) -eq 0 ]]; then chown -R mysql: "$DIR/mariadb"; fi
    say "mariadb-install-db in $DIR/mariadb/data"
    mariadb-install-db --no-defaults --datadir="$DIR/mariadb/data" --user="$user" \
        --auth-root-authentication-method=normal --skip-test-db >"$DIR/mariadb-install.log" 2>&1 ||
        { cat "$DIR/mariadb-install.log" >&2; exit 1; }
    say "starting MariaDB on 127.0.0.1:$MY_PORT"
    # setsid: the server outlives this script and is stopped by `stop`, not by a signal to us.
    setsid mariadbd --no-defaults --datadir="$DIR/mariadb/data" --user="$user" \
        --bind-address=127.0.0.1 --port="$MY_PORT" --socket="$DIR/mariadb/socket" \
        --pid-file="$DIR/mariadb/server.pid" --log-error="$DIR/mariadb/server.log" \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
        --innodb-flush-log-at-trx-commit=0 --skip-log-bin </dev/null >/dev/null 2>&1 &
    local i
    for i in $(seq 1 120); do
        if mariadb-admin --no-defaults -S "$DIR/mariadb/socket" -u root ping >/dev/null 2>&1; then
            break
        fi
        if [[ $i -eq 120 ]]; then
            say "MariaDB did not start:"
            cat "$DIR/mariadb/server.log" >&2
            exit 1
        fi
        sleep 0.5
    done
    mariadb --no-defaults -S "$DIR/mariadb/socket" -u root >&2 <<SQL
CREATE DATABASE $DB_NAME CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
CREATE USER '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL ON $DB_NAME.* TO '$DB_USER'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL ON $DB_NAME.* TO '$DB_USER'@'localhost' WITH GRANT OPTION;
-- The privilege tests make users with fewer privileges.
GRANT CREATE USER ON *.* TO '$DB_USER'@'127.0.0.1';
GRANT CREATE USER ON *.* TO '$DB_USER'@'localhost';
SQL
}

stop_servers() {
    if [[ -f "$DIR/pgbouncer/pgbouncer.pid" ]]; then
        say "stopping pgbouncer"
        kill "$(cat "$DIR/pgbouncer/pgbouncer.pid")" 2>/dev/null || true
    fi
    if [[ -f "$DIR/pg/data/postmaster.pid" ]]; then
        say "stopping PostgreSQL"
        as_pg "$(pg_bindir)/pg_ctl" -D "$DIR/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    if [[ -f "$DIR/mariadb/server.pid" ]]; then
        say "stopping MariaDB"
        local pid
        pid=$(cat "$DIR/mariadb/server.pid")
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 60); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -rf "$DIR"
}

case "${1:-}" in
start)
    stop_servers # a previous run's leftovers
    require_free_port "$PG_PORT" TABULA_PG_PORT
    require_free_port "$MY_PORT" TABULA_MARIADB_PORT
    require_free_port "$BOUNCER_PORT" TABULA_PGBOUNCER_PORT
    mkdir -p "$DIR"
    chmod 755 "$DIR"
    start_postgres
    start_pgbouncer
    start_mariadb
    say "PostgreSQL, pgbouncer and MariaDB are up; data in $DIR"
    print_env
    ;;
stop)
    stop_servers
    ;;
env)
    print_env
    ;;
*)
    echo "usage: $0 start|stop|env" >&2
    exit 2
    ;;
esac
