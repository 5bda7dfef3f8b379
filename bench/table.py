#!/usr/bin/env python3
"""Prints a Markdown table of a JMH JSON result file, each hot path next to its same-run baseline.

usage: python3 bench/table.py target/bench/<commit>.json
The ratio column is "Signet's speed / baseline's speed" (higher is better), from the same run.
"""
import json, os, platform, subprocess, sys

# (benchmark, its baseline in the same class, what the target is)
PAIRS = [
    ("NanScanBench.nanScan", "NanScanBench.plainReadLoop", ">= 0.7x"),
    ("NanScanBench.nanScanNoBoundsChecks", "NanScanBench.plainReadLoopNoBoundsChecks", ">= 0.7x"),
    ("Nd4jHeaderBench.check", "Nd4jHeaderBench.baselineMetadataReads", "< 25 ns"),
    ("Nd4jHeaderBench.checkView", "Nd4jHeaderBench.baselineMetadataReads", "< 25 ns"),
    ("Nd4jHeaderBench.checkRotating", "Nd4jHeaderBench.baselineMetadataReads", "< 25 ns"),
    ("Nd4jHeaderBench.wrapAndCheck", "Nd4jHeaderBench.baselineMetadataReads", ""),
    ("Nd4jHeaderBench.wrapAndCheckRotating", "Nd4jHeaderBench.baselineMetadataReads", ""),
    ("RaggedRowsBench.strictRows", "RaggedRowsBench.baselineRowHeaderReads", ""),
    ("NpyValidateBench.strictScan", "NpyValidateBench.headerOnly", ""),
    ("ColumnCheckBench.check4Columns1000Rows", "ColumnCheckBench.baselineRead4Columns1000Rows", ""),
    ("ColumnCheckBench.check4Columns1000RowsStrict", "ColumnCheckBench.baselineRead4Columns1000Rows", ""),
    ("ColumnCheckBench.checkWideRow600Columns", "ColumnCheckBench.baselineReadWideRow600Columns", ""),
    ("ColumnCheckBench.checkArrayDouble1000RowsTree", "ColumnCheckBench.baselineSumArrayDouble1000Rows", ""),
    ("ColumnCheckBench.checkArrayDouble1000RowsTree", "ColumnCheckBench.checkArrayDouble1000RowsJavaValues", ""),
    ("ServingBench.signet", "ServingBench.databindTree", ">= 2x"),
    ("ServingBench.signet", "ServingBench.databindBind", ">= 2x"),
    ("ServingBench.signet", "ServingBench.tokenPass", ">= 0.8x"),
    ("BatchValidateBench.validateBatch", "BatchValidateBench.plainReadBatch", ">= 0.5x"),
]


def key(r):
    name = r["benchmark"].split(".")[-2] + "." + r["benchmark"].split(".")[-1]
    params = r.get("params") or {}
    return name, tuple(sorted(params.items()))


def speed(r):
    """Operations per second, whatever the mode."""
    s = num(r["primaryMetric"]["score"])
    unit = r["primaryMetric"]["scoreUnit"]
    per = {"s": 1, "ms": 1e-3, "us": 1e-6, "ns": 1e-9}
    if unit.startswith("ops/"):
        return s / per[unit[4:]]
    return 1 / (s * per[unit.split("/")[0]])


def num(x):
    """A JMH number; JMH writes "NaN" (a string) for the error of a run with one iteration."""
    try:
        return float(x)
    except (TypeError, ValueError):
        return float("nan")


def fmt(r):
    m = r["primaryMetric"]
    gc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
    alloc = " (%.0f B/op)" % num(gc["score"]) if gc else ""
    err = num(m["scoreError"])
    return "%.4g%s %s%s" % (num(m["score"]), "" if err != err else " ± %.2g" % err, m["scoreUnit"], alloc)


# ServingBench payloads (fixed: generated from Random(42) in ServingBench.setup, which prints the size):
# bytes and numbers (cells for df) per request, for MB/s and numbers/s
PAYLOADS = {"f32": (587183, 50176), "f32py": (1020737, 50176), "u8": (258653, 49152), "df": (50627, 4000)}


def throughput_table(by):
    rows = [(params, r) for (name, params), r in sorted(by.items()) if name.startswith("ServingBench.")]
    if not rows:
        return
    print()
    print("| payload | method | ops/s | MB/s | numbers/s (M) |")
    print("|---|---|---|---|---|")
    for params, r in sorted(rows, key=lambda x: (dict(x[0]).get("payload", ""), x[1]["benchmark"])):
        payload = dict(params).get("payload")
        if payload not in PAYLOADS:
            continue
        ops = speed(r)
        size, numbers = PAYLOADS[payload]
        print("| %s | %s | %.4g | %.0f | %.1f |" % (payload, r["benchmark"].split(".")[-1], ops, ops * size / 1e6,
                                                   ops * numbers / 1e6))


def ratios(rs):
    """Each (hot path, baseline, params) of PAIRS present in a run, with speed(hot) / speed(baseline)."""
    by = {key(r): r for r in rs}
    out = []
    for a, b, target in PAIRS:
        for (name, params), r in sorted(by.items()):
            if name == a and (b, params) in by:
                out.append((a, b, params, speed(r) / speed(by[(b, params)]), target))
    return out


def main():
    path = sys.argv[1]
    rs = json.load(open(path))
    by = {key(r): r for r in rs}
    first = rs[0] if rs else {}
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    print("Measured on %s (%d cores), JDK %s, commit %s; file %s" % (
        cpu, os.cpu_count(), first.get("jdkVersion", "?"), os.path.basename(path)[:-5], path))
    print()
    print("| benchmark | params | score | baseline | baseline score | ratio | target |")
    print("|---|---|---|---|---|---|---|")
    seen = set()
    for a, b, target in PAIRS:
        for (name, params), r in sorted(by.items()):
            if name != a:
                continue
            base = by.get((b, params))
            if base is None:
                continue
            seen.add((name, params)); seen.add((b, params))
            ratio = speed(r) / speed(base)
            print("| %s | %s | %s | %s | %s | %.2fx | %s |" % (
                a, ", ".join("%s=%s" % kv for kv in params) or "-", fmt(r), b.split(".")[1], fmt(base), ratio, target))
    rest = [(k, r) for k, r in sorted(by.items()) if k not in seen]
    for (name, params), r in rest:
        print("| %s | %s | %s | - | - | - | |" % (name, ", ".join("%s=%s" % kv for kv in params) or "-", fmt(r)))
    throughput_table(by)


if __name__ == "__main__":
    main()
