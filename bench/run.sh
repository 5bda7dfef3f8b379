#!/usr/bin/env bash
# Runs Signet's JMH benchmarks and writes target/bench/<commit>.json (not the source tree: copy a run
# into bench/results/ by hand when README cites it) and a Markdown table of ratios against the same-run
# baselines (bench/table.py). bench/guard.sh target/bench/<commit>.json then checks the ratios against
# bench/reference.json.
#
#   bench/run.sh                 all benchmarks (about 25 minutes on 2 cores)
#   bench/run.sh 'NanScan|Batch' a subset (JMH regex), extra JMH options after it: bench/run.sh Serving -prof gc
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
filter="${1:-io.signet.bench.*}"
shift || true
mvn -B -q -pl bench -am package -DskipTests 1>&2
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
mkdir -p target/bench
out="target/bench/${commit}.json"
jar="$(mktemp -d)/benchmarks.jar"   # a private copy: a concurrent build cannot swap it mid-run
cp bench/target/benchmarks.jar "$jar"
java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -jar "$jar" "$filter" -rf json -rff "$out" "$@" 1>&2
python3 bench/table.py "$out"
