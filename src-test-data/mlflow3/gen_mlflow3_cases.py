"""Cases for the rules that changed between MLflow 2.17.2 and MLflow 3.6 (docs/mlflow3-rules.md), written rule
by rule; each case runs through BOTH oracles: field "mlflow" = MLflow 2.17.2 (numpy 1.24 / pandas 1.5), field
"mlflow3" = MLflow 3.6 on numpy 2.3 / pandas 2.3 (Signet's "MLflow 3" profile). Both in the corpus shape of
conformance/extra/run.py (no id / timing / http echo, no null error / result).

  python3 src-test-data/mlflow3/gen_mlflow3_cases.py            (from the project root)
writes src-test-data/conformance/signet-mlflow3-cases.jsonl. Ids are "m3-<rule>-<what>"; <rule> is the rule id of
docs/mlflow3-rules.md (M1 ... M13), the source field says the rule and what the case probes. The oracles are
found as described in oracles.py beside this file (PYTHONHASHSEED=0 is set for them).
  --np1  also runs MLflow 3.6 on numpy 1.24 / pandas 1.5 and prints, per rule, how many 3.6 verdicts differ
         between the two library stacks (not stored; it tells an MLflow change from a numpy/pandas one).
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import oracles  # noqa: E402

OUT = os.path.join(os.path.dirname(HERE), "conformance", "signet-mlflow3-cases.jsonl")
NAN = float("nan")

CASES = []


def C(t, name=None, req="true", **kw):
    """A ColSpec dict; req: "true"/"false" -> that value, "absent" -> no key, "null" -> null."""
    d = {"type": t} if isinstance(t, str) else dict(t)
    if name is not None:
        d["name"] = name
    if req == "true":
        d["required"] = True
    elif req == "false":
        d["required"] = False
    elif req == "null":
        d["required"] = None
    d.update(kw)
    return d


def A(t):
    return {"type": "array", "items": t if isinstance(t, dict) else {"type": t}}


def M(t):
    return {"type": "map", "values": t if isinstance(t, dict) else {"type": t}}


def O(**props):
    return {"type": "object", "properties": {k: (v if isinstance(v, dict) else {"type": v}) for k, v in props.items()}}


def P(t, required=True):
    d = dict(t) if isinstance(t, dict) else {"type": t}
    if required is not True:
        d["required"] = required
    return d


def T(dtype, shape, name=None):
    d = {"type": "tensor", "tensor-spec": {"dtype": dtype, "shape": shape}}
    if name is not None:
        d["name"] = name
    return d


def sig(inputs, params=None):
    s = {}
    if inputs is not None:
        s["inputs"] = json.dumps(inputs)
    if params is not None:
        s["params"] = json.dumps(params)
    return s


def add(cid, rule, what, signature, **kw):
    c = {"id": "m3-%s-%s" % (rule, cid), "source": "signet-mlflow3: %s: %s" % (rule, what), "signature": signature}
    c.update(kw)
    CASES.append(c)


def formats(rows, cols):
    """The serving bodies that carry the same table of named columns (rows: list of dicts)."""
    yield "split", {"dataframe_split": {"columns": cols, "data": [[r.get(c) for c in cols] for r in rows]}}
    yield "records", {"dataframe_records": rows}
    yield "inrec", {"inputs": rows}
    yield "instrec", {"instances": rows}
    yield "incols", {"inputs": {c: [r.get(c) for r in rows] for c in cols}}


ALL = ("split", "records", "inrec", "incols")
NESTED = ("records", "inrec", "incols")


def serve_all(rule, cid, what, inputs, rows, cols=None, params=None, fmts=ALL):
    """One case per body format in fmts ("instances" records take the "inputs" records path, so instrec is
    used only where the key itself is the point)."""
    cols = cols or sorted({k for r in rows for k in r})
    for fmt, body in formats(rows, cols):
        if fmt not in fmts:
            continue
        add("%s-%s" % (cid, fmt), rule, "%s (%s)" % (what, fmt), sig(inputs, params), payload=body)


def python_df(rule, cid, what, inputs, data, columns=None, dtypes=None):
    df = {"data": data}
    if columns is not None:
        df["columns"] = columns
    if dtypes:
        df["dtypes"] = dtypes
    add(cid + "-py", rule, what + " (in-process DataFrame)", sig(inputs), input={"dataframe": df})


# ------------------------------------------------------------------------------------------ M1 any
R = "M1"
ANY_VALUES = [("int", 1), ("str", "x"), ("null", None), ("float", 2.5), ("bool", True), ("list", [1, "a", None]),
              ("dict", {"k": [1, {"z": None}]}), ("empty-list", []), ("empty-dict", {}), ("nan", NAN)]
for req in ("true", "false", "absent"):
    for vn, v in ANY_VALUES:
        serve_all(R, "col-%s-%s" % (req, vn), "any column (required %s) takes %s unchecked" % (req, vn),
                  [C("any", "a", req), C("long", "b")], [{"a": v, "b": 1}], ["a", "b"])
for vn, v in ANY_VALUES[:7]:
    add("py-json-" + vn, R, "any column, in-process dict of lists holding " + vn, sig([C("any", "a")]),
        input={"json": {"a": [v, 1]}})
add("col-missing-required", R, "any column required and absent", sig([C("any", "a"), C("long", "b")]),
    payload={"dataframe_split": {"columns": ["b"], "data": [[1]]}})
add("col-missing-optional", R, "any column optional and absent", sig([C("any", "a", "false"), C("long", "b")]),
    payload={"dataframe_split": {"columns": ["b"], "data": [[1]]}})
add("col-missing-absent-req", R, "any column with no required key, absent from the data",
    sig([C("any", "a", "absent"), C("long", "b")]), payload={"dataframe_split": {"columns": ["b"], "data": [[1]]}})
for body, ct, what in [("a\n1\n", "text/csv", "CSV into an any column is a 400 (no pandas type)"),
                       ("a,b\nx,1\n", "text/csv", "CSV into any + long columns is a 400"),
                       ("1\n", "text/csv", "CSV, unnamed any column")]:
    inputs = [C("any", None)] if "unnamed" in what else ([C("any", "a")] if "b" not in body else [C("any", "a"), C("long", "b")])
    add("csv-%d" % len(CASES), R, what, sig(inputs), payload_raw=body, content_type=ct)
add("unnamed-split", R, "unnamed any column, dataframe_split", sig([C("any", None)]),
    payload={"dataframe_split": {"data": [[1], ["x"], [None]]}})
add("unnamed-inputs", R, "unnamed any column, inputs list", sig([C("any", None)]), payload={"inputs": [1, "x", None]})
for vn, v in ANY_VALUES:
    serve_all(R, "arr-items-" + vn, "Array(any) cell holding [%s]" % vn, [C(A("any"), "a")], [{"a": [v]}], ["a"],
              fmts=NESTED)
    serve_all(R, "map-values-" + vn, "Map(any) cell holding {k: %s}" % vn, [C(M("any"), "a")], [{"a": {"k": v}}], ["a"],
              fmts=NESTED)
    serve_all(R, "obj-prop-" + vn, "Object property of type any holding " + vn,
              [C(O(x=P("any"), y=P("long")), "a")], [{"a": {"x": v, "y": 1}}], ["a"], fmts=NESTED)
for vn, v in [("null", None), ("empty", [])]:
    serve_all(R, "arr-any-req-" + vn, "required Array(any) column given " + vn, [C(A("any"), "a")], [{"a": v}], ["a"])
for vn, v in [("null", None), ("empty", {})]:
    serve_all(R, "map-any-req-" + vn, "required Map(any) column given " + vn, [C(M("any"), "a")], [{"a": v}], ["a"])
add("obj-prop-any-missing", R, "required any property missing from the object",
    sig([C(O(x=P("any"), y=P("long")), "a")]), payload={"dataframe_records": [{"a": {"y": 1}}]})
add("param-any", R, "a param of type any does not load (DataType has no any)",
    sig([C("long", "a")], [{"name": "p", "type": "any", "default": 1}]), payload={"inputs": {"a": [1]}})
add("tensor-any", R, "a tensor dtype any does not load (numpy)", sig([T("any", [-1])]), payload={"inputs": [1]})
add("repr", R, "repr of any inside an error message (Any)", sig([C("any", "a"), C("long", "b")]),
    payload={"dataframe_split": {"columns": ["a"], "data": [[1]]}})

# ------------------------------------------------------------------------------------------ M2 legacy optional key
R = "M2"
for t in ["long", "string", "double", "boolean", "binary", "datetime", "integer", "float"]:
    for ov in (True, False):
        add("%s-%s" % (t, str(ov).lower()), R, "ColSpec %s with legacy optional=%s" % (t, ov),
            sig([C(t, "a", "absent", optional=ov)]), payload={"inputs": {"a": [1]}})
add("both-keys", R, "optional and required both given", sig([C("long", "a", "true", optional=False)]),
    payload={"inputs": {"a": [1]}})
add("unnamed", R, "unnamed column with optional", sig([C("long", None, "absent", optional=False)]),
    payload={"inputs": [1]})
for tn, t in [("array", A("long")), ("object", O(x=P("long"))), ("map", M("long")), ("vector", {"type": "sparkml_vector"}),
              ("any", {"type": "any"})]:
    for ov in (True, False):
        # optional is dropped silently for these types; required is then absent -> optional column
        add("%s-%s-missing" % (tn, str(ov).lower()), R, "%s column with legacy optional=%s, column absent" % (tn, ov),
            sig([C(t, "a", "absent", optional=ov), C("long", "b")]),
            payload={"dataframe_split": {"columns": ["b"], "data": [[1]]}})
    add("%s-present" % tn, R, "%s column with legacy optional=false, value given" % tn,
        sig([C(t, "a", "absent", optional=False)]),
        payload={"dataframe_records": [{"a": {"x": 1} if tn in ("object", "map") else [1.0] if tn == "vector" else [1]}]})
add("property", R, "legacy optional inside an Object property is ignored (property stays required)",
    sig([C(O(x={"type": "long", "optional": True}, y=P("long")), "a")]), payload={"dataframe_records": [{"a": {"y": 1}}]})
add("second-col", R, "the TypeError comes from the first ColSpec that has the key",
    sig([C("long", "a"), C("string", "b", "absent", optional=True)]), payload={"inputs": {"a": [1]}})

# ------------------------------------------------------------------------------------------ M3 required absent / null
R = "M3"
TYPES = [("long", "long"), ("string", "string"), ("double", "double"), ("datetime", "datetime"),
         ("array", A("long")), ("object", O(x=P("long"))), ("map", M("long")), ("vector", {"type": "sparkml_vector"}),
         ("any", {"type": "any"})]
for tn, t in TYPES:
    for req in ("absent", "null", "true", "false"):
        add("%s-%s-missing" % (tn, req), R, "%s column, required %s, column missing" % (tn, req),
            sig([C(t, "a", req), C("long", "b")]), payload={"dataframe_split": {"columns": ["b"], "data": [[1]]}})
        add("%s-%s-null" % (tn, req), R, "%s column, required %s, null cell" % (tn, req),
            sig([C(t, "a", req), C("long", "b")]), payload={"dataframe_records": [{"a": None, "b": 1}]})
    add("%s-absent-repr" % tn, R, "%s column with no required key: repr says (optional) or (required)" % tn,
        sig([C(t, "a", "absent"), C("long", "b")]), payload={"dataframe_split": {"columns": ["a"], "data": [[None]]}})
for req in ("absent", "null"):
    add("prop-%s" % req, R, "Object property with required %s, property missing" % req,
        sig([C(O(x={"type": "long", **({} if req == "absent" else {"required": None})}, y=P("long")), "a")]),
        payload={"dataframe_records": [{"a": {"y": 1}}]})
    add("prop-%s-null" % req, R, "Object property with required %s, property null" % req,
        sig([C(O(x={"type": "long", **({} if req == "absent" else {"required": None})}, y=P("long")), "a")]),
        payload={"dataframe_records": [{"a": {"x": None, "y": 1}}]})
add("unnamed-null", R, "unnamed column with required null", sig([C("long", None, "null")]), payload={"inputs": [1]})
add("unnamed-array-absent", R, "unnamed array column without required key (= optional: unnamed optional refused)",
    sig([C(A("long"), None, "absent")]), payload={"inputs": [[1]]})
add("tensor-null", R, "tensor spec ignores required", sig([dict(T("int64", [-1], "t"), required=None)]),
    payload={"inputs": {"t": [1]}})
add("py-array-absent", R, "in-process: array column without required key, dict without it",
    sig([C(A("long"), "a", "absent"), C("long", "b")]), input={"json": {"b": [1]}})

# ------------------------------------------------------------------------------------------ M4 optional reaches nested values
R = "M4"
NESTED_OPT = [("null", None), ("nan", NAN), ("empty-obj", {}), ("empty-list", [])]
for pn, pt in [("long", P("long", False)), ("double", P("double", False)), ("string", P("string", False)),
               ("array", P(A("long"), False)), ("object", P(O(y=P("long")), False)), ("map", P(M("long"), False)),
               ("req-long", P("long")), ("req-array", P(A("long"))), ("req-object", P(O(y=P("long")))),
               ("req-map", P(M("long")))]:
    for vn, v in NESTED_OPT:
        serve_all(R, "prop-%s-%s" % (pn, vn), "Object property %s given %s" % (pn, vn),
                  [C(O(x=pt, z=P("long")), "a")], [{"a": {"x": v, "z": 1}}], ["a"], fmts=NESTED)
for cn, ct in [("array", A("long")), ("object", O(x=P("long"))), ("map", M("long")), ("array-double", A("double")),
               ("array-array", A(A("long"))), ("map-array", M(A("string")))]:
    for req in ("false", "true"):
        for vn, v in NESTED_OPT:
            serve_all(R, "col-%s-%s-%s" % (cn, req, vn), "%s column (required %s) given %s" % (cn, req, vn),
                      [C(ct, "a", req), C("long", "b")], [{"a": v, "b": 1}, {"a": v, "b": 2}], ["a", "b"])
for mn, mt in [("map-opt", M("long")), ("arr-in-map", M(A("long")))]:
    for vn, v in NESTED_OPT:
        serve_all(R, "%s-value-%s" % (mn, vn), "optional %s column, a map value %s" % (mn, vn),
                  [C(mt, "a", "false")], [{"a": {"k": v, "j": [1] if "arr" in mn else 1}}], ["a"], fmts=NESTED)
for vn, v in NESTED_OPT:
    serve_all(R, "arr-elem-opt-" + vn, "optional Array(long) column, an element " + vn,
              [C(A("long"), "a", "false")], [{"a": [1, v]}], ["a"])
    serve_all(R, "arr-obj-elem-opt-" + vn, "optional Array(Object) column, an element " + vn,
              [C(A(O(x=P("long"))), "a", "false")], [{"a": [{"x": 1}, v]}], ["a"])
# the inputs / instances records path: a null optional array/object column ends in len() of unsized object
for cn, ct in [("array", A("long")), ("array-array", A(A("double"))), ("object", O(x=P("long"))), ("map", M("long"))]:
    for key in ("inputs", "instances"):
        add("unsized-%s-%s-1" % (cn, key), R, "%s records, optional %s column null in the only record" % (key, cn),
            sig([C(ct, "a", "false")]), payload={key: [{"a": None}]})
        add("unsized-%s-%s-2" % (cn, key), R, "%s records, optional %s column null in one of two" % (key, cn),
            sig([C(ct, "a", "false"), C("long", "b")]),
            payload={key: [{"a": None, "b": 1}, {"a": {"x": 1} if cn in ("object", "map") else [1], "b": 2}]})
        add("unsized-%s-%s-col" % (cn, key), R, "%s dict of columns, optional %s column null" % (key, cn),
            sig([C(ct, "a", "false")]), payload={key: {"a": None}})
for vn, v in NESTED_OPT:
    add("py-prop-" + vn, R, "in-process: optional property given " + vn, sig([C(O(x=P("double", False), z=P("long")), "a")]),
        input={"json": {"a": [{"x": v, "z": 1}]}})
    add("py-col-" + vn, R, "in-process: optional array column given " + vn, sig([C(A("long"), "a", "false"), C("long", "b")]),
        input={"dataframe": {"data": {"a": [v], "b": [1]}}})

# ------------------------------------------------------------------------------------------ M5 Array leaves as one Series
R = "M5"
LEAF = [("double", [2, 2.5]), ("double", [1, 2]), ("double", [1.5, None]), ("double", ["1.5", 2.0]), ("double", [True, 1.0]),
        ("long", [1, 2.0]), ("long", [1, None]), ("long", [1, "2"]), ("long", [1, True]), ("long", [2 ** 63]),
        ("integer", [1, 2]), ("integer", [2 ** 31]), ("float", [1.5]), ("float", [1]), ("float", [0, 1]),
        ("string", [1, "x", True]), ("string", [None, "x"]), ("string", [[1], "x"]), ("string", ["a", "b"]),
        ("boolean", [1, "x"]), ("boolean", [True, None]), ("boolean", [True, False]), ("boolean", [0, 1]),
        ("binary", [1, "x"]), ("binary", ["aGVsbG8="]), ("datetime", ["2020-01-01", "2020-01-02T10:00:00"]),
        ("datetime", [1, 2]), ("datetime", ["2020-01-01", "x"]), ("double", []), ("long", [])]
for i, (t, v) in enumerate(LEAF):
    serve_all(R, "%s-%d" % (t, i), "Array(%s) cell %s" % (t, json.dumps(v)), [C(A(t), "a")], [{"a": v}], ["a"])
    add("%s-%d-py" % (t, i), R, "in-process Array(%s) cell %s" % (t, json.dumps(v)), sig([C(A(t), "a")]),
        input={"json": {"a": [v]}})
for i, (t, v) in enumerate([("double", [[2, 2.5], [1]]), ("long", [[1], [2.0]]), ("string", [[1], ["x"]]),
                            ("float", [[1.5]]), ("double", [[None]])]):
    serve_all(R, "nested-%s-%d" % (t, i), "Array(Array(%s)) cell %s" % (t, json.dumps(v)), [C(A(A(t)), "a")], [{"a": v}], ["a"])
for i, (t, v) in enumerate([("double", {"k": [2, 2.5]}), ("long", {"k": [1, 2.5]}), ("string", {"k": [1, "x"]})]):
    serve_all(R, "map-arr-%s-%d" % (t, i), "Map(Array(%s)) value %s" % (t, json.dumps(v)), [C(M(A(t)), "a")], [{"a": v}], ["a"])
    serve_all(R, "obj-arr-%s-%d" % (t, i), "Object property Array(%s) %s" % (t, json.dumps(v["k"])),
              [C(O(k=P(A(t))), "a")], [{"a": v}], ["a"])
for dt, data in [("float32", [[1.5, 2.5]]), ("float64", [[1.5, 2.5]]), ("int32", [[1, 2]]), ("int64", [[1, 2]])]:
    add("ndarray-%s" % dt, R, "in-process Array(float) cell holding an ndarray of " + dt, sig([C(A("float"), "a")]),
        input={"dataframe": {"data": {"a": [{"ndarray": {"dtype": dt, "data": data[0]}}]}}})
add("vector", R, "sparkml_vector column = Array(double): ints and floats mixed", sig([C({"type": "sparkml_vector"}, "a")]),
    payload={"dataframe_records": [{"a": [1, 2.5]}]})

# ------------------------------------------------------------------------------------------ M6 UTF-8 BOM
R = "M6"
BOM = "\ufeff"
for name, body in [("inputs", '{"inputs": {"a": [1]}}'), ("split", '{"dataframe_split": {"columns": ["a"], "data": [[1]]}}'),
                   ("records", '{"dataframe_records": [{"a": 1}]}'), ("instances", '{"instances": [{"a": 1}]}'),
                   ("ws", ' {"inputs": {"a": [1]}}'), ("bad", '{"inputs": '), ("list", '[1]'), ("num", '5')]:
    add("json-" + name, R, "UTF-8 BOM before a JSON body: " + name, sig([C("long", "a")]), payload_raw=BOM + body)
add("json-twice", R, "two BOMs before a JSON body", sig([C("long", "a")]), payload_raw=BOM + BOM + '{"inputs": {"a": [1]}}')
add("json-inside", R, "a BOM after leading whitespace", sig([C("long", "a")]), payload_raw=' ' + BOM + '{"inputs": {"a": [1]}}')
add("json-in-string", R, "a BOM inside a string value", sig([C("string", "a")]), payload_raw='{"inputs": {"a": ["' + BOM + 'x"]}}')
add("json-nosig", R, "BOM, model without signature", None, payload_raw=BOM + '{"inputs": [1]}')
add("json-llm", R, "BOM before a unified-LLM body", sig([C("string", "prompt")]), payload_raw=BOM + '{"prompt": "hi"}')
add("csv", R, "BOM before a CSV body", sig([C("long", "a")]), payload_raw=BOM + "a\n1\n", content_type="text/csv")
add("csv-nosig", R, "BOM before a CSV body, no signature", None, payload_raw=BOM + "a\n1\n", content_type="text/csv")

# ------------------------------------------------------------------------------------------ M7 object params
R = "M7"
OBJP = {"name": "p", "type": "object", "properties": {"x": {"type": "long"}, "y": {"type": "string", "required": False}},
        "default": {"x": 1}}
for vn, v in [("ok", {"x": 2}), ("ok-y", {"x": 2, "y": "s"}), ("missing-x", {"y": "s"}), ("extra", {"x": 1, "z": 1}),
              ("bad-x", {"x": "s"}), ("float-x", {"x": 1.5}), ("bool-x", {"x": True}), ("null-y", {"x": 1, "y": None}),
              ("list", [1]), ("str", "s"), ("int", 3), ("null", None), ("empty", {})]:
    add("value-" + vn, R, "object param given %s" % json.dumps(v), sig([C("long", "a")], [OBJP]),
        payload={"inputs": {"a": [1]}, "params": {"p": v}})
add("absent", R, "object param absent: default used", sig([C("long", "a")], [OBJP]), payload={"inputs": {"a": [1]}})
for dn, d in [("bad", {"x": "s"}), ("missing", {"y": "s"}), ("null", None), ("list", [{"x": 1}])]:
    add("default-" + dn, R, "object param default %s checked at load" % json.dumps(d),
        sig([C("long", "a")], [dict(OBJP, default=d)]), payload={"inputs": {"a": [1]}})
add("shape-1d", R, "object param with shape (-1,) fails at load", sig([C("long", "a")], [dict(OBJP, default=[{"x": 1}], shape=[-1])]),
    payload={"inputs": {"a": [1]}})
add("no-properties", R, "object param without properties", sig([C("long", "a")], [{"name": "p", "type": "object", "default": {}}]),
    payload={"inputs": {"a": [1]}})
NESTP = {"name": "p", "type": "object", "default": {"l": [1], "o": {"k": "v"}},
         "properties": {"l": A("double"), "o": {"type": "object", "properties": {"k": {"type": "string"}}},
                        "m": {"type": "map", "values": {"type": "long"}, "required": False}}}
for vn, v in [("ok", {"l": [1, 2.5], "o": {"k": "w"}}), ("bad-list", {"l": ["x"], "o": {"k": "w"}}),
              ("map", {"l": [], "o": {"k": "w"}, "m": {"a": 1}}), ("bad-map", {"l": [], "o": {"k": "w"}, "m": {"a": "x"}}),
              ("obj-missing", {"l": [1.0]})]:
    add("nested-" + vn, R, "nested object param given %s" % json.dumps(v), sig([C("long", "a")], [NESTP]),
        payload={"inputs": {"a": [1]}, "params": {"p": v}})
add("py-value", R, "in-process object param", sig([C("long", "a")], [OBJP]), input={"json": {"a": [1]}},
    params={"p": {"x": 5}})
add("py-bad", R, "in-process object param with a bad property", sig([C("long", "a")], [OBJP]), input={"json": {"a": [1]}},
    params={"p": {"x": "s"}})

# ------------------------------------------------------------------------------------------ M8 param errors: wording and codes
R = "M8"
PV = [("long", 1, [("str", "s"), ("float", 1.5), ("float-int", 1.0), ("bool", True), ("dict", {"x": 1}), ("list", [1]),
                   ("big", 2 ** 70)]),
      ("integer", 1, [("str", "s"), ("float", 1.5)]),
      ("double", 1.0, [("str", "s"), ("bool", False), ("huge-int", 10 ** 400), ("list", [1.0])]),
      ("float", 1.0, [("str", "s"), ("huge-int", 10 ** 400)]),
      ("boolean", True, [("int", 1), ("str", "true")]),
      ("string", "x", [("int", 1), ("list", ["x"])]),
      ("datetime", "2020-01-01", [("ymd", "20200102"), ("bad", "zz"), ("dict", {"x": 1}), ("list", [1]), ("float", 1.5),
                                  ("int", 5), ("bool", True)])]
for t, d, vals in PV:
    for vn, v in vals:
        add("%s-%s" % (t, vn), R, "param %s given %s" % (t, vn), sig([C("long", "a")], [{"name": "p", "type": t, "default": d}]),
            payload={"inputs": {"a": [1]}, "params": {"p": v}})
        add("%s-arr-%s" % (t, vn), R, "array param %s, element %s" % (t, vn),
            sig([C("long", "a")], [{"name": "p", "type": t, "default": [d], "shape": [-1]}]),
            payload={"inputs": {"a": [1]}, "params": {"p": [d, v]}})
for vn, v in [("null", None), ("scalar", 1), ("nested", [[1]]), ("ragged", [1, [2, 3]]), ("str", "ab"), ("dict", {"x": 1})]:
    add("shape-" + vn, R, "array param given %s" % vn,
        sig([C("long", "a")], [{"name": "p", "type": "long", "default": [1], "shape": [-1]}]),
        payload={"inputs": {"a": [1]}, "params": {"p": v}})
add("two-bad", R, "two bad params in one set", sig([C("long", "a")], [{"name": "p", "type": "long", "default": 1},
                                                                     {"name": "q", "type": "double", "default": 1.0}]),
    payload={"inputs": {"a": [1]}, "params": {"p": "s", "q": "t"}})
for dn, spec in [("long-str", {"type": "long", "default": "s"}), ("dt-ymd", {"type": "datetime", "default": "20200102"}),
                 ("dt-bad", {"type": "datetime", "default": "zz"}), ("shape2", {"type": "long", "default": [1, 2], "shape": [2]}),
                 ("arr-none", {"type": "long", "default": None, "shape": [-1]}),
                 ("arr-str", {"type": "string", "default": [1], "shape": [-1]}),
                 ("double-huge", {"type": "double", "default": 10 ** 400})]:
    add("default-" + dn, R, "param default %s checked at load" % dn, sig([C("long", "a")], [dict(spec, name="p")]),
        payload={"inputs": {"a": [1]}})
for vn, v in [("str", {"json": "s"}), ("np-int16", {"np_scalar": {"dtype": "int16", "value": 1}}),
              ("np-float64", {"np_scalar": {"dtype": "float64", "value": 1.5}}), ("tuple", {"tuple": [1, 2]})]:
    add("py-" + vn, R, "in-process param %s" % vn,
        sig([C("long", "a")], [{"name": "p", "type": "float" if "float" in vn else "long", "default": 1,
                                **({"shape": [-1], "default": [1]} if vn == "tuple" else {})}]),
        input={"json": {"a": [1]}}, params={"p": v})

# ------------------------------------------------------------------------------------------ M9 numpy 2: out-of-range Python ints raise
R = "M9"
for t, vals in [("integer", [2 ** 31, -2 ** 31 - 1, 2 ** 40]), ("long", [2 ** 63, -2 ** 63 - 1, 2 ** 64])]:
    for v in vals:
        for fmt, body in [("incols", {"inputs": {"a": [v]}}), ("instcols", {"instances": {"a": [1, v]}}),
                          ("inrec", {"inputs": [{"a": v}]}), ("split", {"dataframe_split": {"columns": ["a"], "data": [[v]]}}),
                          ("records", {"dataframe_records": [{"a": v}]})]:
            add("%s-%s-%s" % (t, v, fmt), R, "%s column given %d (%s)" % (t, v, fmt), sig([C(t, "a")]), payload=body)
for dt, vals in [("uint8", [256, -1, 300]), ("int8", [128, -129]), ("int16", [2 ** 15]), ("uint16", [-1, 2 ** 16]),
                 ("int32", [2 ** 31]), ("uint32", [-1, 2 ** 32]), ("uint64", [-1]), ("int64", [2 ** 63])]:
    for v in vals:
        add("t-%s-%s" % (dt, v), R, "tensor %s given %d (inputs)" % (dt, v), sig([T(dt, [-1])]), payload={"inputs": [1, v]})
        add("t-%s-%s-scalar" % (dt, v), R, "tensor %s given the scalar %d (inputs)" % (dt, v), sig([T(dt, [-1, 2], "t")]),
            payload={"inputs": v})
        add("t-%s-%s-named" % (dt, v), R, "named tensor %s given %d (instances)" % (dt, v), sig([T(dt, [-1], "t")]),
            payload={"instances": [{"t": v}]})
        add("t-%s-%s-split" % (dt, v), R, "tensor %s given %d (dataframe_split)" % (dt, v), sig([T(dt, [-1, 1])]),
            payload={"dataframe_split": {"data": [[v]]}})
for v in (2 ** 31, 2 ** 63):
    add("arr-int-%s" % v, R, "Array(integer) element %d" % v, sig([C(A("integer"), "a")]), payload={"inputs": {"a": [v]}})
    add("param-int-%s" % v, R, "integer param %d (no range check)" % v,
        sig([C("long", "a")], [{"name": "p", "type": "integer", "default": 1}]), payload={"inputs": {"a": [1]}, "params": {"p": v}})

# ------------------------------------------------------------------------------------------ M10 pandas 2: datetime strings
R = "M10"
DTV = [("z", "2020-01-01T00:00:00Z"), ("plus1", "2020-01-01T00:00:00+01:00"), ("minus", "2020-01-01 10:00:00-05:30"),
       ("naive", "2020-01-01T00:00:00"), ("date", "2020-01-01"), ("frac-z", "2020-01-05T10:00:00.5Z"),
       ("mixed-fmt", ["2020-01-01", "2020-01-01T10:00:00"]), ("mixed-tz", ["2020-01-01T00:00:00Z", "2020-01-01T00:00:00"]),
       ("two-tz", ["2020-01-01T00:00:00+01:00", "2020-01-01T00:00:00+02:00"]), ("slash", ["01/02/2020", "2020-01-03"]),
       ("dayfirst", ["13/01/2020", "01/02/2020"]), ("month-name", ["Jan 1 2020", "2020-01-02"]),
       ("epoch-str", ["1577836800"]), ("ym", ["2020-01", "2020-01-01"]), ("space", ["2020-01-01 10:00", "2020-01-01 10:00:30"])]
for vn, v in DTV:
    vals = v if isinstance(v, list) else [v]
    for fmt, body in [("split", {"dataframe_split": {"columns": ["t"], "data": [[x] for x in vals]}}),
                      ("records", {"dataframe_records": [{"t": x} for x in vals]}),
                      ("incols", {"inputs": {"t": vals}}), ("inrec", {"inputs": [{"t": x} for x in vals]})]:
        add("%s-%s" % (vn, fmt), R, "datetime column given %s (%s)" % (json.dumps(vals), fmt), sig([C("datetime", "t")]),
            payload=body)
    add("%s-py" % vn, R, "in-process datetime column of strings %s" % json.dumps(vals), sig([C("datetime", "t")]),
        input={"dataframe": {"data": {"t": vals}}})
    add("%s-tensor" % vn, R, "datetime64[ns] tensor given %s" % json.dumps(vals), sig([T("datetime64[ns]", [-1], "t")]),
        payload={"dataframe_split": {"columns": ["t"], "data": [[x] for x in vals]}})
for vn, iso in [("aware", "2020-01-01T00:00:00+01:00"), ("aware-utc", "2020-01-01T00:00:00+00:00")]:
    add("pyobj-" + vn, R, "in-process column of timezone-aware datetime objects", sig([C("datetime", "t")]),
        input={"dataframe": {"data": {"t": [{"datetime": iso}]}}})
add("pyobj-naive", R, "in-process column of naive datetime objects", sig([C("datetime", "t")]),
    input={"dataframe": {"data": {"t": [{"datetime": "2020-01-01T00:00:00"}]}}})
add("arr-tz", R, "Array(datetime) of tz-aware strings", sig([C(A("datetime"), "t")]),
    payload={"dataframe_records": [{"t": ["2020-01-01T00:00:00Z"]}]})

# ------------------------------------------------------------------------------------------ M11 pandas 2: DataFrame.map on duplicate labels
R = "M11"
for tn, t, cell in [("array", A("long"), [1]), ("object", O(x=P("long")), {"x": 1}), ("map", M("long"), {"k": 1}),
                    ("binary", "binary", "aGVsbG8="), ("array-str", A("string"), ["a"]), ("any", {"type": "any"}, 1),
                    ("long", "long", 1)]:
    add("dup-" + tn, R, "dataframe_split with the %s column label twice" % tn, sig([C(t, "a")]),
        payload={"dataframe_split": {"columns": ["a", "a"], "data": [[cell, cell]]}})
    add("dup-%s-extra" % tn, R, "dataframe_split with the %s column label twice beside another column" % tn,
        sig([C(t, "a"), C("long", "b")]), payload={"dataframe_split": {"columns": ["a", "b", "a"], "data": [[cell, 1, cell]]}})
add("dup-bytes-tensor", R, "bytes tensor, duplicate labels", sig([T("bytes", [-1])]),
    payload={"dataframe_split": {"columns": ["a", "a"], "data": [["AQID", "AQID"]]}})

# ------------------------------------------------------------------------------------------ M12 integer column names
R = "M12"
INT2 = [C("double", 0), C("double", 1)]
for fmt, body in [("split-nocols", {"dataframe_split": {"data": [[1.5, 2.5]]}}),
                  ("split-intcols", {"dataframe_split": {"columns": [0, 1], "data": [[1.5, 2.5]]}}),
                  ("split-strcols", {"dataframe_split": {"columns": ["0", "1"], "data": [[1.5, 2.5]]}}),
                  ("split-swapped", {"dataframe_split": {"columns": [1, 0], "data": [[1.5, 2.5]]}}),
                  ("split-short", {"dataframe_split": {"data": [[1.5]]}}),
                  ("split-long", {"dataframe_split": {"data": [[1.5, 2.5, 3.5]]}}),
                  ("split-bad", {"dataframe_split": {"data": [["x", 2.5]]}}),
                  ("records", {"dataframe_records": [{"0": 1.5, "1": 2.5}]}),
                  ("incols", {"inputs": {"0": [1.5], "1": [2.5]}}), ("inrec", {"inputs": [{"0": 1.5, "1": 2.5}]}),
                  ("inlist", {"inputs": [[1.5, 2.5]]}), ("instances", {"instances": [[1.5, 2.5]]})]:
    add("double-" + fmt, R, "signature with integer names 0, 1 (%s)" % fmt, sig(INT2), payload=body)
add("csv-header", R, "integer names, CSV with header 0,1", sig(INT2), payload_raw="0,1\n1.5,2.5\n", content_type="text/csv")
add("csv-noheader", R, "integer names, CSV with other header", sig(INT2), payload_raw="a,b\n1.5,2.5\n", content_type="text/csv")
add("mixed-names", R, "integer and string names mixed", sig([C("double", 0), C("double", "b")]),
    payload={"dataframe_split": {"columns": [0, "b"], "data": [[1.5, 2.5]]}})
add("name-zero-only", R, "a single column named 0, split without columns", sig([C("long", 0)]),
    payload={"dataframe_split": {"data": [[1], [2]]}})
add("name-one-first", R, "first column named 1 (x.name or i = 1)", sig([C("long", 1), C("long", 0)]),
    payload={"dataframe_split": {"data": [[1, 2]]}})
add("missing", R, "integer names, column 1 missing: message lists [1]", sig(INT2), payload={"dataframe_split": {"data": [[1.5]], "columns": [0]}})
add("py-df-range", R, "in-process DataFrame with default integer columns", sig(INT2),
    input={"dataframe": {"data": [[1.5, 2.5]]}})
add("py-ndarray", R, "in-process 2-D ndarray against integer names", sig(INT2),
    input={"ndarray": {"dtype": "float64", "data": [[1.5, 2.5]]}})
add("py-df-strcols", R, "in-process DataFrame with string columns '0','1'", sig(INT2),
    input={"dataframe": {"data": [[1.5, 2.5]], "columns": ["0", "1"]}})

# the MLflow 3.6 model directories of src-test-data/models-mlflow3 (make_models3.py): their own signature and serving example
MODELS = os.path.join(os.path.dirname(HERE), "models-mlflow3")


def model_case(rule, name, what):
    import yaml

    with open(os.path.join(MODELS, name, "MLmodel"), encoding="utf-8") as fh:
        s = yaml.safe_load(fh)["signature"]
    with open(os.path.join(MODELS, name, "serving_input_example.json"), encoding="utf-8") as fh:
        body = fh.read()
    add("model-" + name, rule, what, {k: s[k] for k in ("inputs", "outputs", "params") if s.get(k)}, payload_raw=body)


model_case(R, "mlflow3-int-columns", "model written by MLflow 3.6 with integer column names, its serving_input_example.json")
model_case("M1", "mlflow3-any-optional", "model written by MLflow 3.6 with any, optional nested values and an object param, "
           "its serving_input_example.json")

# ------------------------------------------------------------------------------------------ M13 sentences
R = "M13"
for i, (cols, data) in enumerate([(["b"], [[1]]), (["b", "c"], [[1, 2]]), ([0], [[1]])]):
    add("extra-%d" % i, R, "missing inputs with extra inputs: the sentence ends with a period",
        sig([C("long", "a")]), payload={"dataframe_split": {"columns": cols, "data": data}})
add("missing-only", R, "missing inputs without extras", sig([C("long", "a"), C("long", "b")]),
    payload={"dataframe_split": {"columns": ["b"], "data": [[1]]}})
add("extra-warning", R, "extra inputs beside all required ones: warning only", sig([C("long", "a")]),
    payload={"dataframe_split": {"columns": ["a", "z"], "data": [[1, 2]]}})
add("extra-py", R, "in-process missing + extra inputs", sig([C("long", "a")]), input={"json": {"b": [1]}})
for name, body in [("truncated", '{"inputs": '), ("empty", ""), ("garbage", "nope"), ("unicode", '{"inputs": ["\u00e9"'),
                   ("single-quote", "{'inputs': [1]}"), ("trailing", '{"inputs": [1]} x'), ("nan-word", '{"inputs": [nan]}')]:
    add("badjson-" + name, R, "invalid JSON: body printed as bytes (%s)" % name, sig([C("long", "a")]), payload_raw=body)
add("mix-col-tensor", R, "ColSpec and TensorSpec mixed: literal {0} and {1}", sig([C("long", "a"), T("int64", [-1], "b")]),
    payload={"inputs": {"a": [1]}})
add("unsupported-type", R, "unknown column type (list of DataType names)", sig([C("foo", "a")]), payload={"inputs": {"a": [1]}})
add("unsupported-items", R, "unknown array items type", sig([C(A("foo"), "a")]), payload={"inputs": {"a": [[1]]}})
add("tensor-bad-shape", R, "tensor shape mismatch sentence", sig([T("float64", [-1, 3])]), payload={"inputs": [[1.0, 2.0]]})
add("required-missing-named", R, "required named column missing", sig([C("long", "a")]), payload={"inputs": {"b": [1]}})
add("ct-415", R, "unsupported content type names the header", sig([C("long", "a")]), payload_raw="a\n1\n",
    content_type="text/plain")
add("csv-bad", R, "CSV parse error sentence", sig([C("long", "a")]), payload_raw="a\nx\n", content_type="text/csv")


def main():
    np1 = "--np1" in sys.argv[1:]
    ids = [c["id"] for c in CASES]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        sys.exit("duplicate ids: %s" % sorted(dup)[:10])
    v2 = oracles.run2(CASES)
    v3 = oracles.run3(CASES)
    with open(OUT, "w", encoding="utf-8") as fh:
        for c, a, b in zip(CASES, v2, v3):
            c = dict(c)
            c["mlflow"] = oracles.shape(a)
            c["mlflow3"] = oracles.shape(b)
            fh.write(json.dumps(c) + "\n")
    per = {}
    for c, a, b in zip(CASES, v2, v3):
        r = c["id"].split("-")[1]
        n = per.setdefault(r, [0, 0])
        n[0] += 1
        keys = ["ok"] + (["http_status", "error_code"] if b.get("path") == "serving" else [])
        n[1] += any(a.get(k) != b.get(k) for k in keys)
    if np1:
        v1 = oracles.run3(CASES, np1=True)
        for c, b, z in zip(CASES, v3, v1):
            if any(b.get(k) != z.get(k) for k in ("ok", "http_status", "error_code")):
                per[c["id"].split("-")[1]].append(c["id"])
    for r in sorted(per, key=lambda x: int(x[1:])):
        n = per[r]
        extra = (", %d differ between numpy 2/pandas 2 and numpy 1.24/pandas 1.5" % (len(n) - 2)) if np1 else ""
        sys.stderr.write("%s: %d cases, %d verdicts differ from 2.17.2%s\n" % (r, n[0], n[1], extra))
    sys.stderr.write("%d cases -> %s\n" % (len(CASES), OUT))


if __name__ == "__main__":
    main()
