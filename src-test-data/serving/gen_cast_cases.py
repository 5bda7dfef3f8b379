"""Oracle cases for numpy's element cast where Signet once had two copies that disagreed (issue 12):
timedelta64 strings (numpy reads them with C's strtol: leading white space and a sign, digits to the
end, clamped past int64; '' and 'NaT' in any case are NaT), dicts in bytes tensors (numpy stores
str(dict) encoded as ASCII; it knows no {"b64": ...}), and NaN / inf / out-of-range floats cast to
integer tensors from frames (pandas' astype refuses NaN; np.array(float64 series, dtype) and
np.vstack(...).astype(dtype) are C casts that store a wrong integer silently). Serving and in-process.

  python3 gen_cast_cases.py > cases.jsonl
  PYTHONHASHSEED=0 PYTHONPATH=/work/oracle/mlflow2 python3 mlflow_oracle.py cases.jsonl > v2.jsonl
  PYTHONHASHSEED=0 PYTHONPATH=/work/oracle/mlflow3src venv3/bin/python mlflow3_oracle.py cases.jsonl --http > v3.jsonl
  python3 gen_cast_cases.py --attach cases.jsonl v2.jsonl v3.jsonl > mlflow-serving-casts.jsonl
"""
import json
import sys

SERVING = ("ok", "http_status", "error_code", "message", "path")
PYTHON = ("ok", "stage", "error", "path")


def attach(cases_file, v2_file, v3_file):
    v2 = {o["id"]: o for o in map(json.loads, open(v2_file))}
    v3 = {o["id"]: o for o in map(json.loads, open(v3_file))}
    for line in open(cases_file):
        c = json.loads(line)
        keys = PYTHON if "input" in c else SERVING
        c["mlflow"] = {k: v2[c["id"]].get(k) for k in keys}
        c["mlflow3"] = {k: v3[c["id"]].get(k) for k in keys}
        print(json.dumps(c))


def tensor(dtype, shape, name=None):
    s = {"type": "tensor", "tensor-spec": {"dtype": dtype, "shape": shape}}
    if name:
        s["name"] = name
    return {"inputs": json.dumps([s])}


def generate():
    cases = []

    def add(cid, sig, **kw):
        c = {"id": "cast-" + cid, "signature": sig}
        c.update(kw)
        cases.append(c)

    for i, s in enumerate([" 5", "5 ", " 5 ", "\t5", "+5", "-5", "", "nat", "NaT", " nat", "nat ", "5x", "1_0",
                           "99999999999999999999", "-99999999999999999999", "-", "0x10", "\u00a05"]):
        add("td-inputs-%d" % i, tensor("timedelta64[s]", [-1]), payload={"inputs": [s, "1"]})
        add("td-instances-%d" % i, tensor("timedelta64[ms]", [-1, 1]), payload={"instances": [[s]]})
        add("td-python-%d" % i, tensor("timedelta64[s]", [-1]), input={"ndarray": {"dtype": "timedelta64[s]", "data": [s]}})
    for i, v in enumerate([{"b64": "AQID"}, {"b64": "!!!"}, {"b64": 5}, {"a": 1}, {"b64": "AQID", "x": 1}, {"b64": "\u00e9"}]):
        add("b64-inputs-%d" % i, tensor("bytes", [-1]), payload={"inputs": [v]})
        add("b64-named-%d" % i, tensor("bytes", [-1, 1], "b"), payload={"inputs": {"b": [[v], [v]]}})
        add("b64-split-%d" % i, tensor("bytes", [-1], "b"), payload={"dataframe_split": {"columns": ["b"], "data": [[v]]}})
    nan, inf = float("nan"), float("inf")
    for i, (dt, vals) in enumerate([("int64", [1.5, nan]), ("int32", [inf, 1.0]), ("uint8", [nan]), ("int64", [-inf]),
                                    ("int16", [1e10, 1.0]), ("uint64", [-1.0, 2.0]), ("int64", [1e19])]):
        add("nan-split-scalar-%d" % i, tensor(dt, [-1], "x"),
            payload_raw=json.dumps({"dataframe_split": {"columns": ["x"], "data": [[v] for v in vals]}}))
        add("nan-split-list-%d" % i, tensor(dt, [-1, len(vals)], "x"),
            payload_raw=json.dumps({"dataframe_split": {"columns": ["x"], "data": [[vals], [vals]]}}))
        add("nan-records-list-%d" % i, tensor(dt, [-1, len(vals)], "x"),
            payload_raw=json.dumps({"dataframe_records": [{"x": vals}]}))
        add("nan-python-scalar-%d" % i, tensor(dt, [-1], "x"), input={"dataframe": {"data": {"x": vals}}})
        add("nan-python-list-%d" % i, tensor(dt, [-1, len(vals)], "x"), input={"dataframe": {"data": {"x": [vals, vals]}}})
        add("nan-python-unnamed-%d" % i, tensor(dt, [-1]), input={"dataframe": {"data": {"x": vals}}})
    for c in cases:
        print(json.dumps(c))


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--attach":
        attach(*sys.argv[2:])
    else:
        generate()
