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

open(sys.argv[1], "w").write("\n".join(json.dumps(c, allow_nan=True) for c in cases) + "\n")
print(len(cases), "cases", file=sys.stderr)
