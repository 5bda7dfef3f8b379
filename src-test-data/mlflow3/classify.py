"""Sort every corpus case whose MLflow 3.6 verdict differs from 2.17.2's by the rule of docs/mlflow3-rules.md that
causes it; writes src-test-data/mlflow3/corpus-diffs.tsv and prints a table per file and rule.

  python3 src-test-data/mlflow3/classify.py        (from the project root, after annotate.py)

A verdict differs when ok, or (when either is a serving verdict) http_status or error_code, differ between "mlflow" and "mlflow3".
Each differing case is also run through MLflow 3.6 on numpy 1.24 / pandas 1.5 (oracles.py): when that verdict
equals 2.17.2's, the change is numpy 2 / pandas 2's, not MLflow's (column np1 = "lib"); when it equals 3.6's
on numpy 2 / pandas 2, it is MLflow's ("mlflow"); else "both". The rule is then read from the case and the two
messages (first match of RULES below); "lib" cases get M9 / M10 / M11 or N (numpy / pandas, other).
"""
import collections
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import oracles  # noqa: E402

OUT = os.path.join(HERE, "corpus-diffs.tsv")


def msg(m):
    return "" if m.get("ok") else (m.get("message") or m.get("error") or "")


def verdict(m):
    return (m.get("ok"), m.get("http_status"), m.get("error_code"))


def rule(c, a, b, lib):
    s2, s3 = msg(a), msg(b)
    sig = json.dumps(c.get("signature"))
    raw = c.get("payload_raw") or ""
    both = s2 + " " + s3
    if "'optional'" in s3 or '\\"optional\\"' in sig:
        return "M2"
    if "'any'" in s2 and a.get("stage") == "signature":
        return "M1"
    if raw.startswith("\ufeff"):
        return "M6"
    if "out of bounds for" in s3 or "Failed to convert data `" in s3:
        return "M9"
    if "has no attribute 'map'" in s2 or "has no attribute 'dtype'" in s3:
        return "M11"
    if lib or "datetime" in sig:
        if any(k in both for k in ("tz", "timezone", "DatetimeIndex", "datetime", "Timestamp", "DataType.datetime")):
            return "M10"
        if lib:
            return "N"
    if "params" in sig and ("Failed to validate type and shape" in s3 or "Invalid parameters" in both):
        return "M7" if '\\"object\\"' in sig and "'object'" in s2 else "M8"
    if "len() of unsized object" in s3 or "truth value of an array" in s3:
        return "M4"
    if "Model is missing inputs" in s2 and b.get("ok") and ('"required\\": null' in sig or '\\"required\\"' not in sig
                                                              or "name\\\": 0" in sig):
        return "M3"
    top_null = "Model is missing inputs" in s2 or ("got NoneType" in s2 and "scalar" not in s2)
    if b.get("ok") and top_null and '\\"required\\"' not in sig and any(
            t in sig for t in ("array", "object", "map", "sparkml_vector")):
        return "M3"
    opt = '\\"required\\": false' in sig or '\\"required\\": null' in sig
    leaf = any(k in s2 for k in ("Failed to enforce schema of data `", "Expected data to be scalar"))
    if leaf and not opt:
        return "M5"
    if opt or "required" in sig:
        return "M4"
    return "?"


def main():
    rows = []
    files = sorted(glob.glob(os.path.join(ROOT, "src-test-data/conformance/*.jsonl"))
                   + glob.glob(os.path.join(ROOT, "src-test-data/serving/*.jsonl")))
    for f in files:
        if f.endswith("signet-mlflow3-cases.jsonl"):
            continue  # written rule by rule: its ids carry the rule
        for line in open(f, encoding="utf-8"):
            c = json.loads(line)
            a, b = c["mlflow"], c.get("mlflow3") or {}
            if "skipped" in b or not b:
                continue
            serving = "serving" in (a.get("path"), b.get("path"))  # a refused signature has no path
            keys = ["ok"] + (["http_status", "error_code"] if serving else [])
            if any(a.get(k) != b.get(k) for k in keys):
                rows.append((os.path.basename(f), c))
    np1 = oracles.run3([c for _, c in rows], np1=True)
    out, table = [], collections.Counter()
    for (f, c), z in zip(rows, np1):
        a, b = c["mlflow"], c["mlflow3"]
        src = "lib" if verdict(z) == verdict(a) else "mlflow" if verdict(z) == verdict(b) else "both"
        r = rule(c, a, b, src == "lib")
        table[(f, r)] += 1
        out.append("\t".join([f, c["id"], r, src, "%s/%s/%s" % verdict(a), "%s/%s/%s" % verdict(b),
                              msg(b).replace("\t", " ").replace("\n", "\\n")[:200]]))
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write("file\tid\trule\tcause\tmlflow 2.17.2 ok/status/code\tmlflow 3.6 ok/status/code\t3.6 message (200 chars)\n")
        fh.write("\n".join(out) + "\n")
    for f in sorted({f for f, _ in table}):
        print(f, " ".join("%s:%d" % (r, n) for (g, r), n in sorted(table.items()) if g == f))
    print("total", len(rows), "unclassified", sum(n for (g, r), n in table.items() if r == "?"))


if __name__ == "__main__":
    main()
