#!/usr/bin/env bash
# The soak of issue 17: ScoringServer driven by worker threads (one ScoringContext each) with mixed
# requests (the serving oracle corpora as they are and mutated, and the hostile families at up to
# 300 units, bodies of a few KB) under -Xmx128m; every EVERY requests: heap after GC, RSS, direct memory
# and the contexts' retained bytes; at the end the answers by status and a verdict, flat or growing.
#
#   bench/soak.sh                      1,000,000 requests, 2 threads, a line every 100,000 (about 1-2 hours here)
#   bench/soak.sh 100000 2 10000       a short proof run
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
requests="${1:-1000000}"
threads="${2:-2}"
every="${3:-100000}"
cp_file="$(mktemp /tmp/soak-cp.XXXXXX)"
mvn -B -q -o -pl core test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test 1>&2
echo "commit $(git rev-parse --short HEAD), $(java -version 2>&1 | head -1), $(nproc) cores, -Xmx128m"
exec java -Xmx128m -XX:+UseG1GC --add-exports java.base/jdk.internal.misc=ALL-UNNAMED \
    -cp "core/target/test-classes:core/target/classes:$(cat "$cp_file")" io.signet.serving.Soak "$requests" "$threads" "$every"
