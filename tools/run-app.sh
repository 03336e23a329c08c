#!/usr/bin/env bash
# The start command: bash tools/run-app.sh [extra streamlit args, e.g. --server.port 8502]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

[[ -x .venv/bin/python ]] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements.txt

exec .venv/bin/streamlit run app.py --server.fileWatcherType none "$@"
