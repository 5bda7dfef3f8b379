#!/usr/bin/python3
"""Differential fuzz cases for Signet: random-but-plausible signatures x inputs, judged by MLflow 2.17.2.

Generates cases in the corpus format (see /work/shared/conformance/README.md), runs them through the
MLflow oracle (real MLflow 2.17.2), keeps the ones the oracle could run (drops cases whose typed input
could not even be built, i.e. stage build_input, and oracle harness crashes) and writes them, with the
`mlflow` verdict attached, to signet-fuzz-cases.jsonl next to this directory.

usage (from the worktree root):
  python3 src-test-data/conformance/fuzz/gen_fuzz.py [--seed 17] [--n 2600] [--out FILE] [--no-oracle]
Oracle location: $MLFLOW_ORACLE (default /work/shared/mlflow-oracle/mlflow_oracle.py) run with
$ORACLE_PYTHON (default /usr/bin/python3) and PYTHONPATH=$MLFLOW_SRC (default /work/oracle/mlflow).

The generator is biased towards the rule book's boundaries: tensor dtypes that almost match
(int32/int64, float32/float64, datetime units), -1 in odd places, ragged arrays, the column
upcast table, object columns, NaN hints, nested Array/Object/Map, one-named-column lists, missing
and extra inputs, serving casts (lossy astype / np.array), envelope keys, content types, and the
params type table.
"""
import argparse, json, math, os, random, subprocess, sys

# ------------------------------------------------------------------ signature building blocks
INT_DT = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]
FLOAT_DT = ["float16", "float32", "float64"]
DT_UNITS = ["datetime64[ns]", "datetime64[s]", "datetime64[ms]", "datetime64[us]", "datetime64[D]"]
TENSOR_DT = INT_DT + FLOAT_DT + ["bool", "str", "bytes", "object"] + DT_UNITS + ["timedelta64[ms]"]
# weights: common dtypes more often
TENSOR_DT_COMMON = ["float32", "float64", "int32", "int64", "bool", "str", "object", "datetime64[ns]", "uint8"]
SHAPES = [[-1], [-1, 2], [-1, 1], [-1, -1], [2, -1], [-1, 2, -1], [3], [-1, 2, 2], [-1, 3], [1, -1], [-1, -1, 2], [2]]
SCALAR_TYPES = ["boolean", "integer", "long", "float", "double", "string", "binary", "datetime"]
PARAM_TYPES = ["boolean", "integer", "long", "float", "double", "string", "binary", "datetime"]
NAMES = ["a", "b", "c", "x", "feat", "y"]


def T(dtype, shape, name=None):
    d = {"type": "tensor", "tensor-spec": {"dtype": dtype, "shape": shape}}
    if name is not None:
        d["name"] = name
    return d


def C(t, name=None, required=True):
    d = {"type": t} if isinstance(t, str) else dict(t)
    if name is not None:
        d["name"] = name
    d["required"] = required
    return d


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.cases = []
        self.n = 0

    def ch(self, xs):
        return self.r.choice(xs)

    def p(self, x):
        return self.r.random() < x

    def add(self, kind, sig, **kw):
        self.n += 1
        c = {"id": "fz-%s-%04d" % (kind, self.n), "source": "signet-fuzz: " + kind, "signature": sig}
        c.update(kw)
        self.cases.append(c)

    # ---------------------------------------------------------------- types
    def coltype(self, depth=0):
        k = self.r.random()
        if depth >= 2 or k < 0.62:
            return self.ch(SCALAR_TYPES)
        if k < 0.80:
            return {"type": "array", "items": self.typejson(depth + 1)}
        if k < 0.92:
            props = {}
            for nm in self.r.sample(["x", "y", "z"], self.r.randint(1, 2)):
                pr = self.typejson(depth + 1)
                if self.p(0.3):
                    pr = dict(pr, required=False)
                props[nm] = pr
            return {"type": "object", "properties": props}
        if k < 0.97:
            return {"type": "map", "values": self.typejson(depth + 1)}
        return {"type": "sparkml_vector"}

    def typejson(self, depth):
        t = self.coltype(depth)
        return {"type": t} if isinstance(t, str) else t

    def col_schema(self):
        n = self.ch([1, 1, 1, 2, 2, 3])
        named = self.p(0.75)
        names = self.r.sample(NAMES, n)
        cols = []
        for i in range(n):
            t = self.coltype()
            req = True if not named else not self.p(0.2)
            if not named and self.p(0.02):
                req = False  # unnamed optional: signature error
            cols.append(C(t, names[i] if named else None, req))
        return cols

    def tensor_schema(self):
        if self.p(0.55):
            dt = self.ch(TENSOR_DT_COMMON) if self.p(0.6) else self.ch(TENSOR_DT)
            return [T(dt, list(self.ch(SHAPES)))]
        n = self.ch([1, 2, 2, 3])
        out = []
        for nm in self.r.sample(NAMES, n):
            dt = self.ch(TENSOR_DT_COMMON) if self.p(0.6) else self.ch(TENSOR_DT)
            out.append(T(dt, list(self.ch(SHAPES[:8])), nm))
        return out

    def param_schema(self):
        ps = []
        for nm in self.r.sample(["p", "q", "temp", "k", "when", "tags"], self.r.randint(1, 3)):
            t = self.ch(PARAM_TYPES[:-2] + ["datetime"]) if self.p(0.95) else "binary"  # binary: signature error
            arr = self.p(0.3)
            d = self.param_default(t)
            if arr:
                ps.append({"name": nm, "type": t, "default": [d] if d is not None else [], "shape": [-1]})
            else:
                ps.append({"name": nm, "type": t, "default": d, "shape": None} if self.p(0.3) else {"name": nm, "type": t, "default": d})
        return ps

    def param_default(self, t):
        return {"boolean": True, "integer": 3, "long": 7, "float": 0.5, "double": 1.25, "string": "s",
                "binary": "YWI=", "datetime": self.ch(["2023-06-26", "2023-06-26T10:00:00"])}[t]

    def param_value(self, t, shape):
        """python-path params may use typed helpers; serving ones only JSON."""
        good = {"boolean": [True, False], "integer": [1, -5, 2 ** 40], "long": [2, 2 ** 63 - 1],
                "float": [1.5, 3, 2 ** 40], "double": [2.5, 4, -1e300], "string": ["v", ""],
                "binary": ["YWI=", "x"], "datetime": ["2024-02-03", "2024-02-03T04:05:06", "20240203"]}[t]
        bad = [1.0, "1", True, None, {"k": 1}, [1, 2], 7, 2.5, "notadate", [[1], [2]], []]
        v = self.ch(good) if self.p(0.6) else self.ch(bad)
        if shape and self.p(0.7) and not isinstance(v, list):
            v = [v, self.ch(good)] if self.p(0.7) else [v]
        return v

    # ---------------------------------------------------------------- values for column types
    def val_for(self, t, bad=0.15, depth=0):
        if isinstance(t, dict) and "type" in t and len(t) == 1 or (isinstance(t, dict) and t.get("type") in SCALAR_TYPES):
            t = t["type"]
        if self.p(bad):
            return self.ch([None, "x", "5", 1.5, 1, True, [1], {"k": 1}, 2 ** 63, -1, 0, "2020-01-01", 1e20])
        if isinstance(t, str):
            return {
                "boolean": lambda: self.ch([True, False, 0, 1]),
                "integer": lambda: self.ch([1, -3, 0, 2 ** 31, 7]),
                "long": lambda: self.ch([1, 42, -7, 2 ** 40, 2 ** 63 - 1, 1.0]),
                "float": lambda: self.ch([1.5, 0.25, 3, -2.0]),
                "double": lambda: self.ch([1.5, 2, 1e10, -0.5, "2.5"]),
                "string": lambda: self.ch(["a", "hello", "", "1"]),
                "binary": lambda: self.ch(["eA==", "YWJj", "!!"]),
                "datetime": lambda: self.ch(["2020-01-01", "2020-01-01T10:00:00", "2021-12-31 23:59:59", "nope"]),
            }.get(t, lambda: 1)()
        ty = t.get("type")
        if ty == "array":
            return [self.val_for(t["items"], bad / 2, depth + 1) for _ in range(self.r.randint(0, 3))]
        if ty == "object":
            o = {}
            for k, pt in t["properties"].items():
                if pt.get("required", True) is False and self.p(0.5):
                    continue
                o[k] = self.val_for(pt, bad / 2, depth + 1)
            if self.p(0.1):
                o["extra"] = 1
            return o
        if ty == "map":
            return {k: self.val_for(t["values"], bad / 2, depth + 1) for k in self.r.sample(["k", "j", "m"], self.r.randint(1, 2))}
        if ty == "sparkml_vector":
            return [self.ch([1.0, 2.5, 0.0]) for _ in range(2)]
        return None

    # ---------------------------------------------------------------- values for tensor dtypes
    def scalar_for_dt(self, dt, bad=0.1):
        if self.p(bad):
            return self.ch([None, "x", "1.5", 1.5, True, 300, -1, 2 ** 63, "2020-01-01", [1]])
        if dt == "bool":
            return self.ch([True, False, 0, 1])
        if dt.startswith("int") or dt.startswith("uint"):
            return self.ch([1, 2, 0, 127, 128, 255, 256, -1, 1.7, 65536, 2 ** 31, "3"])
        if dt.startswith("float"):
            return self.ch([1.5, 2, 0.1, 1e5, -3.25, 70000.0, "2.5"])
        if dt in ("str",):
            return self.ch(["a", "bc", "", 5, 1.5])
        if dt == "bytes":
            return self.ch(["abc", "eA==", ""])
        if dt == "object":
            return self.ch([1, "a", 1.5, None, True])
        if dt.startswith("datetime"):
            return self.ch(["2020-01-01", "2020-01-01T00:00:01", "2020-01-01T00:00:00.123", "2020-13-01", "1"])
        if dt.startswith("timedelta"):
            return self.ch([1, 5, 1000])
        return 1

    def nested(self, shape, leaf):
        """nested list of the given concrete shape."""
        if not shape:
            return leaf()
        return [self.nested(shape[1:], leaf) for _ in range(shape[0])]

    def concrete(self, shape, mutate=0.2):
        s = [self.r.randint(0, 3) if d == -1 else d for d in shape]
        if s and shape[0] == -1 and s[0] == 0 and self.p(0.7):
            s[0] = self.r.randint(1, 3)
        if self.p(mutate):
            m = self.r.random()
            if m < 0.35 and s:
                i = self.r.randrange(len(s))
                s[i] = s[i] + self.ch([1, -1]) if s[i] > 0 else 1
            elif m < 0.65:
                s = s + [self.r.randint(1, 2)]
            elif s:
                s = s[:-1]
        return s

    def ragged_list(self, shape, leaf):
        s = self.concrete(shape, 0)
        if len(s) < 2 or s[0] < 2:
            s = [2, 2] + s[2:] if len(s) >= 2 else [2, 2]
        rows = [self.nested(s[1:], leaf) for _ in range(s[0])]
        rows[-1] = rows[-1][:-1] if rows[-1] else [leaf()]
        return rows

    # ================================================================ serving cases
    def serving(self):
        if self.p(0.5):
            sig_in = self.col_schema()
            body = self.col_payload(sig_in)
        else:
            sig_in = self.tensor_schema()
            body = self.tensor_payload(sig_in)
        sig = {"inputs": json.dumps(sig_in)}
        ps = None
        if self.p(0.25):
            ps = self.param_schema()
            sig["params"] = json.dumps(ps)
        if self.p(0.05):
            sig = {"outputs": json.dumps([C("long")])}
        if isinstance(body, dict) and self.p(0.25):
            body = dict(body)
            if ps and self.p(0.8):
                pr = {}
                for spec in self.r.sample(ps, self.r.randint(1, len(ps))):
                    pr[spec["name"]] = self.param_value(spec["type"], spec.get("shape"))
                if self.p(0.15):
                    pr["unknown"] = 1
                body["params"] = pr
            else:
                body["params"] = self.ch([{"p": 1}, {}, [1], None, "x"])
        kw = {}
        if self.p(0.06):
            kw["content_type"] = self.ch(["application/json; charset=UTF-8", "application/json; charset=utf-8",
                                          "application/json; charset=latin-1", "text/plain",
                                          "application/json; format=pandas-split", "application/JSON"])
        if self.p(0.05) and isinstance(body, dict):
            # NaN / Infinity literals and duplicate keys via raw text
            raw = json.dumps(body)
            raw = raw.replace("1.5", "NaN", 1) if "1.5" in raw else raw.replace("2", "Infinity", 1) if self.p(0.5) else raw
            self.add("sv", sig, payload_raw=raw, **kw)
            return
        if self.p(0.04):
            csv_sig = sig
            raw = self.csv_body(sig_in)
            self.add("sv", csv_sig, payload_raw=raw, content_type="text/csv")
            return
        self.add("sv", sig, payload=body, **kw)

    def csv_body(self, sig_in):
        names = [c.get("name") or "c%d" % i for i, c in enumerate(sig_in)]
        lines = [",".join(names)]
        for _ in range(self.r.randint(0, 3)):
            lines.append(",".join(str(self.ch([1, 2.5, "x", "", "2020-01-01", "true"])) for _ in names))
        return "\n".join(lines) + "\n"

    def col_payload(self, cols):
        named = all(c.get("name") is not None for c in cols)
        names = [c.get("name") for c in cols]
        nrows = self.ch([1, 1, 2, 3, 0])
        rows = [[self.val_for(c["type"] if isinstance(c["type"], str) and c["type"] != "array" and c["type"] != "object" and c["type"] != "map" else c) for c in cols] for _ in range(nrows)]
        for row in rows:  # drop optional values sometimes
            for i, c in enumerate(cols):
                if c.get("required") is False and self.p(0.3):
                    row[i] = None
        use = list(range(len(cols)))
        if named and self.p(0.12):  # missing column
            use.pop(self.r.randrange(len(use)))
        extra = named and self.p(0.1)
        cn = [names[i] for i in use] + (["zz"] if extra else [])
        data = [[row[i] for i in use] + ([1] if extra else []) for row in rows]
        if self.p(0.08) and data:  # ragged row
            data[0] = data[0][:-1] if data[0] else [1]
        fmt = self.ch(["split", "split", "records", "inputs_cols", "inputs_rows", "inputs_one", "instances_rows", "instances_cols", "inputs_list"])
        if fmt == "split":
            d = {"data": data}
            if named or self.p(0.3):
                d["columns"] = cn if named else list(range(len(cn)))
            if self.p(0.05):
                d["index"] = list(range(len(data)))
            return {"dataframe_split": d}
        if fmt == "records":
            if named:
                return {"dataframe_records": [dict(zip(cn, r)) for r in data]}
            return {"dataframe_records": data}
        if fmt == "inputs_cols":
            if named:
                return {"inputs": {n: [r[i] for r in data if i < len(r)] for i, n in enumerate(cn)}}
            return {"inputs": {"0": [r[0] for r in data if r]}}
        if fmt == "inputs_one":
            r = data[0] if data else [self.val_for("long") for _ in cn]
            if named:
                return {"inputs": {n: r[i] if i < len(r) else None for i, n in enumerate(cn)}}
            return {"inputs": r[0] if len(cn) == 1 and r else r}
        if fmt == "inputs_rows":
            if named:
                return {"inputs": [dict(zip(cn, r)) for r in data]}
            return {"inputs": data}
        if fmt == "instances_rows":
            if named:
                return {"instances": [dict(zip(cn, r)) for r in data]}
            return {"instances": data}
        if fmt == "instances_cols":
            return {"instances": {n: [r[i] for r in data if i < len(r)] for i, n in enumerate(cn)}} if named else {"instances": [r[0] for r in data if r]}
        # inputs_list: flat list (one column)
        return {"inputs": [r[0] for r in data if r]}

    def tensor_payload(self, specs):
        named = specs[0].get("name") is not None
        def tens(spec, mutate=0.2):
            dt = spec["tensor-spec"]["dtype"]
            shape = spec["tensor-spec"]["shape"]
            leaf = lambda: self.scalar_for_dt(dt)
            if self.p(0.08):
                return self.ragged_list(shape, leaf)
            if self.p(0.03):
                return leaf()
            return self.nested(self.concrete(shape, mutate), leaf)
        fmt = self.ch(["inputs", "inputs", "instances", "split", "records"])
        if fmt in ("inputs", "instances"):
            if not named:
                return {fmt: tens(specs[0])}
            if len(specs) == 1 and self.p(0.3):
                return {fmt: tens(specs[0])}
            use = [s for s in specs if not self.p(0.1)]
            d = {s["name"]: tens(s) for s in use}
            if self.p(0.08):
                d["zz"] = [1]
            if fmt == "instances" and self.p(0.6):
                # row form: list of dicts, one per row
                n = self.r.randint(1, 3)
                rows = []
                for _ in range(n):
                    rows.append({s["name"]: self.nested(self.concrete(s["tensor-spec"]["shape"][1:], 0.1),
                                                        lambda s=s: self.scalar_for_dt(s["tensor-spec"]["dtype"])) for s in use})
                return {"instances": rows}
            return {fmt: d}
        # dataframes
        if not named:
            spec = specs[0]
            t = tens(spec)
            rows = t if isinstance(t, list) else [t]
            rows = [r if isinstance(r, list) else [r] for r in rows]
            if self.p(0.3):
                rows = [[r] for r in rows]  # one column of list cells
            ncols = max([len(r) for r in rows] + [1])
            cols = ["c%d" % i for i in range(ncols)]
        else:
            n = self.r.randint(1, 3)
            cols = [s["name"] for s in specs]
            rows = []
            for _ in range(n):
                rows.append([self.nested(self.concrete(s["tensor-spec"]["shape"][1:], 0.1),
                                         lambda s=s: self.scalar_for_dt(s["tensor-spec"]["dtype"])) for s in specs])
        if fmt == "split":
            return {"dataframe_split": {"columns": cols, "data": rows}}
        return {"dataframe_records": [dict(zip(cols, r)) for r in rows]}

    # ================================================================ python-path cases
    def python(self):
        if self.p(0.5):
            sig_in = self.col_schema()
            inp = self.col_input(sig_in)
        else:
            sig_in = self.tensor_schema()
            inp = self.tensor_input(sig_in)
        sig = {"inputs": json.dumps(sig_in)}
        kw = {}
        if self.p(0.25):
            ps = self.param_schema()
            sig["params"] = json.dumps(ps)
            if self.p(0.85):
                pr = {}
                for spec in self.r.sample(ps, self.r.randint(1, len(ps))):
                    pr[spec["name"]] = self.py_param_value(spec)
                if self.p(0.1):
                    pr["unknown"] = 2
                kw["params"] = pr
        elif self.p(0.05):
            kw["params"] = {"p": 1}
        if self.p(0.03):
            sig = None
        self.add("py", sig, input=inp, **kw)

    def py_param_value(self, spec):
        t = spec["type"]
        if self.p(0.3):
            npdt = {"integer": ["int32", "int64", "int16"], "long": ["int32", "int64", "int16", "uint8"],
                    "float": ["float32", "float64", "int64"], "double": ["float64", "float32", "int64", "float16"],
                    "boolean": ["bool"], "string": ["str"], "binary": ["bytes"],
                    "datetime": ["datetime64[s]", "datetime64[D]"]}.get(t, ["int64"])
            dt = self.ch(npdt)
            val = {"bool": True, "str": "x", "bytes": "ab"}.get(dt, "2020-01-02" if dt.startswith("datetime") else (1.5 if dt.startswith("float") else 3))
            v = {"np_scalar": {"dtype": dt, "value": val}}
            if spec.get("shape") and self.p(0.5):
                return {"ndarray": {"dtype": dt, "data": [val, val]}}
            return v
        if self.p(0.1):
            return self.ch([{"date": "2020-01-02"}, {"datetime": "2020-01-02T03:04:05"}, {"bytes_b64": "eA=="}, {"decimal": "1.5"}, {"tuple": [1, 2]}])
        return self.param_value(t, spec.get("shape"))

    DF_DTYPES = {"boolean": ["bool", "object"], "integer": ["int32", "int64", "int16", "int8", "uint16"],
                 "long": ["int64", "int32", "uint32", "uint64", "float64"],
                 "float": ["float32", "float64", "int8", "int64"], "double": ["float64", "float32", "int32", "int64", "uint64"],
                 "string": ["object", "str"], "binary": ["object", "S3"], "datetime": ["datetime64[ns]", "datetime64[s]", "object"]}

    def col_input(self, cols):
        named = all(c.get("name") is not None for c in cols)
        names = [c.get("name") or "c%d" % i for i, c in enumerate(cols)]
        nrows = self.ch([1, 2, 3, 0])
        kind = self.ch(["dataframe", "dataframe", "dataframe", "json_cols", "json_row", "json_records", "json_rows",
                        "json_list", "ndarray", "dict_nd", "list", "object_array", "json_scalar"])
        if kind == "dataframe":
            data, dtypes = {}, {}
            for c, n in zip(cols, names):
                t = c["type"]
                if isinstance(t, str) and t in self.DF_DTYPES and self.p(0.85):
                    dt = self.ch(self.DF_DTYPES[t]) if self.p(0.7) else self.ch(["int64", "float64", "float32", "int32", "bool", "object", "uint8"])
                    data[n] = self.df_col_values(dt, nrows, t)
                    if dt not in ("object",) or self.p(0.5):
                        dtypes[n] = dt
                else:
                    data[n] = [self.val_for(t if isinstance(t, str) else c, 0.1) for _ in range(nrows)]
                if c.get("required") is False and self.p(0.3):
                    del data[n]
                    dtypes.pop(n, None)
            if named and self.p(0.1):
                data["zz"] = [1] * nrows
            d = {"data": data}
            if dtypes:
                d["dtypes"] = dtypes
            return {"dataframe": d}
        vals = lambda c: self.val_for(c["type"] if isinstance(c["type"], str) else c, 0.15)
        if kind == "json_cols":
            return {"json": {n: [vals(c) for _ in range(nrows)] for c, n in zip(cols, names)}}
        if kind == "json_row":
            return {"json": {n: vals(c) for c, n in zip(cols, names)}}
        if kind == "json_records":
            return {"json": [{n: vals(c) for c, n in zip(cols, names) if not (c.get("required") is False and self.p(0.3))} for _ in range(nrows)]}
        if kind == "json_rows":
            return {"json": [[vals(c) for c in cols] for _ in range(nrows)]}
        if kind == "json_list":
            return {"json": [vals(cols[0]) for _ in range(nrows)]}
        if kind == "json_scalar":
            return {"json": vals(cols[0])}
        if kind == "ndarray":
            dt = self.ch(["int64", "float64", "float32", "int32", "str", "object", "bool"])
            shp = self.ch([[nrows], [nrows, len(cols)], [nrows, len(cols) + 1], [1, 2, 2]])
            return {"ndarray": {"dtype": dt, "data": self.nested(shp, lambda: self.nd_leaf(dt))}}
        if kind == "dict_nd":
            d = {}
            for c, n in zip(cols, names):
                dt = self.ch(["int64", "float64", "float32", "int32", "str", "object", "bool"])
                d[n] = {"ndarray": {"dtype": dt, "data": self.nested(self.ch([[nrows], [nrows, 2], []]), lambda: self.nd_leaf(dt))}}
            return {"dict": d}
        if kind == "list":
            return {"list": [vals(cols[0]) for _ in range(nrows)]}
        return {"object_array": [vals(cols[0]) for _ in range(max(nrows, 1))]}

    def nd_leaf(self, dt):
        if dt == "bool":
            return self.ch([True, False])
        if dt in ("str", "object", "<U3"):
            return self.ch(["a", "b1", "2"]) if dt != "object" else self.ch([1, "a", 2.5, None])
        if dt.startswith("datetime"):
            return self.ch(["2020-01-01", "2020-06-01T12:00:00"])
        if dt.startswith("timedelta"):
            return self.ch([1, 7])
        if dt in ("bytes", "|S3", "S3"):
            return self.ch(["ab", "c"])
        if dt.startswith("float"):
            return self.ch([1.5, 0.0, 1.0, 2.0, -7.25])
        return self.ch([0, 1, 2, 100])

    def df_col_values(self, dt, n, target):
        out = []
        for _ in range(n):
            if dt in ("object",):
                v = self.ch({"string": ["a", "b", 1, None], "binary": [{"bytes_b64": "eA=="}, "x"], "boolean": [True, False, None, "x"],
                             "datetime": ["2020-01-01", {"date": "2020-01-02"}, "bad"], "double": ["1.5", 2, {"decimal": "2.5"}, "x"],
                             }.get(target, [1, "x", None, 2.5]))
            elif dt == "str":
                v = self.ch(["a", "bc"])
            elif dt == "S3":
                v = self.ch(["a", "bc"])
            elif dt == "bool":
                v = self.ch([True, False])
            elif dt.startswith("datetime"):
                v = self.ch(["2020-01-01", "2020-01-01T10:00:00"])
            elif dt.startswith("float"):
                v = self.ch([1.0, 2.0, 1.5, None, 0.0]) if dt == "float64" else self.ch([1.0, 1.5, 0.0])
            else:
                v = self.ch([0, 1, 2, 100] if not dt.startswith("uint") else [0, 1, 200])
            out.append(v)
        if dt == "float64" and target in ("long", "integer") and self.p(0.4) and n:
            out = [self.ch([1.0, 2.0, None]) for _ in range(n)]
        return out

    def tensor_input(self, specs):
        named = specs[0].get("name") is not None
        def nd(spec, same=0.55):
            sdt = spec["tensor-spec"]["dtype"]
            shape = spec["tensor-spec"]["shape"]
            dt = sdt if self.p(same) else self.near_dt(sdt)
            if dt in ("str", "bytes") and self.p(0.5):
                dt = "<U3" if dt == "str" else "|S3"
            s = self.concrete(shape, 0.2)
            if self.p(0.15) and all(x > 0 for x in s):
                return {"ndarray": {"dtype": dt, "shape": s}}
            return {"ndarray": {"dtype": dt, "data": self.nested(s, lambda: self.nd_leaf(dt))}}
        k = self.r.random()
        if named and len(specs) > 1 or (named and k < 0.5):
            if self.p(0.85):
                use = [s for s in specs if not self.p(0.08)]
                d = {s["name"]: nd(s) for s in use}
                if self.p(0.08):
                    d["zz"] = {"ndarray": {"dtype": "int64", "data": [1]}}
                if self.p(0.05) and d:
                    d[next(iter(d))] = {"json": [1.0, 2.0]}
                return {"dict": d}
            if self.p(0.5):
                return self.tensor_df(specs)
            return nd(specs[0])
        spec = specs[0]
        m = self.r.random()
        if m < 0.6:
            return nd(spec)
        if m < 0.72:
            dt = spec["tensor-spec"]["dtype"] if self.p(0.6) else self.near_dt(spec["tensor-spec"]["dtype"])
            inner = self.ch([[2], [1], [3], [2, 2]])
            elems = [{"ndarray": {"dtype": dt, "data": self.nested([self.r.randint(1, 3)] + inner[1:], lambda: self.nd_leaf(dt))}} for _ in range(self.r.randint(1, 3))]
            return {"ragged": elems}
        if m < 0.8:
            return {"object_array": [self.scalar_for_dt(spec["tensor-spec"]["dtype"]) for _ in range(self.r.randint(1, 3))]}
        if m < 0.9:
            return self.tensor_df(specs)
        if m < 0.95:
            return {"json": self.nested(self.concrete(spec["tensor-spec"]["shape"], 0.1), lambda: self.nd_leaf("float64"))}
        return {"list": [self.nd_leaf("float64") for _ in range(2)]}

    def near_dt(self, dt):
        near = {"int32": ["int64", "int16"], "int64": ["int32", "uint64", "float64"], "float32": ["float64", "float16"],
                "float64": ["float32", "int64"], "bool": ["int64", "object"], "str": ["object", "bytes"],
                "bytes": ["str", "object"], "object": ["str", "float64"], "uint8": ["int8", "int64"],
                "datetime64[ns]": ["datetime64[s]", "datetime64[us]", "object"], "datetime64[s]": ["datetime64[ns]", "datetime64[ms]"],
                "datetime64[ms]": ["datetime64[s]"], "datetime64[us]": ["datetime64[ns]"], "datetime64[D]": ["datetime64[s]"],
                "timedelta64[ms]": ["timedelta64[ns]", "int64"]}
        return self.ch(near.get(dt, ["float64", "int64", "object"]))

    def tensor_df(self, specs):
        named = specs[0].get("name") is not None
        n = self.r.randint(1, 3)
        if named:
            data, dtypes = {}, {}
            for s in specs:
                inner = self.concrete(s["tensor-spec"]["shape"][1:], 0.1)
                dt = s["tensor-spec"]["dtype"]
                col = [self.nested(inner, lambda: self.nd_leaf("float64" if not dt.startswith(("int", "uint")) else "int64")) for _ in range(n)]
                if self.p(0.2) and not inner:
                    col = [{"ndarray": {"dtype": dt if self.p(0.5) else "float64", "data": [self.nd_leaf("float64")] * 2}} for _ in range(n)]
                data[s["name"]] = col
                if not inner and self.p(0.4) and (dt.startswith(("int", "uint", "float")) or dt == "bool"):
                    dtypes[s["name"]] = dt
            d = {"data": data}
            if dtypes:
                d["dtypes"] = dtypes
            return {"dataframe": d}
        spec = specs[0]
        dt = spec["tensor-spec"]["dtype"]
        shape = spec["tensor-spec"]["shape"]
        if self.p(0.5):
            ncols = shape[1] if len(shape) > 1 and shape[1] > 0 else self.r.randint(1, 3)
            if self.p(0.2):
                ncols += 1
            cdt = dt if dt.startswith(("int", "uint", "float")) and self.p(0.6) else self.ch(["float64", "int64", "float32"])
            data = {"c%d" % i: [self.nd_leaf(cdt) for _ in range(n)] for i in range(ncols)}
            return {"dataframe": {"data": data, "dtypes": {k: cdt for k in data}}}
        inner = self.concrete(shape[1:], 0.2)
        flat = 1
        for x in inner:
            flat *= x
        col = [[self.nd_leaf("float64") for _ in range(flat)] for _ in range(n)] if inner else [self.nd_leaf("float64") for _ in range(n)]
        return {"dataframe": {"data": {"a": col}}}

    # ================================================================ signature-only cases
    def signature(self):
        k = self.r.random()
        if k < 0.4:
            ins = self.tensor_schema()
            s = ins[0]["tensor-spec"]
            s["dtype"] = self.ch(["<U5", "|S5", "U", "S", "foo", "int", "float", "datetime64", "M8[ns]", "f4", "i8", "complex64", "O", "str_", "bool_"])
            if self.p(0.3):
                s["shape"] = self.ch([[], [0], [-2], "x", None, [-1, None]])
        elif k < 0.7:
            ins = self.col_schema()
            c = ins[0]
            c["type"] = self.ch(["any", "foo", "int", "str", "tensor", "LONG", {"type": "array"}, {"type": "object", "properties": {}},
                                 {"type": "map", "values": {"type": "foo"}}, {"type": "array", "items": {"type": "long"}, "extra": 1}])
            if isinstance(c["type"], dict):
                c.update(c.pop("type"))
        else:
            ins = self.col_schema()
        sig = {"inputs": json.dumps(ins)}
        if self.p(0.5):
            ps = self.param_schema()
            p0 = ps[0]
            mut = self.r.random()
            if mut < 0.25:
                p0["default"] = self.ch([None, 1.5, "x", True, [1, 2], [[1]], {"a": 1}, 2 ** 70])
            elif mut < 0.45:
                p0["shape"] = self.ch([[2], [-1, -1], [], [1]])
            elif mut < 0.6:
                p0["type"] = self.ch(["int", "object", "array", "Long"])
            sig["params"] = json.dumps(ps)
        self.add("sig", sig, payload={"inputs": [1]})


def boundary(g, b):
    """A second, separately seeded phase (the main stream stays as it was): rules found by the fuzz
    that the main stream reaches only rarely."""
    DTS = ["1", "12", "0001-01-01", "2300-01-01", "1677-09-21", "2262-04-11T23:47:16.854775807", "1969-12-31T23:59:59.999",
           "2020-02-30", "NaT", "", "2020-01-01T00:00:00Z", "2020-01-01 10:00"]
    for _ in range(60):
        unit = b.ch(DT_UNITS + ["datetime64[ms]"])
        spec = [T(unit, [-1])]
        vals = [b.ch(DTS) for _ in range(b.r.randint(1, 3))]
        k = b.r.random()
        if k < 0.4:
            g.add("bd", {"inputs": json.dumps(spec)}, input={"ndarray": {"dtype": unit, "data": vals}})
        elif k < 0.6:
            g.add("bd", {"inputs": json.dumps(spec)}, input={"dataframe": {"data": {"a": [b.ch([1.5, -2.0, 1e19, 3.0]) for _ in vals]}}})
        else:
            g.add("bd", {"inputs": json.dumps(spec)}, payload={b.ch(["inputs", "instances"]): vals})
    for _ in range(30):
        cols = b.col_schema()
        dt = b.ch(["int64", "float64", "str", "object", "int32"])
        shp = b.ch([[1, 2, 2], [2, 1, 1], [1, 1, 1, 1], [0, 2, 2]])
        g.add("bd", {"inputs": json.dumps(cols)}, input={"ndarray": {"dtype": dt, "shape": shp} if dt != "object" else {"dtype": dt, "data": b.nested(shp, lambda: 1)}})
    for _ in range(40):
        cols = b.col_schema()
        names = [c.get("name") or "c%d" % i for i, c in enumerate(cols)]
        k = b.r.random()
        if k < 0.35:
            inp = {"json": {n: [] for n in names}}
        elif k < 0.7:
            inp = {"dict": {n: {"ndarray": {"dtype": b.ch(["int32", "float32", "int64", "str", "bool"]), "data": b.ch([[], [1], [1, 0]])}} for n in names}}
        else:
            inp = {"dataframe": {"data": {n: b.ch([[], ["", "1.5"], [[], 2.5], [{"json": {}}, None]]) for n in names[:1]}}}
        g.add("bd", {"inputs": json.dumps(cols)}, input=inp)


# ------------------------------------------------------------------ oracle and post-processing
STRIP = {"id", "elapsed_ms", "traceback", "http", "agrees"}


def run_oracle(cases, chunk=300):
    oracle = os.environ.get("MLFLOW_ORACLE", "/work/shared/mlflow-oracle/mlflow_oracle.py")
    py = os.environ.get("ORACLE_PYTHON", "/usr/bin/python3")
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=os.environ.get("MLFLOW_SRC", "/work/oracle/mlflow"))
    outs = {}
    for i in range(0, len(cases), chunk):
        part = cases[i:i + chunk]
        inp = "\n".join(json.dumps(c) for c in part)
        p = subprocess.run([py, oracle], input=inp, capture_output=True, text=True, env=env)
        for line in p.stdout.splitlines():
            try:
                o = json.loads(line)
            except ValueError:
                continue
            outs[o.get("id")] = o
        sys.stderr.write("oracle: %d/%d\n" % (min(i + chunk, len(cases)), len(cases)))
    return outs


def trim(v, depth=0):
    """keep the oracle's description small: long value lists are cut (scoring never reads them)."""
    if isinstance(v, dict):
        return {k: trim(x, depth + 1) for k, x in v.items()}
    if isinstance(v, list):
        if len(v) > 8:
            return [trim(x, depth + 1) for x in v[:8]] + ["..."]
        return [trim(x, depth + 1) for x in v]
    if isinstance(v, str) and len(v) > 600:
        return v[:600] + "..."
    return v


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--n", type=int, default=2600)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "signet-fuzz-cases.jsonl"))
    ap.add_argument("--no-oracle", action="store_true", help="write the generated cases without verdicts")
    a = ap.parse_args()
    g = Gen(a.seed)
    while len(g.cases) < a.n:
        k = g.r.random()
        if k < 0.47:
            g.serving()
        elif k < 0.95:
            g.python()
        else:
            g.signature()
    boundary(g, Gen(a.seed + 1000))
    cases = g.cases
    if a.no_oracle:
        kept = cases
    else:
        outs = run_oracle(cases)
        kept = []
        dropped = {}
        for c in cases:
            o = outs.get(c["id"])
            if o is None or o.get("stage") == "build_input":
                dropped["crash" if o is None else "build_input"] = dropped.get("crash" if o is None else "build_input", 0) + 1
                continue
            m = {k: v for k, v in o.items() if k not in STRIP and not (k in ("error", "result") and v is None)}
            m.pop("parsed", None)
            c = dict(c)
            c["mlflow"] = trim(m)
            kept.append(c)
        sys.stderr.write("kept %d, dropped %s\n" % (len(kept), dropped))
    with open(a.out, "w") as f:
        for c in kept:
            f.write(json.dumps(c) + "\n")


if __name__ == "__main__":
    main()
