import os
import json, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import run
def T(dtype, shape, name=None):
    d = {"type": "tensor", "tensor-spec": {"dtype": dtype, "shape": shape}}
    if name: d["name"] = name
    return d
def C(t, name=None, required=True):
    d = {"type": t} if isinstance(t, str) else dict(t)
    if name: d["name"] = name
    d["required"] = required
    return d
def show(cases, full=False):
    for c in run(cases):
        m = c["mlflow"]
        if full:
            print(c["id"], json.dumps(m)[:1500]); continue
        if m.get("ok"):
            r = m.get("result") or {}
            print(c["id"], "OK", m.get("http_status",""), json.dumps(r.get("data"))[:400], "params=", json.dumps(r.get("params"))[:200], m.get("warnings") or "")
        else:
            e = m.get("message") or m.get("error") or ""
            if "Error: " in e and "Failed to" in e:
                e = "..." + e[e.rfind("Error: "):]
            print(c["id"], "FAIL", m.get("http_status",""), m.get("error_code",""), m.get("stage",""), e[:600].replace("\n","\\n"), m.get("warnings") or "")
