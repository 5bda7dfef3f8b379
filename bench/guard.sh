#!/usr/bin/env bash
# Benchmark regression guard (see bench/guard.py): bench/guard.sh RUN.json [REFERENCE.json]
# Exit 0 no same-run ratio dropped past its measured noise, 1 some did, 2 usage error.
set -euo pipefail
exec python3 "$(dirname "${BASH_SOURCE[0]}")/guard.py" "$@"
