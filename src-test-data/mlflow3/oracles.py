"""Run cases through the MLflow oracles as subprocesses (used by gen_mlflow3_cases.py; also a probe).

  2.17.2:         PYTHONPATH=$MLFLOW2_SRC (default /work/oracle/mlflow2) /usr/bin/python3 mlflow_oracle.py
  3.6 (np2/pd2):  PYTHONPATH=$MLFLOW3_SRC (default /work/oracle/mlflow3src) $MLFLOW3_VENV/bin/python
                  mlflow3_oracle.py --http  (venv default /work/oracle/venv3)
  3.6 (np1/pd1.5): $MLFLOW3NP1_SRC / $MLFLOW3NP1_VENV (defaults /work/oracle/mlflow3src-np1,
                  /work/oracle/venv3np1), only to tell an MLflow change from a numpy/pandas one.
Every run has PYTHONHASHSEED=0. The oracle drivers live in ../shared (beside the project) or
/work/shared.

Probe: python3 oracles.py cases.jsonl  (or stdin) prints one line per case with the three verdicts.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
STRIP = {"id", "elapsed_ms", "traceback", "http", "agrees"}


def _shared(sub):
    for d in (os.path.join(os.path.dirname(ROOT), "shared", sub), os.path.join("/work/shared", sub)):
        if os.path.isdir(d):
            return d
    sys.exit("oracles: ../shared/%s not found" % sub)


def _run(cmd, pypath, cases):
    inp = "\n".join(json.dumps({k: v for k, v in c.items() if k not in ("mlflow", "mlflow3")}) for c in cases)
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=pypath)
    p = subprocess.run(cmd, input=inp, capture_output=True, text=True, env=env)
    outs = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    if len(outs) != len(cases):
        sys.exit("oracles: %s gave %d verdicts for %d cases\n%s" % (cmd[0], len(outs), len(cases), p.stderr[-3000:]))
    for c, o in zip(cases, outs):
        assert o["id"] == c["id"], (o["id"], c["id"])
    return outs


def shape(o):
    """The corpus shape of a verdict (conformance/extra/run.py): no id/timing/http echo, no null error/result."""
    return {k: v for k, v in o.items() if k not in STRIP and not (k in ("error", "result") and v is None)}


def run2(cases):
    d = _shared("mlflow-oracle")
    return _run(["/usr/bin/python3", os.path.join(d, "mlflow_oracle.py")],
                os.environ.get("MLFLOW2_SRC", "/work/oracle/mlflow2"), cases)


def run3(cases, np1=False):
    d = _shared("mlflow3-oracle")
    if np1:
        venv = os.environ.get("MLFLOW3NP1_VENV", "/work/oracle/venv3np1")
        src = os.environ.get("MLFLOW3NP1_SRC", "/work/oracle/mlflow3src-np1")
    else:
        venv = os.environ.get("MLFLOW3_VENV", "/work/oracle/venv3")
        src = os.environ.get("MLFLOW3_SRC", "/work/oracle/mlflow3src")
    outs = _run([os.path.join(venv, "bin", "python"), os.path.join(d, "mlflow3_oracle.py"), "--http"], src, cases)
    for o in outs:
        h = o.get("http")
        if h is not None and h.get("status") != o.get("http_status"):
            sys.stderr.write("oracles: %s: HTTP %s but verdict %s\n" % (o["id"], h.get("status"), o.get("http_status")))
    return outs


def brief(o):
    if o.get("ok"):
        return "ok" + (" %s" % o["http_status"] if o.get("http_status") else "")
    msg = o.get("message") or o.get("error") or ""
    i = msg.rfind("Error: ")
    if msg.startswith("Failed to predict") and i >= 0:
        msg = msg[i + 7:]
    return "%s %s %s | %s" % (o.get("http_status") or "", o.get("error_code") or "", o.get("stage") or "", msg[:300])


if __name__ == "__main__":
    fh = open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin
    cases = [json.loads(l) for l in fh if l.strip()]
    a, b, c = run2(cases), run3(cases), run3(cases, np1=True)
    for x, y, z in zip(a, b, c):
        print("== %s\n  2.17 : %s\n  3np2 : %s\n  3np1 : %s" % (x["id"], brief(x), brief(y), brief(z)))
