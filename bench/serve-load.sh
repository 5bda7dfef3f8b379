#!/usr/bin/env bash
# Load and latency of `signet serve` (validation mode) against MLflow 2.17.2's own scoring server, on loopback.
#
#   bench/serve-load.sh [-d SECONDS] [-s SOAK_SECONDS] [-c "1 8 64"] [-p "u8 f32 df bad_shape bad_json"] [--no-mlflow]
#
#   -d   duration of each wrk cell (default 10; the README table: 30)
#   -s   duration of the full-load run whose RSS is measured before and after (default 60; README: 600)
#   -c   connection counts (default "1 8 64"); -p payloads (default all five)
#
# What it does, in one run on this machine: writes three pyfunc models and five bodies with MLflow 2.17.2
# (bench/serve/make_bench_models.py: u8 tensor (-1,28,28,1) with a 260 KB body of 50 images, float32 (-1,784)
# with 16 rows, a 1,000-row dataframe_split, the u8 body with images 28x27 (wrong shape) and cut in half (broken
# JSON)); starts `signet serve --workers 2` and MLflow's Flask app under gunicorn -w 2 (what `mlflow models serve`
# runs) for each model; runs wrk (bench/serve/post.lua) for every payload and connection count against both;
# then the gateway: the same u8 body at 1 connection straight to an upstream and through `signet serve --upstream`
# (the upstream being a second Signet in validation mode, where the difference is measurable, and MLflow itself);
# then the transport ceiling: the u8 and float32 bodies POSTed to a path Signet answers 404 once the body has arrived
# (read by Netty's HTTP codec, neither copied nor parsed), which bounds what any validator could reach here;
# then RSS of the validation server before and after SOAK seconds at 64 connections. Prints Markdown tables.
# Everything binds 127.0.0.1; every process it starts is stopped on exit. Needs: wrk (apt-get install -y wrk),
# /work/oracle/mlflow2 (MLflow 2.17.2) with Debian's python3-gunicorn. KEEP_WORK=1 keeps the work directory
# (models, bodies, server logs, every wrk output).
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(cd "$here/.." && pwd)"
D=10
SOAK=60
CONNS="1 8 64"
PAYLOADS="u8 f32 df bad_shape bad_json"
MLFLOW=1
while [ $# -gt 0 ]; do
  case "$1" in
    -d) D="$2"; shift 2 ;;
    -s) SOAK="$2"; shift 2 ;;
    -c) CONNS="$2"; shift 2 ;;
    -p) PAYLOADS="$2"; shift 2 ;;
    --no-mlflow) MLFLOW=0; shift ;;
    *) echo "usage: $0 [-d SECONDS] [-s SOAK_SECONDS] [-c CONNS] [-p PAYLOADS] [--no-mlflow]" >&2; exit 2 ;;
  esac
done
MLFLOW2="${MLFLOW2:-/work/oracle/mlflow2}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }

work="$(mktemp -d /tmp/signet-serve-bench.XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]:-}"; do
    [ -n "$p" ] && kill "$p" 2>/dev/null || true
  done
  sleep 1
  for p in "${pids[@]:-}"; do
    [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true
  done
}
trap 'cleanup; [ "${KEEP_WORK:-0}" = 1 ] || rm -rf "$work"' EXIT

log() { echo "[serve-load] $*" >&2; }

log "models and bodies -> $work"
PYTHONPATH="$MLFLOW2" /usr/bin/python3 "$here/serve/make_bench_models.py" "$work" >&2 2>/dev/null
"$root/signet" serve --help >/dev/null # builds the jar if needed

wait_ping() { # port
  for _ in $(seq 600); do
    curl -s -o /dev/null "http://127.0.0.1:$1/ping" && return 0
    sleep 0.2
  done
  echo "nothing answers /ping on port $1" >&2
  exit 1
}

JAVA_OPTS="${SIGNET_JAVA_OPTS:--Xms512m -Xmx512m}"
start_signet() { # model port [extra args...]
  local m="$1" port="$2"; shift 2
  SIGNET_JAVA_OPTS="$JAVA_OPTS" "$root/signet" serve --model "$work/$m" --port "$port" --workers 2 "$@" \
    2>>"$work/signet-$port.log" &
  pids+=($!)
  wait_ping "$port"
}

start_mlflow() { # model port
  SIGNET_BENCH_MODEL="$work/$1" PYTHONPATH="$MLFLOW2:$here/serve" /usr/bin/python3 -m gunicorn --timeout=60 -w 2 \
    -b "127.0.0.1:$2" mlflow_app:app 2>>"$work/mlflow-$2.log" &
  pids+=($!)
  wait_ping "$2"
}

model_of() { case "$1" in u8|bad_shape|bad_json) echo u8 ;; *) echo "$1" ;; esac; }
declare -A SPORT=([u8]=5101 [f32]=5102 [df]=5103)
declare -A MPORT=([u8]=5111 [f32]=5112 [df]=5113)

# One wrk thread (WRK_THREADS to change it): on this 2-core machine a second thread took a core from the server
# without raising any cell's req/s, and its scheduling waits showed up as the server's tail (quiet, 8 connections,
# three 8 s rounds each: float32 p99/p50 1.9-2.2x with one thread, 3.1-3.3x with two; req/s 4,540-4,712 and
# 4,674-4,897). MLflow's server gets the same client.
# wrk once: prints "rps p50_us p99_us p999_us n non2xx sockerr" ("0 0 0 0 0 0 0" when wrk reported nothing;
# its whole output stays in $work/wrk-PORT-BODY-CONNS.txt)
run_wrk() { # port body conns seconds [path]
  local t="${WRK_THREADS:-1}" path="${5:-/invocations}" line
  local raw="$work/wrk-$1-$2-$3${5:+-${5#/}}.txt"
  BODY="$work/$2.json" wrk -t"$t" -c"$3" -d"$4"s --timeout 60s -s "$here/serve/post.lua" \
    "http://127.0.0.1:$1$path" >"$raw" 2>&1 || true
  line="$(sed -n 's/^RESULT //p' "$raw" \
    | sed 's/rps=//; s/ p50=/ /; s/ p99=/ /; s/ p999=/ /; s/ n=/ /; s/ non2xx=/ /; s/ sockerr=/ /')"
  echo "${line:-0 0 0 0 0 0 0}"
}

ms() { awk -v u="$1" 'BEGIN { printf "%.2f", u / 1000 }'; }

rss_kb() { # port -> RSS of the java process listening there
  local pid
  pid="$(ss -ltnp "sport = :$1" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)"
  ps -o rss= -p "$pid" | tr -d ' '
}

for m in u8 f32 df; do
  start_signet "$m" "${SPORT[$m]}"
  if [ "$MLFLOW" = 1 ]; then start_mlflow "$m" "${MPORT[$m]}"; fi
done
log "warm-up: 5 s per payload on Signet (the JIT), 3 s per model on MLflow"
for p in $PAYLOADS; do
  run_wrk "${SPORT[$(model_of "$p")]}" "$p" 8 5 >/dev/null
done
if [ "$MLFLOW" = 1 ]; then
  for m in u8 f32 df; do run_wrk "${MPORT[$m]}" "$m" 8 3 >/dev/null; done
fi

out="$work/table.md"
{
  echo "| payload | conns | Signet req/s | p50 ms | p99 ms | p99.9 ms | MLflow req/s | p50 ms | p99 ms | p99.9 ms | req/s ratio |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} >"$out"
for p in $PAYLOADS; do
  m="$(model_of "$p")"
  for c in $CONNS; do
    log "$p at $c connections, ${D}s each"
    read -r s_rps s50 s99 s999 s_n s_bad s_err <<<"$(run_wrk "${SPORT[$m]}" "$p" "$c" "$D")"
    if [ "$MLFLOW" = 1 ]; then
      read -r m_rps m50 m99 m999 m_n m_bad m_err <<<"$(run_wrk "${MPORT[$m]}" "$p" "$c" "$D")"
      ratio="$(awk -v a="$s_rps" -v b="$m_rps" 'BEGIN { if (b > 0) printf "%.0fx", a / b; else print "-" }')"
      [ "$m_n" = 0 ] && { m_rps="n/a (see wrk-${MPORT[$m]}-$p-$c.txt)"; }
      echo "| $p | $c | $s_rps | $(ms "$s50") | $(ms "$s99") | $(ms "$s999") | $m_rps | $(ms "$m50") | $(ms "$m99") | $(ms "$m999") | $ratio |" >>"$out"
    else
      echo "| $p | $c | $s_rps | $(ms "$s50") | $(ms "$s99") | $(ms "$s999") | - | - | - | - | - |" >>"$out"
    fi
  done
done

log "transport ceiling: the tensor bodies to a path signet serve answers 404 without parsing, ${D}s each"
{
  echo
  echo "| transport ceiling: the same body POSTed to /transport-ceiling (404 once the whole body has arrived; not copied, not parsed) | conns | req/s | p50 ms | p99 ms | Signet's /invocations req/s as a share of it |"
  echo "|---|---:|---:|---:|---:|---:|"
} >>"$out"
for p in u8 f32; do
  case " $PAYLOADS " in *" $p "*) ;; *) continue ;; esac
  for c in $CONNS; do
    read -r t_rps t50 t99 _ <<<"$(run_wrk "${SPORT[$p]}" "$p" "$c" "$D" /transport-ceiling)"
    s_rps="$(sed -n "s/^| $p | $c | \([0-9.]*\) |.*/\1/p" "$out" | head -1)"
    share="$(awk -v a="$s_rps" -v b="$t_rps" 'BEGIN { if (b > 0 && a != "") printf "%.0f%%", 100 * a / b; else print "-" }')"
    echo "| $p | $c | $t_rps | $(ms "$t50") | $(ms "$t99") | $share |" >>"$out"
  done
done

log "gateway: the u8 body at 1 connection, ${D}s each"
start_signet u8 5121 --upstream http://127.0.0.1:5101
read -r _ up50 up99 _ <<<"$(run_wrk 5101 u8 1 "$D")"
read -r _ gw50 gw99 _ <<<"$(run_wrk 5121 u8 1 "$D")"
{
  echo
  echo "| gateway, 260 KB u8 body, 1 connection | upstream alone p50 / p99 ms | through signet serve --upstream p50 / p99 ms | added p50 / p99 ms |"
  echo "|---|---:|---:|---:|"
  echo "| upstream: signet serve (validation) | $(ms "$up50") / $(ms "$up99") | $(ms "$gw50") / $(ms "$gw99") | $(ms $((gw50 - up50))) / $(ms $((gw99 - up99))) |"
} >>"$out"
if [ "$MLFLOW" = 1 ]; then
  start_signet u8 5122 --upstream http://127.0.0.1:5111
  read -r _ up50 up99 _ <<<"$(run_wrk 5111 u8 1 "$D")"
  read -r _ gw50 gw99 _ <<<"$(run_wrk 5122 u8 1 "$D")"
  echo "| upstream: MLflow 2.17.2 (gunicorn -w 2) | $(ms "$up50") / $(ms "$up99") | $(ms "$gw50") / $(ms "$gw99") | $(ms $((gw50 - up50))) / $(ms $((gw99 - up99))) |" >>"$out"
fi

log "RSS: ${SOAK}s at 64 connections on the u8 validation server"
before="$(rss_kb 5101)"
read -r soak_rps soak50 soak99 soak999 soak_n _ <<<"$(run_wrk 5101 u8 64 "$SOAK")"
after="$(rss_kb 5101)"
{
  echo
  echo "| full load, u8 body, 64 connections, ${SOAK}s | requests | req/s | p50 / p99 / p99.9 ms | RSS before | RSS after |"
  echo "|---|---:|---:|---:|---:|---:|"
  echo "| signet serve (validation, -Xmx512m) | $soak_n | $soak_rps | $(ms "$soak50") / $(ms "$soak99") / $(ms "$soak999") | $((before / 1024)) MiB | $((after / 1024)) MiB |"
} >>"$out"

echo "signet serve load run: $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$root" rev-parse --short HEAD), $(nproc) cores, wrk cells ${D}s, soak ${SOAK}s"
cat "$out"
