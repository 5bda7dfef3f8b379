#!/usr/bin/env bash
# ServingBench's ratios with Signet and each baseline measured in alternating short slices in one JVM
# (io.signet.bench.Interleaved), so that the slow and fast phases of a shared VM cancel out of each
# ratio. Writes target/bench/<commit>-interleaved.md (copy it into bench/results/ when README cites it).
#
#   bench/interleaved.sh                    all payloads, 40 rounds of 250 ms slices (about 6 minutes)
#   bench/interleaved.sh u8,df 60 250       payloads, rounds, slice milliseconds
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -pl bench -am package -DskipTests 1>&2
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
mkdir -p target/bench
out="target/bench/${commit}-interleaved.md"
jar="$(mktemp -d)/benchmarks.jar"
cp bench/target/benchmarks.jar "$jar"
java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp "$jar" io.signet.bench.Interleaved "$@" | tee "$out"
echo "written: $out" 1>&2
