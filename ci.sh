#!/usr/bin/env bash
# The whole test suite: README's test command, and what .ci/run runs. About 4 minutes on a quiet 2-core machine.
#   1. every module's tests (mvn test: core, cli, serve, spark; bench compiles)
#   2. the benchmark regression guard's own tests (no benchmark is run)
#   3. the launcher as a user runs it: it builds the CLI jar as on a fresh clone, then runs through a
#      symlink on PATH from another directory, demo included (it/launcher.sh)
#   4. the Jackson range and the consumer proof: core's serving tests on jackson-core 2.15.2 and 2.21.2,
#      and an application built against the installed signet-core (with sources, javadoc and the
#      doclint check) on jackson-bom 2.15.2 and 2.21.2, refused on 2.13.5 (it/run.sh)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
mvn -B -ntp test
python3 bench/test_guard.py
it/launcher.sh
it/run.sh
