#!/usr/bin/python3
"""Run cases (jsonl, without mlflow field) through the oracle and attach mlflow field."""
import json, subprocess, sys, os
STRIP = {"id", "elapsed_ms", "traceback", "http", "agrees"}
def run(cases):
    inp = "\n".join(json.dumps({k: v for k, v in c.items() if k != "mlflow"}) for c in cases)
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=os.environ.get("MLFLOW_SRC", "/work/oracle/mlflow"))
    p = subprocess.run(["/usr/bin/python3", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "shared", "mlflow-oracle", "mlflow_oracle.py")], input=inp,
                       capture_output=True, text=True, env=env)
    outs = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    assert len(outs) == len(cases), (len(outs), len(cases), p.stderr[-3000:])
    res = []
    for c, o in zip(cases, outs):
        assert o["id"] == c["id"]
        m = {k: v for k, v in o.items() if k not in STRIP and not (k in ("error", "result") and v is None)}
        # corpus omits result when None on error? keep as oracle gives
        c = dict(c); c["mlflow"] = m
        res.append(c)
    return res
if __name__ == "__main__":
    cases = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
    for c in run(cases):
        print(json.dumps(c))
