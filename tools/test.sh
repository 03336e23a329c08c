#!/usr/bin/env bash
# The test command: bash tools/test.sh [extra pytest args...]
# Idempotent: installs what is missing (Debian packages, .venv, Python packages), lints,
# checks formatting, types (mypy) and layers (import-linter, contracts in pyproject.toml),
# then runs the whole test suite on two pytest-xdist workers.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DEBIAN_FRONTEND=noninteractive

# Browser tests drive Debian's Chromium (Playwright cannot download its own browsers here);
# database tests start a throwaway PostgreSQL server from Debian's binaries; export tests
# open CSV files in headless LibreOffice Calc.
missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
[[ -x /usr/bin/soffice ]] || missing+=(libreoffice-calc-nogui)
if ((${#missing[@]} > 0)); then
    sudo=()
    [[ ${EUID} -eq 0 ]] || sudo=(sudo)
    echo "tools/test.sh: installing Debian packages: ${missing[*]}"
    "${sudo[@]}" apt-get -q update </dev/null
    "${sudo[@]}" apt-get -q -y -o DPkg::Lock::Timeout=300 install "${missing[@]}" </dev/null
fi

[[ -x .venv/bin/python ]] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt </dev/null

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/lint-imports --no-cache

.venv/bin/python -m pytest -n 2 "$@" </dev/null
