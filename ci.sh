#!/usr/bin/env bash
# The whole test suite: README's test command, and what .ci/run runs. About 8 minutes on 2 cores.
#   1. every module's tests, and the packages (mvn verify: the CLI jar; core's jar, sources and javadoc)
#   2. the benchmarks compile; the benchmark regression guard's own tests (no benchmark is run)
#   3. the launcher through a symlink on PATH from another directory, demo included (it/launcher.sh)
#   4. the Jackson range and the consumer proof: an application built against the installed
#      signet-core with jackson-bom 2.15.2 and 2.21.2, refused on 2.13.5 (it/run.sh)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
mvn -B -ntp verify -pl core,cli
mvn -B -ntp -q test-compile -pl bench -am -Dsignet.noNatives
python3 bench/test_guard.py
it/launcher.sh
it/run.sh
