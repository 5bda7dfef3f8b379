"""Oracle cases for datetime columns on the serving path (python3 gen_datetime_cases.py OUT.jsonl, then run OUT
through mlflow_oracle.py and attach each verdict as "mlflow":
python3 gen_datetime_cases.py --attach OUT.jsonl ORACLE_OUT.jsonl > mlflow-serving-datetimes.jsonl).
With a second file name, in-process cases go there (mlflow-python-datetimes.jsonl, same --attach step).

dataframe_split / dataframe_records bodies cast a datetime column with pandas' astype('datetime64[ns]') (to_datetime
of an object column: timezone-aware strings with one offset are converted to UTC; aware strings with different
offsets, or aware mixed with naive, fail), while inputs / instances bodies go through numpy's
np.array(data, dtype='datetime64[ns]') (offsets converted, mixing allowed). Cells mix: naive strings, aware strings
(Z, +01:00, -05:00, +0000, +00:00), dates only, numbers, nulls, NaT spellings, invalid strings, booleans and a few
dateutil forms, in every body format, for required and optional columns, named and unnamed schemas."""
import itertools, json, random, sys

if sys.argv[1] == "--attach":
    verdicts = {}
    for line in open(sys.argv[3]):
        o = json.loads(line)
        keys = ["ok", "stage", "error", "path"] if o.get("path") == "python" else ["ok", "http_status", "error_code",
                                                                                     "message", "path"]
        verdicts[o["id"]] = {k: o.get(k) for k in keys}
    for line in open(sys.argv[2]):
        c = json.loads(line)
        c["mlflow"] = verdicts[c["id"]]
        print(json.dumps(c))
    sys.exit(0)

random.seed(20261125)
CATS = {
    "naive": ["2020-01-02T00:00:00", "2020-01-03 12:30:00", "2020-01-04T05:06:07.123456"],
    "z": ["2020-01-01T00:00:00Z", "2020-01-05T10:00:00.5Z"],
    "p1": ["2020-01-01T00:00:00+01:00", "2020-01-06T08:00:00+01:00"],
    "m5": ["2020-01-01T00:00:00-05:00", "2020-01-07T23:59:59-05:00"],
    "p0": ["2020-01-01T00:00:00+00:00", "2020-01-08T00:00:00+0000"],
    "date": ["2020-01-01", "2021-12-31"],
    "int": [0, 1577836800000000000],
    "float": [1.5e18, 2.5],
    "null": [None],
    "natstr": ["", "NaT"],
    "bad": ["nope", "2020-13-01"],
    "bool": [True],
}
# rarer forms pandas reads with dateutil (some with an offset)
EXOTIC = ["2020/01/02 10:00", "Jan 2 2020 10:00", "2020-01-02T10:00:00 +01:00", "2020-01-02 10:00:00Z",
          "2020-01-02T10:00+01:00", "2020-01-02T10:00:00.123+05:30", "20200102", "2020-01-02T10", "2020-01-02 10:00:00 UTC",
          "2020-01-02T00:00:00+01", "  2020-01-02T00:00:00Z ", "2020-01-02T00:00:00z"]

cases = []


def add(prefix, sig, payload):
    n = sum(c["id"].startswith(prefix + "-") for c in cases)
    cases.append({"id": "%s-%d" % (prefix, n), "signature": {"inputs": json.dumps(sig)}, "payload": payload})


def v(cat):
    return random.choice(CATS[cat])


NAMED = [{"type": "datetime", "name": "t", "required": True}]
OPT = [{"type": "long", "name": "a", "required": True}, {"type": "datetime", "name": "t", "required": False}]
UNNAMED = [{"type": "datetime"}]


def bodies(col, sig_kind="named"):
    """Every body format carrying the column col of one datetime input named t."""
    out = []
    if sig_kind == "unnamed":
        out.append(("split", UNNAMED, {"dataframe_split": {"data": [[x] for x in col]}}))
        out.append(("inputs", UNNAMED, {"inputs": col}))
        return out
    if sig_kind == "opt":
        out.append(("split", OPT, {"dataframe_split": {"columns": ["a", "t"], "data": [[1, x] for x in col]}}))
        out.append(("recs", OPT, {"dataframe_records": [{"a": 1, "t": x} for x in col]}))
        out.append(("inrec", OPT, {"inputs": [{"a": 1, "t": x} for x in col]}))
        out.append(("incol", OPT, {"inputs": {"a": [1] * len(col), "t": col}}))
        return out
    out.append(("split", NAMED, {"dataframe_split": {"columns": ["t"], "data": [[x] for x in col]}}))
    out.append(("recs", NAMED, {"dataframe_records": [{"t": x} for x in col]}))
    out.append(("inrec", NAMED, {"inputs": [{"t": x} for x in col]}))
    out.append(("incol", NAMED, {"inputs": {"t": col}}))
    out.append(("inlist", NAMED, {"inputs": col}))
    out.append(("instrec", NAMED, {"instances": [{"t": x} for x in col]}))
    out.append(("instcol", NAMED, {"instances": {"t": col}}))
    return out


# 1. every ordered pair of categories, in the two frame formats (the mixing rule) ...
cats = list(CATS)
for a, b in itertools.product(cats, cats):
    col = [v(a), v(b)]
    add("sdt-pair", NAMED, {"dataframe_split": {"columns": ["t"], "data": [[x] for x in col]}})
    add("sdt-pair", NAMED, {"dataframe_records": [{"t": x} for x in col]})
# ... and the aware / naive / null / number pairs in every other body format
core = ["naive", "z", "p1", "m5", "p0", "date", "null", "int", "bad"]
for a, b in itertools.product(core, core):
    for kind, sig, payload in bodies([v(a), v(b)])[2:]:
        add("sdt-fmt-" + kind, sig, payload)

# 2. random columns of 1-5 cells (aware-heavy), every format, named / optional / unnamed schemas
weights = {"naive": 4, "z": 4, "p1": 3, "m5": 2, "p0": 2, "date": 2, "int": 1, "float": 1, "null": 2, "natstr": 1,
           "bad": 1, "bool": 0.3}
wcats, ws = zip(*weights.items())
for k in range(180):
    n = random.randint(1, 5)
    col = [v(random.choices(wcats, ws)[0]) for _ in range(n)]
    if random.random() < 0.12:
        col[random.randrange(n)] = random.choice(EXOTIC)
    kind = random.choice(["named", "named", "opt", "unnamed"])
    for fmt, sig, payload in bodies(col, kind):
        if fmt in ("split", "recs") or random.random() < 0.35:
            add("sdt-r" + kind[0], sig, payload)

# 3. same-offset aware columns (accepted, converted to UTC) with nulls, NaT strings and numbers between
for z in ["Z", "+01:00", "-05:00", "+00:00", "+0100", "+05:30"]:
    for extra in [[], [None], [""], ["NaT"], [0], [1.5e18], [None, 7], ["2020-01-09T00:00:00" + z]]:
        col = ["2020-01-01T00:00:00" + z] + extra + ["2020-01-02T03:04:05" + z]
        add("sdt-same", NAMED, {"dataframe_split": {"columns": ["t"], "data": [[x] for x in col]}})
        add("sdt-same", NAMED, {"dataframe_records": [{"t": x} for x in col]})

# 4. dataframe_records rows lacking the key (NaN) next to aware / naive strings; optional column absent
for col in [["2020-01-01T00:00:00Z", "MISSING", "2020-01-02T00:00:00"], ["MISSING", "2020-01-01T00:00:00Z"],
            ["MISSING", "2020-01-01T00:00:00Z", "2020-01-01T00:00:00+01:00"], ["2020-01-01T00:00:00+01:00", "MISSING"]]:
    for sig in [NAMED, OPT]:
        add("sdt-miss", sig, {"dataframe_records": [dict({"a": 1}, **({} if x == "MISSING" else {"t": x})) for x in col]})
        add("sdt-miss", sig, {"inputs": [dict({"a": 1}, **({} if x == "MISSING" else {"t": x})) for x in col]})
for fmt in ["split", "recs", "inrec", "incol"]:
    body = {"split": {"dataframe_split": {"columns": ["a"], "data": [[1], [2]]}}, "recs": {"dataframe_records": [{"a": 1}]},
            "inrec": {"inputs": [{"a": 1}]}, "incol": {"inputs": {"a": [1, 2]}}}[fmt]
    add("sdt-absent", OPT, body)

# 5. two datetime columns (which column's error is reported), and a datetime column next to other types
TWO = [{"type": "datetime", "name": "t", "required": True}, {"type": "datetime", "name": "u", "required": True}]
MIXED = [{"type": "string", "name": "s", "required": True}, {"type": "datetime", "name": "t", "required": True},
         {"type": "long", "name": "n", "required": True}]
for k in range(40):
    t = [v(random.choice(core)) for _ in range(2)]
    u = [v(random.choice(core)) for _ in range(2)]
    add("sdt-two", TWO, {"dataframe_split": {"columns": ["u", "t"], "data": [[u[i], t[i]] for i in range(2)]}})
    add("sdt-two", TWO, {"dataframe_records": [{"t": t[i], "u": u[i]} for i in range(2)]})
    n = [random.choice([1, 2, "x", None]) for _ in range(2)]
    add("sdt-two", MIXED, {"dataframe_split": {"columns": ["s", "t", "n"], "data": [["s", t[i], n[i]] for i in range(2)]}})

# 6. the exotic forms alone, with Z and with a naive string
for e in EXOTIC:
    for col in [[e], [e, "2020-01-01T00:00:00Z"], ["2020-01-01T00:00:00", e], [e, "2020-01-01T00:00:00+01:00"]]:
        add("sdt-exo", NAMED, {"dataframe_split": {"columns": ["t"], "data": [[x] for x in col]}})
        add("sdt-exo", NAMED, {"inputs": {"t": col}})

# 7. datetime64[ns] tensors fed frames (the same astype) and arrays
for k in range(24):
    col = [v(random.choice(core)) for _ in range(random.randint(1, 3))]
    add("sdt-tensor", [{"type": "tensor", "tensor-spec": {"dtype": "datetime64[ns]", "shape": [-1]}, "name": "t"}],
        {"dataframe_split": {"columns": ["t"], "data": [[x] for x in col]}})
    add("sdt-tensor", [{"type": "tensor", "tensor-spec": {"dtype": "datetime64[ns]", "shape": [-1]}}],
        {"inputs": col})

# 8. held out (written after the rule was in place): longer random columns over every category and exotic form,
# two datetime columns, CSV bodies
h = random.Random(777)
allcats = list(CATS)
for k in range(260):
    n = h.randint(2, 7)
    col = [h.choice(CATS[h.choice(allcats)]) if h.random() < 0.9 else h.choice(EXOTIC) for _ in range(n)]
    fmt = h.choice(["split", "recs", "recs-miss", "split-unnamed", "two", "csv", "inputs", "instances"])
    if fmt == "split":
        add("sdt-h", NAMED, {"dataframe_split": {"columns": ["t"], "data": [[x] for x in col]}})
    elif fmt == "recs":
        add("sdt-h", OPT, {"dataframe_records": [{"a": 1, "t": x} for x in col]})
    elif fmt == "recs-miss":
        add("sdt-h", OPT, {"dataframe_records": [{"a": 1, "t": x} if h.random() < 0.7 else {"a": 2} for x in col]})
    elif fmt == "split-unnamed":
        add("sdt-h", [{"type": "long"}, {"type": "datetime"}], {"dataframe_split": {"data": [[1, x] for x in col]}})
    elif fmt == "two":
        u = [h.choice(CATS[h.choice(allcats)]) for _ in range(n)]
        add("sdt-h", TWO, {"dataframe_split": {"columns": ["t", "u"], "data": [[col[i], u[i]] for i in range(n)]}})
    elif fmt == "csv":
        cells = ["" if x is None else str(x) for x in col]
        if any("," in x or '"' in x for x in cells):
            continue
        cases.append({"id": "sdt-h-%d" % sum(c["id"].startswith("sdt-h-") for c in cases),
                      "signature": {"inputs": json.dumps(NAMED)}, "payload_raw": "t\n" + "\n".join(cells) + "\n",
                      "content_type": "text/csv"})
    elif fmt == "inputs":
        add("sdt-h", NAMED, h.choice([{"inputs": col}, {"inputs": {"t": col}}, {"inputs": [{"t": x} for x in col]}]))
    else:
        add("sdt-h", NAMED, h.choice([{"instances": {"t": col}}, {"instances": [{"t": x} for x in col]}]))

# 9. the NaT spellings pandas reads exactly ('', NaT, nat, NAT, nan, NaN, NAN: no stripping, no other case) next to
# near misses, and strings out of range (field errors, years past datetime64[ns]); numbers before a bad string
SPELL = ["", " ", "NaT", "nat", "NAT", "Nat", "nan", "NaN", "NAN", "Nan", "None", "null", " NaT", "NaT ", "\t", " nan",
         " 2020-01-01", "2020-01-01 ", "123", "12345", "10000-01-01", "1000-01-01", "2262-04-12", "2020-02-30",
         "2020-01-01T25:00:00", "2020-01-01T10:61:00", "2020-01-01T10:00:61", "2020-00-10", "2020-01-00", "13/13/2020",
         "2020/13/01", "Jan 32 2020", "20201301", "x2020", "2020-13-01T10:00:00Z"]
for x in SPELL:
    for col in [[x], ["2020-01-01T00:00:00", x], [0, x], [x, "2020-01-01T00:00:00Z"]]:
        add("sdt-nat", NAMED, {"dataframe_split": {"columns": ["t"], "data": [[y] for y in col]}})
    add("sdt-nat", NAMED, {"dataframe_records": [{"t": x}, {"t": None}]})
    add("sdt-nat", NAMED, {"inputs": {"t": [x]}})
    add("sdt-nat", NAMED, {"instances": [{"t": x}]})

# 10. day-first and bare-number strings (pandas swaps an impossible month with the day; numbers below 1000 are not
# dates; a lone 5-7 digit number is a year past 9999)
for x in ["13/05/2020", "05/13/2020", "13-05-2020", "13.05.2020", "13/05/2020 10:00", "0123", "1234567", "999.5",
          "1e5", "-5", "0", "2020-1-5", "Jan 1 1000", "1000", "99999999"]:
    add("sdt-num", NAMED, {"dataframe_split": {"columns": ["t"], "data": [[x]]}})
    add("sdt-num", NAMED, {"dataframe_records": [{"t": 5}, {"t": x}]})

open(sys.argv[1], "w").write("\n".join(json.dumps(c) for c in cases) + "\n")
print(len(cases), "cases", file=sys.stderr)

# In-process cases (written to the second file when given): pandas' astype('datetime64[ns]') of an object column in
# _enforce_mlflow_datatype, the same time-zone and NaT rules, with Python datetime and date objects among the strings
if len(sys.argv) > 2:
    cases = []
    p = random.Random(4242)
    objs = {"dtobj": [{"datetime": "2020-01-03T04:05:06"}], "dateobj": [{"date": "2020-01-04"}]}
    pool = dict(CATS, **objs)
    pool.pop("bool")
    def pyadd(col):
        cases.append({"id": "sdt-py-%d" % len(cases), "signature": {"inputs": json.dumps(NAMED)},
                      "input": {"dataframe": {"data": {"t": col}}}})
    pc = list(pool)
    for a, b in itertools.product(pc, pc):
        pyadd([p.choice(pool[a]), p.choice(pool[b])])
    for k in range(60):
        pyadd([p.choice(pool[p.choice(pc)]) for _ in range(p.randint(2, 5))])
    for x in SPELL:
        pyadd([x])
    # what pandas raises decides MLflow's message: a ValueError is reworded ("Failed to convert column ..."), a
    # TypeError (a bool, list or dict cell; a bad string after a number) is passed on as it is
    for col in [[True, "2020-01-01"], ["2020-01-01", True], [[1], "2020-01-01"], ["2020-01-01", {"a": 1}], [1, "x"],
                [1, "1000-01-01"], [1.5, "2020-13-01"], ["x", 1], ["2020-01-01", {"bytes_b64": "AQID"}],
                [{"datetime": "2020-01-01T00:00:00"}, 5], [{"date": "2020-01-01"}, 5, "2020-01-01T00:00:00Z", "x"],
                [True, 1, "2020-01-01"], [1, True]]:
        pyadd(col)
    open(sys.argv[2], "w").write("\n".join(json.dumps(c) for c in cases) + "\n")
    print(len(cases), "in-process cases", file=sys.stderr)
