"""Attach MLflow 3.6's verdict to every case of Signet's corpora, as a field "mlflow3" beside "mlflow".

Run from the project root, with the MLflow 3.6 oracle (numpy 2.3 / pandas 2.3; see
../shared/mlflow3-oracle/README.md):

  PYTHONHASHSEED=0 PYTHONPATH=/work/oracle/mlflow3src /work/oracle/venv3/bin/python \
      src-test-data/mlflow3/annotate.py src-test-data/conformance/*.jsonl src-test-data/serving/*.jsonl

Each case line keeps every byte it had; the line gets `, "mlflow3": {...}` before its closing brace
(a rerun replaces the field it added before). The verdict has the shape of the file's "mlflow" field:
files whose "mlflow" holds the oracle's full output (parsed / result / warnings) get 3.6's full output
(less id, elapsed_ms, the --http echo, tracebacks and a null error / result, as
conformance/extra/run.py stores them); files with a compact verdict get the same keys in
the same order. Cases MLflow 3.6 cannot be asked get {"skipped": "<why>"}.

Options:
  --field NAME     the field to write (default mlflow3)
  --dry-run DIR    write nothing into the corpora; put {"id", NAME: verdict} lines in DIR/<file name>
                   (used with the numpy 1.24 / pandas 1.5 install of 3.6 to tell an MLflow change from
                   a numpy 2 / pandas 2 one: same command with PYTHONPATH=/work/oracle/mlflow3src-np1
                   /work/oracle/venv3np1/bin/python ... --field mlflow3np1 --dry-run /tmp/np1)
  --oracle DIR     where mlflow3_oracle.py lives (default ../shared/mlflow3-oracle beside the project,
                   else /work/shared/mlflow3-oracle)

Every serving case is also sent through MLflow 3's FastAPI app (the oracle's --http); a case whose HTTP
status differs from the verdict's is reported on stderr (none did when this was written).
Ends with one line per file on stderr: cases, skipped, and how many verdicts differ from "mlflow" in
ok / http_status / error_code.
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DROP = {"id", "elapsed_ms", "http", "traceback", "agrees"}


def load_oracle(path):
    for d in ([path] if path else [os.path.join(os.path.dirname(ROOT), "shared", "mlflow3-oracle"),
                                   "/work/shared/mlflow3-oracle"]):
        if d and os.path.isfile(os.path.join(d, "mlflow3_oracle.py")):
            sys.path.insert(0, d)
            import mlflow3_oracle  # noqa: E402  (imports MLflow 3.x itself)
            return mlflow3_oracle
    sys.exit("annotate: mlflow3_oracle.py not found (give --oracle DIR)")


def strip_field(line, case, field):
    """The line as it was before this script added `field` (byte-identical)."""
    if field not in case:
        return line
    suffix = ', "%s": %s}' % (field, json.dumps(case[field]))
    if not line.endswith(suffix):
        sys.exit("annotate: %s: field %r was not added by this script; refusing to touch the line" % (case.get("id"), field))
    return line[: -len(suffix)] + "}"


def file_shape(cases):
    """None = full oracle output; else the ordered key list of the compact verdicts."""
    keys = []
    for c in cases:
        m = c.get("mlflow") or {}
        if "warnings" in m or "result" in m or "parsed" in m:
            return None
        for k in m:
            if k not in keys:
                keys.append(k)
    return keys


def skip_reason(case):
    raw = case.get("payload_raw")
    if raw is not None:
        try:
            raw.encode("utf-8")
        except UnicodeEncodeError:
            return "body is not UTF-8 text; MLflow 3's route reads bytes the case format cannot carry"
    return None


def verdict(oracle, case, shape):
    why = skip_reason(case)
    if why:
        return {"skipped": why}, None
    try:
        out = oracle.run_case(case, http=True)
    except Exception as e:  # the oracle itself failed: MLflow 3.6 was not asked
        return {"skipped": "oracle failed: %s: %s" % (type(e).__name__, str(e)[:200])}, None
    if out.get("stage") == "build_input" and (case.get("mlflow") or {}).get("stage") != "build_input":
        return {"skipped": "input cannot be built on this numpy/pandas: " + (out.get("error") or "")[:300]}, None
    http = out.get("http")
    note = None
    if http is not None and http.get("status") != out.get("http_status"):
        note = "http %s != verdict %s" % (http.get("status"), out.get("http_status"))
    if shape is None:
        # the corpus shape (conformance/extra/run.py): no null "error" / "result"
        v = {k: x for k, x in out.items() if k not in DROP and not (k in ("error", "result") and x is None)}
    else:
        v = {k: out.get(k) for k in shape}
    return v, note


def annotate(oracle, path, field, dry_dir):
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    cases = [json.loads(l) for l in lines]
    base = [strip_field(l, c, field) for l, c in zip(lines, cases)]
    shape = file_shape(cases)
    new_lines, dry = [], []
    n = skipped = 0
    diff = {"ok": 0, "http_status": 0, "error_code": 0, "any": 0}
    for line, case in zip(base, cases):
        case.pop(field, None)
        v, note = verdict(oracle, case, shape)
        if note:
            sys.stderr.write("%s %s: %s\n" % (os.path.basename(path), case.get("id"), note))
        n += 1
        if "skipped" in v:
            skipped += 1
        else:
            m = case.get("mlflow") or {}
            d = False
            for k in ("ok", "http_status", "error_code"):
                if k == "ok" or "serving" in (m.get("path"), v.get("path")):
                    if m.get(k) != v.get(k):
                        diff[k] += 1
                        d = True
            diff["any"] += d
        enc = json.dumps(v)
        assert line.endswith("}")
        new_lines.append(line[:-1] + ', "%s": %s}' % (field, enc))
        dry.append(json.dumps({"id": case.get("id"), field: v}))
    if dry_dir:
        os.makedirs(dry_dir, exist_ok=True)
        with open(os.path.join(dry_dir, os.path.basename(path)), "w", encoding="utf-8") as fh:
            fh.write("\n".join(dry) + "\n")
    else:
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write("\n".join(new_lines) + "\n")
        os.replace(tmp, path)
    sys.stderr.write("%s: %d cases, %d skipped, differ from mlflow: %d (ok %d, http_status %d, error_code %d)\n"
                     % (path, n, skipped, diff["any"], diff["ok"], diff["http_status"], diff["error_code"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+")
    ap.add_argument("--field", default="mlflow3")
    ap.add_argument("--dry-run", metavar="DIR")
    ap.add_argument("--oracle", metavar="DIR")
    a = ap.parse_args()
    if os.environ.get("PYTHONHASHSEED") != "0":
        sys.exit("annotate: run with PYTHONHASHSEED=0 (set order in MLflow's messages follows the hash seed)")
    oracle = load_oracle(a.oracle)
    for f in a.files:
        annotate(oracle, f, a.field, a.dry_run)


if __name__ == "__main__":
    main()
