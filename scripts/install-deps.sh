#!/usr/bin/env bash
# Installs what building and running Tabula needs on Debian 12 (or Ubuntu 22.04+).
#   bash scripts/install-deps.sh            # build and run the app
#   bash scripts/install-deps.sh --servers  # also PostgreSQL, pgbouncer and MariaDB, for the tests
#   bash scripts/install-deps.sh --bench    # also the benchmark's peers (scripts/bench-*.sh)
#   bash scripts/install-deps.sh --fuzz     # also clang and its sanitizer runtimes (scripts/fuzz.sh)
# The flags combine.
set -euo pipefail

SUDO=
if [[ $(id -u) -ne 0 ]]; then
    SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive

packages=(
    ca-certificates cmake ninja-build g++ python3
    qt6-base-dev qt6-base-dev-tools qt6-qpa-plugins libgl-dev
    libqt6sql6-sqlite libqt6sql6-psql libqt6sql6-mysql libsqlite3-dev libpq-dev
    qtkeychain-qt6-dev
    xvfb xauth fonts-dejavu-core
)
for flag in "$@"; do
    case "$flag" in
    --servers) packages+=(postgresql pgbouncer mariadb-server mariadb-client) ;;
    --bench) packages+=(sqlite3 time postgresql-client python3-sqlalchemy python3-psycopg2) ;;
    --fuzz) packages+=(clang libclang-rt-14-dev) ;;
    *) echo "usage: $0 [--servers] [--bench] [--fuzz]" >&2; exit 2 ;;
    esac
done

$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${packages[@]}"
