#!/usr/bin/env bash
# Installs what building and running Tabula needs on Debian 12 (or Ubuntu 22.04+).
#   bash scripts/install-deps.sh            # build and run the app
#   bash scripts/install-deps.sh --servers  # also PostgreSQL and MariaDB, for the tests
# clang and its runtime libraries build the fuzz targets (scripts/fuzz.sh).
set -euo pipefail

SUDO=
if [[ $(id -u) -ne 0 ]]; then
    SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive

packages=(
    ca-certificates cmake ninja-build g++ python3
    qt6-base-dev qt6-base-dev-tools qt6-qpa-plugins libgl-dev
    libqt6sql6-sqlite libqt6sql6-psql libqt6sql6-mysql libsqlite3-dev
    qtkeychain-qt6-dev
    xvfb xauth fonts-dejavu-core
    clang libclang-rt-14-dev
)
if [[ "${1:-}" == "--servers" ]]; then
    packages+=(postgresql mariadb-server mariadb-client)
fi

$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${packages[@]}"
