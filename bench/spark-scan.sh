#!/usr/bin/env bash
# Scan-rate benchmark of SignetSpark on local[2] (not a test; the lead runs it on a quiet machine):
#   bench/spark-scan.sh [ROWS] [TENSORS] [REPS]     defaults: 1000000 rows, 20000 tensors of 28x28, 3 reps
# Generates seeded Parquet data with planted violations under target/spark-scan (once per size), then
# times count(), a sum over every numeric column, and SignetSpark.check(...).summary() on each engine,
# and MLflow's own limit(10) check. Prints a Markdown table (median of REPS after one warm-up).
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
rows="${1:-1000000}"; tensors="${2:-20000}"; reps="${3:-3}"
"$here/signet" spark --help >/dev/null   # builds the spark module and its local classpath when stale
data="$here/target/spark-scan/$rows-$tensors"
run() {
  # shellcheck disable=SC2046
  java $(cat "$here/spark/target/jvm.flags") -Dlog4j2.configurationFile="$here/spark/target/log4j2.properties" \
    -Xmx4g -Dspark.master=local[2] \
    -cp "$here/spark/target/signet-spark.jar:$(cat "$here/spark/target/classpath.txt")" \
    io.signet.spark.bench.SparkScanBench "$@"
}
if [ ! -f "$data/planted-tensors.txt" ]; then
  echo "generating $rows rows and $tensors tensors in $data ..." >&2
  run generate "$data" "$rows" "$tensors"
fi
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), commit $(git -C "$here" rev-parse --short HEAD)"
run run "$data" "$reps"
