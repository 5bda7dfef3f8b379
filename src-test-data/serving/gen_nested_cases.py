"""Serving cases for nested column types (Array / Object / Map, nested up to three levels, beside plain
columns) in every JSON body format: mostly plain valid cells (lists of the element type, objects with their
properties, maps of str keys), with a share of irregular ones (ints among doubles, floats among longs, nulls,
missing / extra / repeated properties, empty lists and dicts, NaN, strings for numbers, wrong containers).
Usage: python3 gen_nested_cases.py OUT; then run OUT through mlflow_oracle.py and attach each verdict as
"mlflow" (ok, http_status, error_code, message, path)."""
import json, random, sys

R = random.Random(20261125)

ARR = lambda t: {"type": "array", "items": t}
MAP = lambda t: {"type": "map", "values": t}
def OBJ(*props):
    return {"type": "object", "properties": {n: dict(t, **({} if req else {"required": False})) for n, t, req in props}}
L, D, S, B = {"type": "long"}, {"type": "double"}, {"type": "string"}, {"type": "boolean"}

NESTED = [ARR(L), ARR(D), ARR(S), ARR(B), ARR(ARR(L)), ARR(ARR(D)), ARR(ARR(ARR(S))),
          OBJ(("a", S, True), ("b", L, True)), OBJ(("a", S, True), ("b", L, False)),
          OBJ(("x", ARR(D), True), ("y", OBJ(("z", B, True)), False)), OBJ(("n", D, False), ("s", S, False)),
          MAP(L), MAP(D), MAP(S), MAP(ARR(S)), MAP(MAP(D)), ARR(OBJ(("k", S, True), ("v", D, True))),
          ARR(MAP(L)), MAP(OBJ(("p", B, True), ("q", ARR(L), False)))]
PLAIN = [L, D, S]

def strip_req(t):
    return {k: v for k, v in t.items() if k != "required"}

def good(t, d=0):
    ty = t["type"]
    if ty == "long":
        return R.choice([R.randint(-1000, 1000), 2 ** 40, -2 ** 62, 0, 7])
    if ty == "double":
        return R.choice([R.random(), -2.5, 1e300, -0.0, 0.1, 1e-320, 3.0])
    if ty == "string":
        return R.choice(["abc", "", "h\u00e9llo", "\u65e5\u672c", "\U0001F600x", "a\"b\\c", "12", "k" * 40])
    if ty == "boolean":
        return R.choice([True, False])
    if ty == "array":
        return [good(t["items"], d + 1) for _ in range(R.choice([1, 1, 2, 3, 4, 0 if R.random() < 0.15 else 2]))]
    if ty == "map":
        return {R.choice(["a", "b", "k%d" % i, "\u00e9"]) + str(i): good(t["values"], d + 1)
                for i in range(R.choice([1, 2, 3, 0 if R.random() < 0.15 else 1]))}
    if ty == "object":
        o = {}
        names = list(t["properties"])
        if R.random() < 0.3:
            R.shuffle(names)
        for n in names:
            p = t["properties"][n]
            if p.get("required", True) or R.random() < 0.7:
                o[n] = good(p, d + 1)
        return o
    raise ValueError(ty)

def bad(t):
    ty = t["type"]
    if ty == "long":
        return R.choice([1.5, 1.0, "5", True, None, 2 ** 64, [1]])
    if ty == "double":
        return R.choice([1, 0, 2, "1.5", "x", None, True, float("nan"), float("inf"), [1.0]])
    if ty == "string":
        return R.choice([1, 1.5, None, True, [], {"a": "b"}])
    if ty == "boolean":
        return R.choice([1, 0, "true", None, 1.0])
    if ty == "array":
        return R.choice([None, "abc", 1, {"a": 1}, [None], [good(t["items"]), bad(t["items"])]])
    if ty == "map":
        v = good(t)
        k = next(iter(v), "k")
        return R.choice([None, [1], "x", dict(v, **{"zz": bad(t["values"])}), {k: None}])
    if ty == "object":
        o = good(t)
        names = list(t["properties"])
        n = R.choice(names)
        c = R.random()
        if c < 0.2:
            o.pop(n, None)
        elif c < 0.4:
            o["extra"] = 1
        elif c < 0.6:
            o[n] = None
        elif c < 0.8:
            o[n] = bad(t["properties"][n])
        else:
            return R.choice([None, [1], "x", {}])
        return o
    raise ValueError(ty)

def mutate(v, t):
    """One irregular value somewhere inside a valid cell (or the cell itself)."""
    ty = t["type"]
    if ty == "array" and v and R.random() < 0.6:
        v = list(v)
        i = R.randrange(len(v))
        v[i] = mutate(v[i], t["items"])
        return v
    if ty == "map" and v and R.random() < 0.6:
        v = dict(v)
        k = R.choice(list(v))
        v[k] = mutate(v[k], t["values"])
        return v
    if ty == "object" and v and R.random() < 0.5:
        v = dict(v)
        k = R.choice(list(v))
        v[k] = mutate(v[k], t["properties"][k])
        return v
    return bad(t)

cases = []
def add(sig, payload, raw=None):
    c = {"id": "nst-%d" % len(cases), "signature": {"inputs": json.dumps(sig)}}
    if raw is not None:
        c["payload_raw"] = raw
    else:
        c["payload"] = payload
    cases.append(c)

FORMATS = ["dataframe_split"] * 4 + ["dataframe_records"] * 4 + ["inputs"] * 2 + ["instances"] * 1 + ["inputs_cols"]
for i in range(700):
    ncol = R.choice([1, 1, 2, 2, 3])
    sig = []
    for j in range(ncol):
        t = R.choice(NESTED) if j == 0 or R.random() < 0.6 else R.choice(PLAIN)
        sig.append(dict(t, name="c%d" % j, required=R.random() < 0.9))
    rows = R.choice([1, 2, 3, 5, 8])
    irregular = R.random() < 0.35
    data = []
    for r in range(rows):
        row = []
        for s in sig:
            t = strip_req(s)
            t.pop("name")
            v = good(t)
            if irregular and R.random() < 0.3:
                v = mutate(v, t)
            row.append(v)
        data.append(row)
    names = [s["name"] for s in sig]
    fmt = FORMATS[i % len(FORMATS)]
    if fmt == "dataframe_split":
        payload = {"dataframe_split": {"columns": names, "data": data}}
    elif fmt == "inputs_cols":
        payload = {"inputs": {n: [row[k] for row in data] for k, n in enumerate(names)}}
    else:
        payload = {fmt: [dict(zip(names, row)) for row in data]}
    if R.random() < 0.05:
        payload["params"] = {"x": 1}
    add(sig, payload)

# repeated keys inside nested cells (Python keeps the last value, at the first one's position)
for fmt in ["dataframe_split", "dataframe_records"]:
    for sig, cell in [([dict(MAP(L), name="m")], '{"a": 1, "b": 2, "a": 3}'),
                      ([dict(OBJ(("a", S, True), ("b", L, True)), name="o")], '{"a": "x", "b": 1, "a": "y"}'),
                      ([dict(OBJ(("a", S, True), ("b", L, True)), name="o")], '{"a": "x", "b": 1, "b": 2.5}'),
                      ([dict(ARR(MAP(D)), name="m")], '[{"k": 1.5, "k": 2.5}]')]:
        if fmt == "dataframe_split":
            raw = '{"dataframe_split": {"columns": ["%s"], "data": [[%s], [%s]]}}' % (sig[0]["name"], cell, cell)
        else:
            raw = '{"dataframe_records": [{"%s": %s}]}' % (sig[0]["name"], cell)
        add(sig, None, raw)

# hand-written edges of the streaming rules: empty lists and dicts everywhere, one-column frames of equal-length lists
# (pandas keeps them as cells), all-optional objects given {}, number spellings (exponents, -0, underflow, int64
# limits), ints among doubles, unicode and many keys, extra scalar keys beside nested cells, inputs records
EDGE = [
    ([dict(ARR(L), name="v")], ["[]", "[]"]),
    ([dict(ARR(L), name="v")], ["[1, 2]", "[3, 4]"]),
    ([dict(ARR(ARR(L)), name="v")], ["[[1, 2], [3, 4]]", "[[5, 6], [7, 8]]"]),
    ([dict(ARR(ARR(L)), name="v")], ["[[]]", "[[], []]"]),
    ([dict(ARR(ARR(ARR(S))), name="v")], ['[[[]], [["a"]]]', "[]"]),
    ([dict(ARR(D), name="v")], ["[1E5, -0.0, 1e-400, 5E-324, 1.7976931348623157e308]", "[0.1, 2.5e-3]"]),
    ([dict(ARR(D), name="v")], ["[1, 2.5]", "[0.5]"]),
    ([dict(ARR(D), name="v")], ["[1.0, 0]", "[0.5]"]),
    ([dict(ARR(L), name="v")], ["[-0, 9223372036854775807, -9223372036854775808]", "[1]"]),
    ([dict(ARR(L), name="v")], ["[9223372036854775808]", "[1]"]),
    ([dict(ARR(L), name="v")], ["[1e2]", "[1]"]),
    ([dict(ARR(S), name="v")], ['["\\u00e9", "\\ud83d\\ude00", ""]', '["x"]']),
    ([dict(ARR(S), name="v")], ['["\\ud83d"]', '["x"]']),
    ([dict(MAP(L), name="m")], ["{}", "{}"]),
    ([dict(MAP(L), name="m")], ['{"\\u00e9": 1, "": 2}', '{"a": -3}']),
    ([dict(MAP(L), name="m")], ["{" + ", ".join('"k%d": %d' % (i, i) for i in range(40)) + "}", '{"a": 1}']),
    ([dict(MAP(MAP(D)), name="m")], ['{"a": {}, "b": {"c": 1.5}}', '{}']),
    ([dict(MAP(ARR(S)), name="m")], ['{"a": [], "b": ["x", "y"]}', '{"c": []}']),
    ([dict(OBJ(("n", D, False), ("s", S, False)), name="o")], ["{}", '{"s": "x"}']),
    ([dict(OBJ(("n", D, False), ("s", S, False)), name="o")], ['{"n": null}', '{"s": "x"}']),
    ([dict(OBJ(("a", S, True), ("b", L, True)), name="o")], ['{"b": 1, "a": "x"}', '{"a": "y", "b": 2}']),
    ([dict(OBJ(("a", S, True), ("b", L, True)), name="o")], ['{"a": "x"}', '{"a": "y", "b": 2}']),
    ([dict(OBJ(("x", ARR(D), True), ("y", OBJ(("z", B, True)), False)), name="o")],
     ['{"x": [], "y": {"z": true}}', '{"x": [0.5]}']),
    ([dict(ARR(OBJ(("k", S, True), ("v", D, True))), name="a")], ['[]', '[{"k": "a", "v": 0.5}, {"v": 1.5, "k": "b"}]']),
    ([dict(ARR(MAP(L)), name="a")], ['[{}, {"x": 1}]', '[]']),
    ([dict(ARR(L), name="v", required=False)], ["null", "[1]"]),
    ([dict(OBJ(("a", S, True), ("b", L, True)), name="o", required=False)], ["null", '{"a": "y", "b": 2}']),
    ([dict(MAP(D), name="m", required=False)], ["null", "null"]),
    ([dict(L, name="id"), dict(ARR(D), name="v"), dict(OBJ(("a", S, True), ("b", L, True)), name="o")],
     ['1, [0.5, 1.5], {"a": "u", "b": 7}', '2, [], {"a": "", "b": -1}']),
    ([dict(S, name="s"), dict(MAP(ARR(S)), name="m")], ['"x", {"a": ["b"]}', '"y", {}']),
]
for sig, cells in EDGE:
    names = [c["name"] for c in sig]
    if len(sig) == 1:  # the cell's own spelling (numbers, escapes) in every body
        rec = ['"%s": %s' % (names[0], c) for c in cells]
    else:
        rec = [", ".join('"%s": %s' % (n, json.dumps(x)) for n, x in zip(names, json.loads("[%s]" % c))) for c in cells]
    split_rows = ", ".join("[%s]" % c for c in cells)
    recs = ", ".join("{%s}" % r for r in rec)
    recs_extra = ", ".join('{%s, "zz": 1}' % r for r in rec)
    cols = ", ".join('"%s"' % n for n in names)
    add(sig, None, '{"dataframe_split": {"columns": [%s], "data": [%s]}}' % (cols, split_rows))
    add(sig, None, '{"dataframe_split": {"columns": [%s, "zz"], "data": [%s]}}'
        % (cols, ", ".join("[%s, 0]" % c for c in cells)))
    add(sig, None, '{"dataframe_records": [%s]}' % recs)
    add(sig, None, '{"dataframe_records": [%s]}' % recs_extra)
    add(sig, None, '{"inputs": [%s]}' % recs)
    add(sig, None, '{"instances": [%s]}' % recs)

open(sys.argv[1], "w").write("\n".join(json.dumps(c, allow_nan=True) for c in cases) + "\n")
print(len(cases), "cases", file=sys.stderr)
