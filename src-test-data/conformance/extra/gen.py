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

CASES = []
def add(cid, src, sig, **kw):
    c = {"id": cid, "source": "signet-extra: " + src, "signature": sig}
    c.update(kw)
    CASES.append(c)

# ---------------------------------------------------------------- A: signature
P1 = {"payload": {"inputs": [1]}}
def SA(i, rule, inputs=None, params=None, outputs=None):
    sig = {}
    if inputs is not None: sig["inputs"] = json.dumps(inputs)
    if params is not None: sig["params"] = json.dumps(params)
    if outputs is not None: sig["outputs"] = json.dumps(outputs)
    add("x-sig-" + i, "A signature parsing: " + rule, sig, **P1)
SA("dup-cols", "duplicate column names are not rejected", [C("long","a"),C("long","a")])
SA("dup-tensors", "duplicate tensor names are not rejected", [T("int64",[-1],"a"),T("int64",[-1],"a")])
SA("bad-dtype", "unknown numpy dtype -> TypeError", [T("foo",[-1])])
SA("tensor-missing-shape", "tensor-spec without shape", [{"type":"tensor","tensor-spec":{"dtype":"int64"}}])
SA("tensor-missing-spec", "tensor without tensor-spec", [{"type":"tensor"}])
SA("col-missing-type", "input without type -> KeyError", [{"name":"a"}])
SA("sized-bytes", "sized bytes dtype rejected", [T("|S5",[-1])])
SA("sized-U", "sized unicode dtype rejected", [T("<U5",[-1])])
SA("unsized-U", "unsized U accepted; serving casts numbers to str", [T("U",[-1])])
SA("shape-neg2", "shape values not validated", [T("int64",[-2,0])])
SA("unnamed-optional", "unnamed optional input rejected", [C("long",None,False)])
SA("unnamed-optional-multi", "unnamed optional input rejected (2 cols)", [C("long",None,True),C("long",None,False)])
SA("param-unknown-type", "param unknown type -> KeyError", [C("long","a")], [{"name":"p","type":"foo","default":1}])
SA("param-missing-default", "param without default key", [C("long","a")], [{"name":"p","type":"long"}])
SA("param-dtype-key", "legacy dtype key accepted", [C("long","a")], [{"name":"p","dtype":"long","default":1}])
SA("param-default-none", "scalar param default null accepted", [C("long","a")], [{"name":"p","type":"long","default":None}])
SA("param-default-none-arr", "array param default null rejected", [C("long","a")], [{"name":"p","type":"long","default":None,"shape":[-1]}])
SA("param-long-default-bool", "bool default for long rejected", [C("long","a")], [{"name":"p","type":"long","default":True}])
SA("param-float-default-int", "int default for float converted", [C("long","a")], [{"name":"p","type":"float","default":1}])
SA("param-int-default-big", "no range check on integer default", [C("long","a")], [{"name":"p","type":"integer","default":2**40}])
SA("param-bool-default-int", "int default for boolean rejected", [C("long","a")], [{"name":"p","type":"boolean","default":1}])
SA("param-str-default-int", "int default for string rejected", [C("long","a")], [{"name":"p","type":"string","default":1}])
SA("param-arr-2d", "2-d default for (-1,) rejected", [C("long","a")], [{"name":"p","type":"long","default":[[1],[2]],"shape":[-1]}])
SA("param-arr-empty", "empty list default accepted", [C("long","a")], [{"name":"p","type":"long","default":[],"shape":[-1]}])
SA("param-dt-default-datetime", "datetime default string with time", [C("long","a")], [{"name":"p","type":"datetime","default":"2023-06-26T10:00:00"}])
SA("param-dt-default-bad", "unparsable datetime default", [C("long","a")], [{"name":"p","type":"datetime","default":"notadate"}])
SA("param-dt-default-int", "int datetime default rejected", [C("long","a")], [{"name":"p","type":"datetime","default":5}])
SA("map-missing-values", "map without values (Array message)", [C({"type":"map"},"a")])
SA("map-bad-value-type", "map unknown value type", [C({"type":"map","values":{"type":"foo"}},"a")])
SA("array-bad-items-type", "array unknown items type", [C({"type":"array","items":{"type":"foo"}},"a")])
SA("only-outputs", "no input schema -> no enforcement", None, None, [C("long","a")])
SA("coltype-tensor-no-spec", "type tensor dispatches to TensorSpec", [C("tensor","a")])
SA("param-name-int", "param name str()-ed", [C("long","a")], [{"name":5,"type":"long","default":1}])
SA("any-type", "no AnyType in 2.17.2", [C("any","a")])
SA("coltype-optional-and-required", "both optional and required given", [{"type":"long","name":"a","optional":True,"required":True}])
SA("legacy-optional", "legacy optional key", [{"type":"long","name":"a","optional":True},{"type":"long","name":"b"}])

add("x-sig-empty-name", "A signature: empty-string name acts as positional index", {"inputs": json.dumps([{"type":"long","name":""},{"type":"long","name":"b"}])}, payload={"dataframe_split":{"columns":["","b"],"data":[[1,2]]}})
add("x-sig-param-dups-two", "A signature: duplicate params listed", {"inputs": json.dumps([C("long","a")]), "params": json.dumps([{"name":"p","type":"long","default":1},{"name":"p","type":"long","default":2},{"name":"q","type":"long","default":2},{"name":"q","type":"long","default":2}])}, payload={"inputs":[1]})
add("x-sig-inputs-empty-string", "A signature: empty inputs string = no input schema", {"inputs": "", "outputs": json.dumps([C("long")])}, payload={"inputs":[1]})
add("x-sig-inputs-empty-list", "A signature: [] inputs rejected", {"inputs": "[]"}, payload={"inputs":[1]})

OBR = {"type":"object","properties":{"z":{"type":"long"},"a":{"type":"string","required":False}}}
add("x-sig-repr-nested", "A repr: Map/Array/Object/SparkML repr inside schema repr", {"inputs": json.dumps([C({"type":"map","values":{"type":"string"}},"m"),C({"type":"array","items":OBR},"ao"),C({"type":"map","values":{"type":"array","items":{"type":"long"}}},"ma"),C({"type":"sparkml_vector"},"v"),C("string","s",False)])}, input={"json":5})
add("x-sig-repr-tensors", "A repr: TensorSpec repr inside schema repr", {"inputs": json.dumps([T("str",[-1],"a"),T("bytes",[-1,1],"b"),T("datetime64[ns]",[3],"c")])}, input={"json":5})
add("x-sig-repr-unnamed-cols", "A repr: unnamed ColSpec repr; empty list input", {"inputs": json.dumps([C("long"),C("double")])}, input={"json":[]})

add("x-sig-dup-diff-types", "A duplicate names: each spec enforced on the same column, last wins", {"inputs": json.dumps([C("long","a"),C("double","a")])}, input={"dataframe":{"data":{"a":[1,2]},"dtypes":{"a":"int32"}}})
add("x-sig-dup-diff-types-fail", "A duplicate names: every spec must accept the column", {"inputs": json.dumps([C("long","a"),C("string","a")])}, input={"dataframe":{"data":{"a":[1,2]}}})

# ---------------------------------------------------------------- B: serving
def SV(i, rule, sig, payload=None, raw=None, ct=None):
    kw = {}
    if raw is not None: kw["payload_raw"] = raw
    else: kw["payload"] = payload
    if ct: kw["content_type"] = ct
    add("x-b-" + i, "B serving: " + rule, sig, **kw)
SC = {"inputs":[C("long","a"),C("string","b")]}
SU = {"inputs":[C("long"),C("double")]}
ST = {"inputs":[T("float32",[-1,2])]}
ST1 = {"inputs":[T("float64",[-1])]}
SPL = {"dataframe_split":{"columns":["a","b"],"data":[[1,"x"]]}}
SV("ct-charset-latin1", "charset other than utf-8 -> 415", SC, SPL, ct="application/json; charset=latin-1")
SV("ct-charset-UTF8-upper", "charset value case-insensitive", SC, SPL, ct="application/json; charset=UTF-8")
SV("ct-json-upper", "mime type case-sensitive", SC, SPL, ct="Application/JSON")
SV("ct-text-plain", "unsupported mime -> 415", SC, SPL, ct="text/plain")
SV("ct-charset-param-upper-key", "param key case-sensitive", SC, SPL, ct="application/json; Charset=utf-8")
SV("ct-two-bad-params", "charset checked before unknown params", SC, SPL, ct="application/json; foo=1; charset=ascii")
SV("ct-text-plain-latin", "charset checked before mime", SC, SPL, ct="text/plain; charset=latin-1")
SV("ct-csv", "CSV with column schema", SC, raw="a,b\n1,x\n2,y\n", ct="text/csv")
SV("csv-bad-long", "CSV dtype error -> BAD_REQUEST", SC, raw="a,b\nfoo,x\n", ct="text/csv")
SV("csv-tensor", "CSV to tensor schema always 400", ST, raw="a,b\n1,2\n", ct="text/csv")
SV("csv-unnamed", "CSV unnamed schema positional dtypes", SU, raw="x,y\n1,2.5\n", ct="text/csv")
SV("csv-unnamed-float-in-long", "CSV float in long column", SU, raw="x,y\n1.5,2.5\n", ct="text/csv")
SV("csv-named-missing-col", "CSV missing column -> enforcement error", SC, raw="a\n1\n", ct="text/csv")
SV("csv-array-schema", "CSV with Array column -> 400", {"inputs":[C({"type":"array","items":{"type":"long"}},"a")]}, raw="a\n1\n", ct="text/csv")
SV("csv-no-schema", "CSV without input schema", {"outputs":[C("long")]}, raw="a\n1\n", ct="text/csv")
SV("json-empty-body", "empty body is malformed JSON", SC, raw="")
SV("json-truncated", "truncated JSON", SC, raw='{"dataframe_split": {')
SV("json-null", "JSON null -> unexpected type", ST1, raw="null")
SV("json-float-top", "JSON number -> unexpected type", ST1, raw="1.5")
SV("nan-literal", "NaN/Infinity literals accepted", ST1, raw='{"inputs":[NaN, Infinity, -Infinity]}')
SV("dup-keys", "duplicate keys: last wins", ST1, raw='{"inputs":[1], "inputs":[2,3]}')
SV("json-extra-key", "unknown top-level keys ignored", SC, {**SPL, "foo": 1})
SV("json-signature-name", "signature_name silently ignored", ST, {"inputs":[[1,2]],"signature_name":"x"})
SV("params-only", "params alone -> zero format keys", SC, {"params":{"p":1}})
SV("three-format-keys", "three format keys", SC, {"inputs":[1],"instances":[1],"dataframe_records":[]})
SV("params-not-dict-noschema", "params list without params schema -> warning", SC, {**SPL, "params":[1]})
SV("params-not-dict-schema", "params list with params schema -> 400", {**SC,"params":[{"name":"p","type":"long","default":1}]}, {**SPL, "params":[1]})
SV("params-null-schema", "params null -> defaults", {**SC,"params":[{"name":"p","type":"long","default":1}]}, {**SPL, "params":None})
SV("llm-prompt", "prompt key -> LLM path, one-row dict", SC, {"prompt":"hi","p":1,"a":2})
SV("llm-input-key", "input (singular) key -> LLM path", {**SC,"params":[{"name":"p","type":"long","default":1}]}, {"input":"hi","p":"3"})
SV("llm-prompt-with-inputs", "LLM key wins over inputs key", SC, {"prompt":"x","inputs":[1]})
SV("llm-params-key", "params key in LLM body is data", {"inputs":[C("string","prompt")],"params":[{"name":"t","type":"double","default":0.5}]}, {"prompt":"hi","params":{"t":1.0}})
SV("llm-params-typed", "LLM top-level param validated", {"inputs":[C("string","prompt")],"params":[{"name":"t","type":"double","default":0.5}]}, {"prompt":"hi","t":"hot"})
SV("llm-no-sig-prompt", "LLM without input schema: raw dict", {"outputs":[C("long")]}, {"prompt":"hi","t":1})
SV("llm-messages-list-prompt", "list of strings in LLM dict -> one cell", {"inputs":[C("string","prompt")]}, {"prompt":["a","b"]})
SV("split-extra-key", "split with extra key", SC, {"dataframe_split":{"columns":["a","b"],"data":[[1,"x"]],"foo":1}})
SV("split-no-data", "split without data", SC, {"dataframe_split":{"columns":["a","b"]}})
SV("split-not-dict-int", "split not a dict", SC, {"dataframe_split":5})
SV("split-data-not-list", "split data scalar", SC, {"dataframe_split":{"columns":["a"],"data":5}})
SV("split-index", "split index ignored", SC, {"dataframe_split":{"index":[5],"columns":["a","b"],"data":[[1,"x"]]}})
SV("split-no-columns-named", "split without columns -> int names", SC, {"dataframe_split":{"data":[[1,"x"]]}})
SV("split-cols-int-names", "split int columns vs unnamed schema", SU, {"dataframe_split":{"columns":[0,1],"data":[[1,2.5]]}})
SV("split-empty", "split 0 rows accepted", SC, {"dataframe_split":{"columns":["a","b"],"data":[]}})
SV("records-int", "records not a list", SC, {"dataframe_records":5})
SV("records-list-of-lists", "records list of lists -> int columns", SC, {"dataframe_records":[[1,"x"]]})
SV("records-scalar-list", "records list of scalars", SC, {"dataframe_records":[1,2]})
SV("records-ok", "records missing key -> NaN in string col", SC, {"dataframe_records":[{"a":1,"b":"x"},{"a":2}]})
SV("records-missing-long", "records missing key in long col -> cast error", SC, {"dataframe_records":[{"a":1,"b":"x"},{"b":"y"}]})
SV("records-empty", "records [] -> missing inputs", SC, {"dataframe_records":[]})
SV("split-cast-str-to-long", "split astype str->long", SC, {"dataframe_split":{"columns":["a","b"],"data":[["5","x"]]}})
SV("split-cast-float-to-long", "split astype float->long truncates", SC, {"dataframe_split":{"columns":["a","b"],"data":[[1.5,"x"]]}})
SV("split-cast-null-to-long", "split null in long -> 400", SC, {"dataframe_split":{"columns":["a","b"],"data":[[None,"x"]]}})
SV("split-int-to-string", "split int in string column kept", SC, {"dataframe_split":{"columns":["a","b"],"data":[[1,5]]}})
SV("split-null-string", "split null in string column", SC, {"dataframe_split":{"columns":["a","b"],"data":[[1,None]]}})
SV("split-bool-to-long", "split bool -> long", SC, {"dataframe_split":{"columns":["a","b"],"data":[[True,"x"]]}})
SV("sv-bool-split-int", "split int -> boolean", {"inputs":[C("boolean","a")]}, {"dataframe_split":{"columns":["a"],"data":[[1],[0]]}})
SV("sv-float-split-str", "split numeric string -> float", {"inputs":[C("float","a")]}, {"dataframe_split":{"columns":["a"],"data":[["1.5"]]}})
SV("sv-dt-split", "split ISO string -> datetime", {"inputs":[C("datetime","a")]}, {"dataframe_split":{"columns":["a"],"data":[["2020-01-01T10:00:00"]]}})
SV("sv-dt-split-bad", "split bad datetime string", {"inputs":[C("datetime","a")]}, {"dataframe_split":{"columns":["a"],"data":[["nope"]]}})
SV("sv-bin-split", "split base64 -> bytes", {"inputs":[C("binary","a")]}, {"dataframe_split":{"columns":["a"],"data":[["eA=="]]}})
SV("sv-bin-split-bad", "split invalid base64 chars discarded", {"inputs":[C("binary","a")]}, {"dataframe_split":{"columns":["a"],"data":[["!!"]]}})
SV("sv-bin-inputs", "inputs binary not base64-decoded", {"inputs":[C("binary","a")]}, {"inputs":{"a":["eA=="]}})
SV("sv-unnamed-split", "split unnamed col schema", SU, {"dataframe_split":{"data":[[1,2.5]]}})
SV("sv-unnamed-inputs", "inputs rows cast with first spec", {"inputs":[C("long"),C("string")]}, {"inputs":[[1,"x"]]})
SV("sv-unnamed-inputs-1", "inputs list for single unnamed col", {"inputs":[C("long")]}, {"inputs":[1,2]})
SV("instances-unnamed-col", "instances rows cast with first spec (truncation)", SU, {"instances":[[1,2.5],[3,4.5]]})
SV("instances-named-col-rows", "instances list of dicts -> columns", SC, {"instances":[{"a":1,"b":"x"},{"a":2,"b":"y"}]})
SV("instances-named-missing-row-key", "instances length check", SC, {"instances":[{"a":1,"b":"x"},{"a":2}]})
SV("inputs-string-scalar", "inputs scalar for unnamed string col", {"inputs":[C("string")]}, {"inputs":"hello"})
SV("inputs-col-unnamed-dict", "inputs dict for unnamed schema -> 400", SU, {"inputs":{"a":[1]}})
SV("sv-long-inputs-str", "inputs str -> long cast", {"inputs":[C("long","a")]}, {"inputs":{"a":["1"]}})
SV("sv-long-inputs-float", "inputs float -> long truncates", {"inputs":[C("long","a")]}, {"inputs":{"a":[1.5]}})
SV("sv-str-inputs-num", "inputs numbers -> string", {"inputs":[C("string","a")]}, {"inputs":{"a":[1,2]}})
SV("sv-col-inputs-scalar", "inputs dict scalar -> one row", {"inputs":[C("long","a")]}, {"inputs":{"a":5}})
SV("sv-col-inputs-2cols", "inputs dict columns", {"inputs":[C("long","a"),C("double","b")]}, {"inputs":{"a":[1],"b":[2]}})
SV("sv-col-instances-2cols", "instances records to columns", {"inputs":[C("long","a"),C("double","b")]}, {"instances":[{"a":1,"b":2}]})
SV("no-sig-inputs", "no input schema: inputs -> ndarray", {"outputs":[C("long")]}, {"inputs":[[1,2],[3,4]]})
SV("no-sig-split", "no input schema: split -> DataFrame", {"outputs":[C("long")]}, {"dataframe_split":{"columns":["a"],"data":[[1]]}})
# tensor serving
N = {"inputs":[T("float32",[-1,2],"x"),T("int64",[-1],"y")]}
N1 = {"inputs":[T("float32",[-1,2],"x")]}
SV("u-inputs", "unnamed tensor inputs cast to spec dtype", ST, {"inputs":[[1,2],[3,4]]})
SV("u-instances", "unnamed tensor instances", ST, {"instances":[[1,2],[3,4]]})
SV("u-inputs-str", "numeric strings -> float32", ST, {"inputs":[["1","2"]]})
SV("u-inputs-strbad", "bad string -> 400", ST, {"inputs":[["a","2"]]})
SV("u-inputs-null", "null -> NaN", ST, {"inputs":[[None,2]]})
SV("u-inputs-bool", "bool -> float", ST, {"inputs":[[True,False]]})
SV("u-inputs-ragged", "ragged list -> 400", ST, {"inputs":[[1,2],[3]]})
SV("u-inputs-scalar", "scalar -> shape () mismatch", ST, {"inputs":5})
SV("u-inputs-dict", "dict for unnamed tensor -> 400", ST, {"inputs":{"a":[1,2]}})
SV("u-inputs-wrongshape", "wrong second dim", ST, {"inputs":[[1,2,3]]})
SV("u-inputs-1d", "1-d for 2-d spec", ST, {"inputs":[1,2]})
SV("inputs-null", "inputs null for unnamed tensor", ST1, {"inputs":None})
SV("inputs-empty", "inputs [] stays a list -> rejected", ST, {"inputs":[]})
SV("instances-empty", "instances [] stays a list -> rejected", ST, {"instances":[]})
SV("u-instances-dicts", "instances records for unnamed tensor", ST, {"instances":[{"a":1},{"a":2}]})
SV("u-split", "split 2 cols -> (-1,2)", ST, {"dataframe_split":{"columns":["a","b"],"data":[[1,2]]}})
SV("u-split-3cols", "split 3 cols vs (-1,2)", ST, {"dataframe_split":{"columns":["a","b","c"],"data":[[1,2,3]]}})
SV("u-split-1col-lists", "split one column of lists", ST, {"dataframe_split":{"columns":["a"],"data":[[[1,2]],[[3,4]]]}})
SV("u-records", "records to unnamed tensor", ST, {"dataframe_records":[{"a":1,"b":2}]})
SV("n-inputs", "named tensors via inputs dict", N, {"inputs":{"x":[[1,2]],"y":[5]}})
SV("n-inputs-missing", "named tensor missing", N, {"inputs":{"x":[[1,2]]}})
SV("n-inputs-extra", "extra named tensor dropped", N, {"inputs":{"x":[[1,2]],"y":[5],"z":[1]}})
SV("n-instances", "named tensors via instances rows", N, {"instances":[{"x":[1,2],"y":5},{"x":[3,4],"y":6}]})
SV("n-instances-lenmismatch", "inputs: no length check", N, {"inputs":{"x":[[1,2]],"y":[5,6]}})
SV("n-instances-dict-lenmismatch", "instances dict: length check", N, {"instances":{"x":[[1,2]],"y":[5,6]}})
SV("n-inputs-list", "list for 2 named tensors", N, {"inputs":[[1,2]]})
SV("n1-inputs-list", "list for 1 named tensor -> wrapped", N1, {"inputs":[[1,2]]})
SV("n-split", "split to named tensors", N, {"dataframe_split":{"columns":["x","y"],"data":[[[1,2],5]]}})
SV("n-inputs-y-float", "float -> int64 truncation", N, {"inputs":{"x":[[1,2]],"y":[5.5]}})
SV("n-inputs-y-str", "str -> int64 fails 400", N, {"inputs":{"x":[[1,2]],"y":["a"]}})
SV("u-int8-300", "uint8 wraps 300 -> 44", {"inputs":[T("uint8",[-1])]}, {"inputs":[1,300]})
SV("u-int8-neg", "uint8 wraps -1 -> 255", {"inputs":[T("uint8",[-1])]}, {"inputs":[-1]})
SV("u-bool-from-num", "numbers -> bool truthiness", {"inputs":[T("bool",[-1])]}, {"inputs":[0,2]})
SV("u-bool-from-str", "non-empty string -> True", {"inputs":[T("bool",[-1])]}, {"inputs":["False"]})
SV("u-str-from-num", "numbers -> str spec", {"inputs":[T("str",[-1])]}, {"inputs":[1.5,True]})
SV("u-bytes-from-str", "str -> bytes spec (utf8)", {"inputs":[T("bytes",[-1])]}, {"inputs":["abc"]})
SV("u-obj", "object spec keeps values", {"inputs":[T("object",[-1])]}, {"inputs":[1,"a",None]})
SV("u-dt", "ISO string -> datetime64[ns]", {"inputs":[T("datetime64[ns]",[-1])]}, {"inputs":["2020-01-01T00:00:01"]})
SV("u-dt-s", "ISO string -> datetime64[s]", {"inputs":[T("datetime64[s]",[-1])]}, {"inputs":["2020-01-01T00:00:01"]})
SV("u-int-from-float", "float -> int32 truncation", {"inputs":[T("int32",[-1])]}, {"inputs":[1.7]})
SV("u-shape-3d-wild-mid", "(-1,-1,2) wildcards via inputs", {"inputs":[T("float64",[-1,-1,2])]}, {"inputs":[[[1,2],[3,4],[5,6]]]})
# params over serving
PS = {"inputs":[C("long","a")],"params":[{"name":"d","type":"datetime","default":"2023-01-01"},{"name":"l","type":"long","default":1},{"name":"arr","type":"long","default":[1],"shape":[-1]},{"name":"f","type":"float","default":1.5}]}
B = {"dataframe_split":{"columns":["a"],"data":[[1]]}}
for i, rule, p in [
    ("p-dt-dict", "dict -> datetime fails", {"d":{"x":1}}),
    ("p-dt-list", "list -> scalar datetime fails", {"d":[1,2]}),
    ("p-dt-bool", "bool -> datetime fails", {"d":True}),
    ("p-dt-str-ok", "ISO string -> datetime", {"d":"2024-02-03T04:05:06"}),
    ("p-long-dict", "dict -> long not scalar", {"l":{"x":1}}),
    ("p-long-float", "1.0 -> long rejected", {"l":1.0}),
    ("p-long-str", "str -> long rejected", {"l":"1"}),
    ("p-long-null", "null accepted", {"l":None}),
    ("p-arr-dicts", "dict element not scalar", {"arr":[{"x":1}]}),
    ("p-arr-scalar", "scalar for (-1,)", {"arr":5}),
    ("p-arr-null-elem", "null element accepted", {"arr":[1,None]}),
    ("p-arr-ragged", "ragged list -> unexpected error BAD_REQUEST", {"arr":[[1],[1,2]]}),
    ("p-arr-2d", "2-d list for (-1,)", {"arr":[[1],[2]]}),
    ("p-float-int", "int -> float 3.0; order of result", {"f":3}),
    ("p-float-big-int", "big int -> float", {"f":2**40}),
    ("p-unknown", "unknown params warned and dropped", {"zzz":1,"yyy":2}),
    ("p-two-invalid", "two invalid params collected", {"l":"x","f":"y"}),
    ("p-empty", "empty params -> defaults", {}),
    ("p-bool-to-long", "bool -> long rejected", {"l":True}),
    ("p-arr-floats", "float elements -> long rejected", {"arr":[1.5]}),
]:
    SV(i, "params: " + rule, PS, {**B, "params": p})
SV("p-noschema-dict", "params without params schema -> warning", {"inputs":[C("long","a")]}, {**B, "params":{"x":1,"y":2}})
SV("p-noschema-empty", "empty params without schema, no warning", {"inputs":[C("long","a")]}, {**B, "params":{}})
# nested over serving
AL = {"type":"array","items":{"type":"long"}}
OB = {"type":"object","properties":{"x":{"type":"long"},"y":{"type":"string","required":False}}}
MP = {"type":"map","values":{"type":"double"}}
MPL = {"type":"map","values":{"type":"long"}}
SV("sv-arr-split", "split Array(long) column", {"inputs":[C(AL,"a")]}, {"dataframe_split":{"columns":["a"],"data":[[[1,2]],[[3]]]}})
SV("sv-arr-split-bad", "split Array(long) with float -> 400 BAD_REQUEST", {"inputs":[C(AL,"a")]}, {"dataframe_split":{"columns":["a"],"data":[[[1.5]]]}})
SV("sv-arr-inputs", "inputs dict Array -> one row", {"inputs":[C(AL,"a")]}, {"inputs":{"a":[1,2]}})
SV("sv-arr-inputs-list", "inputs list for single Array col -> scalar error", {"inputs":[C(AL,"a")]}, {"inputs":[[1,2],[3]]})
SV("sv-arr-instances", "instances ragged Array -> 400", {"inputs":[C(AL,"a")]}, {"instances":[{"a":[1,2]},{"a":[3]}]})
SV("sv-obj-inputs", "inputs Object", {"inputs":[C(OB,"a")]}, {"inputs":{"a":{"x":1}}})
SV("sv-obj-inputs-bad", "inputs Object wrong leaf -> 400", {"inputs":[C(OB,"a")]}, {"inputs":{"a":{"x":"s"}}})
SV("sv-obj-records", "records Object", {"inputs":[C(OB,"a")]}, {"dataframe_records":[{"a":{"x":1}}]})
SV("sv-map-inputs", "inputs dict with Map column broken", {"inputs":[C(MP,"a")]}, {"inputs":{"a":{"k":1}}})
SV("sv-map-inputs-bad", "inputs Map bad value", {"inputs":[C(MP,"a")]}, {"inputs":{"a":{"k":"v"}}})
SV("inputs-dict-long-and-array", "inputs dict with Array col: lists are cells", {"inputs":[C("long","a"),C(AL,"b")]}, {"inputs":{"a":[1,2],"b":[[1],[2]]}})
SV("inputs-dict-long-and-array-scalar", "inputs dict with Array col one row", {"inputs":[C("long","a"),C(AL,"b")]}, {"inputs":{"a":1,"b":[1,2]}})
SV("inputs-dict-map-rows", "inputs list of dicts with Map", {"inputs":[C(MPL,"m")]}, {"inputs":[{"m":{"k":1}}]})
SV("records-map", "records Map", {"inputs":[C(MPL,"m")]}, {"dataframe_records":[{"m":{"k":1}}]})
SV("records-map-bad", "records Map bad value -> 400 BAD_REQUEST", {"inputs":[C(MPL,"m")]}, {"dataframe_records":[{"m":{"k":"v"}}]})

SV("inputs-scalar-bad-col", "scalar conversion failure message (ColSpec repr)", {"inputs":[C("long")]}, {"inputs":"abc"})
SV("inputs-scalar-bad-tensor", "scalar conversion failure message (TensorSpec repr)", {"inputs":[T("int64",[-1])]}, {"inputs":"abc"})
SV("instances-scalar-tensor", "instances scalar -> 0-d -> shape error", {"inputs":[T("int64",[-1])]}, {"instances":7})

# ---------------------------------------------------------------- C: tensor enforcement (python path)
def PC(i, rule, sig, inp):
    add("x-c-" + i, "C tensor: " + rule, {"inputs": json.dumps(sig)}, input=inp)
ND = lambda dt, data: {"ndarray": {"dtype": dt, "data": data}}
NS = lambda dt, shape: {"ndarray": {"dtype": dt, "shape": shape}}
IN_DT = ["bool","int8","int32","int64","uint8","uint64","float16","float32","float64","<U3","|S3","object","datetime64[ns]","datetime64[s]"]
SPEC_DT = ["bool","int32","int64","float32","float64","str","bytes","object","datetime64[ns]"]
def data_for(dt):
    if dt in ("<U3","|S3"): return [["a","b"]]
    if dt == "object": return [[1,"a"]]
    if dt.startswith("datetime"): return [["2020-01-01","2020-01-02"]]
    return [[1,0]]
clean = lambda s: s.replace("<","").replace("|","").replace("[","_").replace("]","")
for a in IN_DT:
    for b in SPEC_DT:
        PC(f"dt-{clean(a)}-vs-{clean(b)}", "dtype must match exactly (no upcast)", [T(b,[-1,2])], ND(a, data_for(a)))
PC("dt-object-str", "object array vs str spec", [T("str",[-1])], ND("object",["a"]))
PC("dt-str-object", "str array vs object spec (-1,2)", [T("object",[-1,2])], ND("<U1",[["a","b"]]))
PC("shape-wild-mid", "wildcard in middle", [T("float32",[2,-1,3])], NS("float32",[2,5,3]))
PC("shape-wild-mid-bad", "fixed dim mismatch", [T("float32",[2,-1,3])], NS("float32",[3,5,3]))
PC("shape-wild-last", "wildcard last", [T("float32",[-1,-1])], NS("float32",[1,7]))
PC("shape-rank", "rank mismatch", [T("float32",[-1,2])], NS("float32",[4,2,1]))
PC("shape-0d", "numpy scalar rejected", [T("float32",[-1])], {"np_scalar":{"dtype":"float32","value":1}})
PC("shape-0d-array", "0-d array shape ()", [T("float32",[-1])], ND("float32", 1.0))
PC("shape-fixed-first", "fixed first dim ok", [T("float32",[3])], NS("float32",[3]))
PC("shape-fixed-first-bad", "fixed first dim mismatch", [T("float32",[3])], NS("float32",[4]))
PC("shape-empty-rows", "0 rows match -1", [T("float32",[-1,2])], NS("float32",[0,2]))
PC("shape-all-fixed-4d", "all fixed 4-d", [T("int8",[1,2,3,4])], NS("int8",[1,2,3,4]))
PC("ragged-obj-1d", "object (-1,) accepts ragged", [T("object",[-1])], {"ragged":[ND("int64",[1,2]),ND("int64",[3])]})
PC("ragged-float-wild", "ragged accepted for (-1,-1)", [T("float64",[-1,-1])], {"ragged":[ND("float64",[1,2]),ND("float64",[3])]})
PC("ragged-float-wild-wrongdtype", "ragged accepted without dtype check", [T("float32",[-1,-1,3])], {"ragged":[ND("int64",[1,2]),ND("int64",[3])]})
PC("ragged-float-fixed", "ragged rejected for fixed trailing dims", [T("float64",[-1,2])], {"ragged":[ND("float64",[1,2]),ND("float64",[3])]})
PC("obj-spec-2d", "object (-1,2) spec with object data", [T("object",[-1,2])], ND("object",[[1,"a"]]))
PC("obj-spec-1d-anything", "object (-1,) accepts any array", [T("object",[-1])], ND("float32",[[1,2]]))
PC("dt-units-D", "datetime unit D vs ns", [T("datetime64[ns]",[-1])], ND("datetime64[D]",["2020-01-01"]))
PC("dt-units-ms-ms", "datetime ms vs ms", [T("datetime64[ms]",[-1])], ND("datetime64[ms]",["2020-01-01"]))
PC("dt-units-us-ns", "datetime us vs ns", [T("datetime64[ns]",[-1])], ND("datetime64[us]",["2020-01-01"]))
PC("dt-generic", "generic datetime64 spec", [T("datetime64",[-1])], ND("datetime64[s]",["2020-01-01"]))
PC("td", "timedelta same unit", [T("timedelta64[ms]",[-1])], ND("timedelta64[ms]",[5]))
PC("td-unit", "timedelta unit mismatch", [T("timedelta64[ns]",[-1])], ND("timedelta64[ms]",[5]))
PC("str-U-vs-str", "sized U matches str", [T("str",[-1])], ND("<U5",["abc"]))
PC("bytes-vs-str", "U vs bytes rejected", [T("bytes",[-1])], ND("<U5",["abc"]))
PC("named-dict-ok", "named dict of arrays", [T("float32",[-1],"a"),T("int32",[-1],"b")], {"dict":{"a":ND("float32",[1]),"b":ND("int32",[1])}})
PC("named-dict-missing", "missing + extra", [T("float32",[-1],"a"),T("int32",[-1],"b")], {"dict":{"a":ND("float32",[1]),"c":ND("int32",[1])}})
PC("named-dict-wrong-dtype", "named dtype mismatch", [T("float32",[-1],"a"),T("int32",[-1],"b")], {"dict":{"a":ND("float32",[1]),"b":ND("int64",[1])}})
PC("named-dict-list-value", "dict value list rejected", [T("float32",[-1],"a")], {"dict":{"a":{"json":[1.0]}}})
PC("named-ndarray", "ndarray for 2 names", [T("float32",[-1],"a"),T("int32",[-1],"b")], ND("float32",[1]))
PC("named-1-ndarray", "ndarray for 1 name wrapped", [T("float32",[-1],"a")], ND("float32",[1]))
PC("named-1-ndarray-bad", "wrapped then dtype check", [T("float32",[-1],"a")], ND("float64",[1]))
PC("named-list", "list for named", [T("float32",[-1],"a")], {"json":[1.0]})
PC("unnamed-list", "list for unnamed", [T("float32",[-1])], {"json":[1.0]})
PC("unnamed-dict", "dict for unnamed", [T("float32",[-1])], {"dict":{"a":ND("float32",[1])}})
PC("scalar-json", "python float for unnamed", [T("float32",[-1])], {"json":1.5})
PC("df-1col-scalar-1d", "df scalar column -> (-1,) cast", [T("float32",[-1])], {"dataframe":{"data":{"a":[1,2]}}})
PC("df-1col-scalar-2d1", "df scalar column -> (-1,1)", [T("float32",[-1,1])], {"dataframe":{"data":{"a":[1.5,2]}}})
PC("df-1col-scalar-bad", "df scalar column vs (-1,2)", [T("float32",[-1,2])], {"dataframe":{"data":{"a":[1,2]}}})
PC("df-1col-str-to-float", "df string column cast fails", [T("float32",[-1])], {"dataframe":{"data":{"a":["1.5","x"]}}})
PC("df-1col-float-to-int", "df float column -> int32 lossy", [T("int32",[-1])], {"dataframe":{"data":{"a":[1.7,2.2]}}})
PC("df-multicol", "df 2 float32 cols", [T("float32",[-1,2])], {"dataframe":{"data":{"a":[1.0],"b":[2.0]},"dtypes":{"a":"float32","b":"float32"}}})
PC("df-multicol-float64", "df 2 float64 cols vs float32", [T("float32",[-1,2])], {"dataframe":{"data":{"a":[1.0],"b":[2.0]}}})
PC("df-empty", "empty df", [T("float32",[-1])], {"dataframe":{"data":{"a":[]}}})
PC("df-lists", "df list cells reshape", [T("float32",[-1,2])], {"dataframe":{"data":{"a":[[1,2],[3,4]]}}})
PC("df-lists-bad", "df list cells bad reshape", [T("float32",[-1,2])], {"dataframe":{"data":{"a":[[1,2,3],[3,4,5]]}}})
PC("df-lists-3d", "df list cells -> 3-d", [T("float32",[-1,2,2])], {"dataframe":{"data":{"a":[[1,2,3,4]]}}})
PC("df-wild-shape", "df needs fixed trailing dims", [T("float32",[-1,-1])], {"dataframe":{"data":{"a":[[1,2]]}}})
PC("df-fixed-first", "df needs -1 first", [T("float32",[2])], {"dataframe":{"data":{"a":[1,2]}}})
PC("df-named", "df to named tensors", [T("float32",[-1],"a"),T("int64",[-1,2],"b")], {"dataframe":{"data":{"a":[1,2],"b":[[1,2],[3,4]]}}})
PC("df-named-missing", "df missing named tensor", [T("float32",[-1],"a"),T("int64",[-1,2],"b")], {"dataframe":{"data":{"a":[1,2]}}})
PC("df-strings-nested", "df dict cells rejected", [T("float32",[-1,1])], {"dataframe":{"data":{"a":[{"json":{"x":1}}]}}})
PC("df-ndarray-cells", "df ndarray cells: no dtype check", [T("float32",[-1,2])], {"dataframe":{"data":{"a":[ND("float64",[1,2])]}}})
PC("df-ndarray-cells-f32", "df ndarray cells float32", [T("float32",[-1,2])], {"dataframe":{"data":{"a":[ND("float32",[1,2])]}}})
PC("series-unnamed", "Series -> 1-col DataFrame", [T("float64",[-1])], {"series":{"data":[1.5,2.5]}})

# ---------------------------------------------------------------- D: column enforcement (python path)
def PD(i, rule, sig, inp):
    add("x-d-" + i, "D column: " + rule, {"inputs": json.dumps(sig)}, input=inp)
DF = lambda data, dtypes=None: {"dataframe": {"data": data, **({"dtypes": dtypes} if dtypes else {})}}
srcs = {"int8":[1,2],"int16":[1,2],"int32":[1,2],"int64":[1,2],"int64_01":[0,1],"uint8":[1,2],"uint16":[1,2],"uint32":[1,2],"uint64":[1,2],"float16":[1.5,2],"float32":[1.5,2],"float64":[1.5,2],"bool":[True,False]}
for s, v in srcs.items():
    dt = "int64" if s == "int64_01" else s
    for t in ["integer","long","float","double","boolean","string"]:
        PD(f"{s}-{t}", f"upcast table {dt} -> {t}", [C(t,"a")], DF({"a":v},{"a":dt}))
for s in ["int32","float32","bool"]:
    PD(f"{s}-binary", f"{s} -> binary rejected", [C("binary","a")], DF({"a":srcs[s]},{"a":s}))
    PD(f"{s}-datetime", f"{s} -> datetime rejected", [C("datetime","a")], DF({"a":srcs[s]},{"a":s}))
for i, rule, sig, inp in [
 ("nan-hint", "NaN hint float64 -> long", [C("long","a")], DF({"a":[1.0,None]})),
 ("nan-hint-integer", "NaN hint float64 -> integer", [C("integer","a")], DF({"a":[1.0,None]})),
 ("nan-nohint-frac", "no hint when fractional", [C("long","a")], DF({"a":[1.5,None]})),
 ("float-nohint", "no hint without NaN", [C("long","a")], DF({"a":[1.0,2.0]})),
 ("nan-hint-float32-none", "no hint for float32 source", [C("long","a")], DF({"a":[1.0,None]},{"a":"float32"})),
 ("obj-int-to-long", "object ints infer to int64", [C("long","a")], DF({"a":[1,2]},{"a":"object"})),
 ("obj-mixed-to-long", "object mixed -> long rejected", [C("long","a")], DF({"a":[1,"x"]})),
 ("obj-str-to-long", "object str -> long rejected", [C("long","a")], DF({"a":["1","2"]})),
 ("obj-int-to-string", "object ints pass string", [C("string","a")], DF({"a":[1,2]},{"a":"object"})),
 ("obj-bytes-to-string", "bytes pass string", [C("string","a")], DF({"a":[{"bytes_b64":"AQ=="}]})),
 ("obj-str-to-binary", "str passes binary", [C("binary","a")], DF({"a":["x"]})),
 ("S-to-binary", "S dtype passes binary", [C("binary","a")], DF({"a":["x"]},{"a":"S3"})),
 ("obj-bool-none-to-boolean", "object bool+None passes boolean", [C("boolean","a")], DF({"a":[True,None]})),
 ("obj-str-to-boolean", "object str passes boolean", [C("boolean","a")], DF({"a":["x","y"]})),
 ("obj-none-to-double", "all None -> float64", [C("double","a")], DF({"a":[None,None]})),
 ("obj-numstr-to-double", "numeric strings -> double via to_numeric", [C("double","a")], DF({"a":["1.5","2"]})),
 ("obj-badstr-to-double", "non numeric -> double fails", [C("double","a")], DF({"a":["1.5","x"]})),
 ("obj-int-str-to-double", "to_numeric returns int64 for double", [C("double","a")], DF({"a":[1,"2"]})),
 ("obj-bool-to-double", "bool+str -> int64 for double", [C("double","a")], DF({"a":[True,"2"]})),
 ("obj-numstr-to-float", "numeric strings -> float rejected", [C("float","a")], DF({"a":["1.5"]})),
 ("dt-s-to-datetime", "datetime64[s] -> datetime", [C("datetime","a")], DF({"a":["2020-01-01"]},{"a":"datetime64[s]"})),
 ("dt-str-to-datetime", "ISO string -> datetime", [C("datetime","a")], DF({"a":["2020-01-01"]})),
 ("dt-badstr-to-datetime", "bad string -> datetime", [C("datetime","a")], DF({"a":["notadate"]})),
 ("dt-date-to-datetime", "date objects -> datetime", [C("datetime","a")], DF({"a":[{"date":"2020-01-01"}]})),
 ("dt-int-to-datetime", "int -> datetime rejected", [C("datetime","a")], DF({"a":[1,2]})),
 ("decimal-to-double", "Decimal -> double", [C("double","a")], DF({"a":[{"decimal":"1.5"}]})),
 ("decimal-big-int-double", "big Decimal -> double", [C("double","a")], DF({"a":[{"decimal":"12345678901234567890"}]})),
 ("decimal-to-float", "Decimal -> float rejected", [C("float","a")], DF({"a":[{"decimal":"1.5"}]})),
 ("timedelta-to-long", "timedelta -> long rejected", [C("long","a")], DF({"a":[1]},{"a":"timedelta64[ns]"})),
 ("opt-missing", "optional absent", [C("long","a"),C("long","b",False)], DF({"a":[1]})),
 ("opt-present-wrong", "optional present wrong type", [C("long","a"),C("long","b",False)], DF({"a":[1],"b":[1.5]})),
 ("missing-and-extra", "missing + extra message", [C("long","a"),C("long","b")], DF({"a":[1],"z":[1],"y":[2]})),
 ("unnamed-fewer", "unnamed count check", [C("long"),C("long")], DF({"x":[1]})),
 ("unnamed-more", "unnamed extra columns; int64->double", [C("long"),C("double")], DF({"x":[1],"y":[2],"z":[3]})),
 ("unnamed-types", "unnamed positional", [C("long"),C("double")], DF({"x":[1],"y":[2.5]})),
 ("unnamed-wrong", "unnamed wrong type uses label", [C("long"),C("double")], DF({"x":[1.5],"y":[2.5]})),
 ("json-dict-lists", "dict of lists = columns", [C("long","a"),C("string","b")], {"json":{"a":[1,2],"b":["x","y"]}}),
 ("json-dict-scalars", "dict of scalars = one row", [C("long","a"),C("string","b")], {"json":{"a":1,"b":"x"}}),
 ("json-list-dicts", "list of dicts = records", [C("long","a"),C("string","b")], {"json":[{"a":1,"b":"x"},{"a":2,"b":"y"}]}),
 ("json-list-lists-named", "list of lists vs named", [C("long","a"),C("string","b")], {"json":[[1,"x"]]}),
 ("json-list-lists-unnamed", "list of lists vs unnamed", [C("long"),C("string")], {"json":[[1,"x"],[2,"y"]]}),
 ("json-list-scalars", "list of scalars = column 0", [C("long")], {"json":[1,2,3]}),
 ("json-list-scalars-named1", "list of scalars vs 1 named col fails", [C("long","a")], {"json":[1,2,3]}),
 ("json-scalar", "scalar = one cell", [C("string")], {"json":"hello"}),
 ("json-scalar-named", "scalar vs named", [C("string","a")], {"json":"hello"}),
 ("json-dict-mixed-lens", "dict of unequal lists", [C("long","a"),C("long","b")], {"json":{"a":[1,2],"b":[1]}}),
 ("json-dict-list-str-and-scalar", "list of str + scalar -> one row", [C("string","a"),C("long","b")], {"json":{"a":["x","y"],"b":1}}),
 ("ndarray-1col-named", "1-d ndarray vs one named col fails", [C("long","a")], ND("int64",[1,2])),
 ("ndarray-2d-named", "2-d ndarray vs named", [C("long","a"),C("long","b")], ND("int64",[[1,2]])),
 ("ndarray-2d-unnamed", "2-d ndarray vs unnamed", [C("long"),C("long")], ND("int64",[[1,2]])),
 ("ndarray-2d-unnamed-float", "2-d float ndarray vs long", [C("long"),C("long")], ND("float64",[[1,2]])),
 ("json-dict-ndarray2d", "dict with 2-d ndarray", [C("long","a")], {"dict":{"a":ND("int64",[[1,2],[3,4]])}}),
 ("py-series", "named Series", [C("long","a")], {"series":{"data":[1,2],"name":"a"}}),
 ("py-series-unnamed", "unnamed Series", [C("long")], {"series":{"data":[1,2]}}),
 ("py-np-scalar-col", "numpy scalar -> one cell", [C("long")], {"np_scalar":{"dtype":"int64","value":3}}),
 ("py-json-bool-col", "bool scalar", [C("boolean")], {"json":True}),
 ("py-json-float-to-long", "float scalar vs long", [C("long")], {"json":1.0}),
 ("py-json-null-col", "None input", [C("string")], {"json":None}),
 ("py-dict-none-value", "None in optional long col still object", [C("string","a"),C("long","b",False)], {"json":{"a":"x","b":None}}),
 ("py-list-of-dicts-missing", "records missing key -> NaN hint", [C("string","a"),C("long","b",False)], {"json":[{"a":"x"},{"a":"y","b":2}]}),
 ("py-obj-float-to-double-none", "float+None -> double", [C("double","a")], {"json":[{"a":1.5},{"a":None}]}),
 ("py-dict-ndarray-2d-string", "2-d str array in dict -> list cell", [C("string","a")], {"dict":{"a":ND("str",[["x","y"]])}}),
 ("py-dict-0d-str", "0-d str arrays -> one row", [C("string","a"),C("string","b")], {"dict":{"a":ND("str","x"),"b":ND("str","y")}}),
]:
    PD(i, rule, sig, inp)
AD = {"type":"array","items":{"type":"double"}}
AAS = {"type":"array","items":{"type":"array","items":{"type":"string"}}}
AO = {"type":"array","items":OB}
MPA = {"type":"map","values":AL}
for i, rule, sig, inp in [
 ("arr-ok", "Array(long) python ints", [C(AL,"a")], {"json":{"a":[1,2]}}),
 ("arr-rows", "Array rows", [C(AL,"a")], {"json":[{"a":[1,2]},{"a":[3]}]}),
 ("arr-elem-float", "float elem in Array(long)", [C(AL,"a")], {"json":{"a":[1,2.5]}}),
 ("arr-elem-str", "str elem in Array(long)", [C(AL,"a")], {"json":{"a":["x"]}}),
 ("arr-not-list", "scalar for Array", [C(AL,"a")], {"json":{"a":5}}),
 ("arr-none-required", "None for required Array", [C(AL,"a")], {"json":{"a":None}}),
 ("arr-none-optional", "None for optional Array", [C(AL,"a",False)], {"json":{"a":None}}),
 ("arr-elem-none", "None element", [C(AL,"a")], {"json":{"a":[1,None]}}),
 ("arr-nested-ok", "Array(Array(string))", [C(AAS,"a")], {"json":{"a":[["x"],["y","z"]]}}),
 ("arr-nested-bad", "Array(Array(string)) int leaf", [C(AAS,"a")], {"json":{"a":[["x"],[1]]}}),
 ("arr-int-to-double", "int elems in Array(double): only 0/1", [C(AD,"a")], {"json":{"a":[1,2]}}),
 ("arr-double-str", "numeric str elems in Array(double)", [C(AD,"a")], {"json":{"a":["1.5","2"]}}),
 ("arr-double-badstr", "bad str elem in Array(double)", [C(AD,"a")], {"json":{"a":["x"]}}),
 ("arr-float-to-float", "python float in Array(float) rejected", [C({"type":"array","items":{"type":"float"}},"a")], {"json":{"a":[1.5]}}),
 ("arr-int-to-integer", "python int in Array(integer) rejected", [C({"type":"array","items":{"type":"integer"}},"a")], {"json":{"a":[1]}}),
 ("arr-bool-to-long", "bool in Array(long)", [C(AL,"a")], {"json":{"a":[True]}}),
 ("arr-str-dt", "str in Array(datetime)", [C({"type":"array","items":{"type":"datetime"}},"a")], {"json":{"a":["2020-01-01"]}}),
 ("arr-bin", "str in Array(binary)", [C({"type":"array","items":{"type":"binary"}},"a")], {"json":{"a":["eA=="]}}),
 ("arr-ndarray-cell", "ndarray cell in Array(long)", [C(AL,"a")], {"dataframe":{"data":{"a":[ND("int32",[1,2])]}}}),
 ("sparkvec", "sparkml_vector = Array(double)", [C({"type":"sparkml_vector"},"a")], {"json":{"a":[1.0,2.0]}}),
 ("unnamed-arr", "unnamed Array col with list of lists", [C(AL)], {"json":[[1,2],[3]]}),
 ("obj-ok", "Object ok", [C(OB,"a")], {"json":{"a":{"x":1}}}),
 ("obj-missing", "Object missing required", [C(OB,"a")], {"json":{"a":{"y":"s"}}}),
 ("obj-extra", "Object extra property", [C(OB,"a")], {"json":{"a":{"x":1,"z":2}}}),
 ("obj-bad-type", "Object wrong leaf", [C(OB,"a")], {"json":{"a":{"x":"s"}}}),
 ("obj-not-dict", "Object given list", [C(OB,"a")], {"json":{"a":[1]}}),
 ("obj-opt-none", "Object optional property null rejected", [C(OB,"a")], {"json":{"a":{"x":1,"y":None}}}),
 ("map-ok-records", "Map via list of dicts", [C(MP,"a")], {"json":[{"a":{"k":1.5,"j":2.5}}]}),
 ("map-int-value-double", "Map(double) int value", [C(MP,"a")], {"json":[{"a":{"k":2}}]}),
 ("map-dict-input", "Map via single dict broken", [C(MP,"a")], {"json":{"a":{"k":1.5,"j":2}}}),
 ("map-not-dict", "Map given list", [C(MP,"a")], {"json":[{"a":[1]}]}),
 ("map-arr", "Map(Array(long))", [C(MPA,"a")], {"json":[{"a":{"k":[1,2]}}]}),
 ("map-arr-bad", "Map(Array(long)) bad", [C(MPA,"a")], {"json":[{"a":{"k":[1.5]}}]}),
 ("py-list-of-dicts-map", "Map via records", [C(MPL,"m")], {"json":[{"m":{"k":1}}]}),
 ("py-dict-map", "Map via dict -> rows", [C(MPL,"m")], {"json":{"m":{"k":1}}}),
 ("py-map-int-key", "Map non-str key", [C(MPL,"m")], {"dataframe":{"data":{"m":[{"pairs":[[1,2]]}]}}}),
 ("arr-obj-bad", "Array(Object) bad leaf", [C(AO,"a")], {"json":{"a":[{"x":1},{"x":"s"}]}}),
 ("arr-none-elem-in-optional", "optional Array col None row", [C(AL,"a",False)], {"json":[{"a":[1]},{"a":None}]}),
]:
    PD(i, rule, sig, inp)

# ---------------------------------------------------------------- E: params (python path)
PSE = [{"name":"i","type":"integer","default":1},{"name":"l","type":"long","default":1},{"name":"f","type":"float","default":1.0},{"name":"d","type":"double","default":1.0},{"name":"b","type":"boolean","default":True},{"name":"s","type":"string","default":"x"},{"name":"t","type":"datetime","default":"2023-01-01"},{"name":"la","type":"long","default":[1],"shape":[-1]}]
def PE(i, rule, params, sig_params=PSE):
    sig = {"inputs": json.dumps([C("long","a")])}
    if sig_params is not None: sig["params"] = json.dumps(sig_params)
    add("x-e-" + i, "E params: " + rule, sig, input={"json":{"a":1}}, params=params)
npv = lambda dt, v: {"np_scalar":{"dtype":dt,"value":v}}
for i, rule, p in [
 ("np-int64-to-integer", "np.int64 -> integer rejected", {"i":npv("int64",1)}),
 ("np-int32-to-integer", "np.int32 -> integer", {"i":npv("int32",1)}),
 ("np-int32-to-long", "np.int32 -> long", {"l":npv("int32",1)}),
 ("np-int16-to-long", "np.int16 -> long rejected", {"l":npv("int16",1)}),
 ("np-int64-to-double", "np.int64 -> double", {"d":npv("int64",5)}),
 ("np-int64-to-float", "np.int64 -> float", {"f":npv("int64",5)}),
 ("np-float64-to-float", "np.float64 -> float rejected", {"f":npv("float64",1.5)}),
 ("np-float32-to-float", "np.float32 -> float", {"f":npv("float32",1.5)}),
 ("np-float32-to-double", "np.float32 -> double", {"d":npv("float32",1.5)}),
 ("py-float-to-float", "python float -> float", {"f":1.5}),
 ("py-int-to-integer-big", "no range check", {"i":2**40}),
 ("py-bool-to-integer", "bool -> integer rejected", {"i":True}),
 ("py-int-to-boolean", "int -> boolean rejected", {"b":1}),
 ("np-bool-to-boolean", "np.bool_ -> boolean", {"b":npv("bool",True)}),
 ("np-str-to-string", "np.str_ -> string", {"s":npv("str","x")}),
 ("bytes-to-string", "bytes -> string rejected", {"s":{"bytes_b64":"eA=="}}),
 ("int-to-string", "int -> string rejected", {"s":5}),
 ("date-to-datetime", "date -> datetime", {"t":{"date":"2020-01-02"}}),
 ("datetime-to-datetime", "datetime -> datetime", {"t":{"datetime":"2020-01-02T03:04:05"}}),
 ("str-date-to-datetime", "date string -> date", {"t":"2020-01-02"}),
 ("str-yyyymmdd-to-datetime", "yyyymmdd string -> invalid", {"t":"20200102"}),
 ("np-dt64-to-datetime", "np.datetime64 -> datetime", {"t":npv("datetime64[s]","2020-01-02T00:00:01")}),
 ("float-to-datetime", "float -> datetime fails", {"t":1.5}),
 ("ndarray-to-long-arr", "ndarray -> list param", {"la":ND("int32",[1,2])}),
 ("tuple-to-long-arr", "tuple rejected for (-1,)", {"la":{"tuple":[1,2]}}),
 ("ragged-to-long-arr", "ragged -> raw ValueError", {"la":{"json":[[1],[1,2]]}}),
 ("str-to-long-arr", "str for (-1,)", {"la":"12"}),
 ("empty-arr", "empty list for (-1,)", {"la":[]}),
 ("decimal-to-double", "Decimal -> double rejected", {"d":{"decimal":"1.5"}}),
 ("int-to-double", "int -> double", {"d":3}),
 ("float-to-long", "float -> long rejected", {"l":1.0}),
 ("none-values", "None for every type accepted", {"i":None,"s":None,"t":None,"la":None}),
 ("all-defaults", "None params -> defaults", None),
]:
    PE(i, rule, p)
PE("params-list", "params not a dict", [1,2])
PE("params-list-noschema", "params list without schema -> warning", [1,2], None)
PE("params-dict-noschema", "params dict without schema -> warning", {"x":1}, None)
PE("params-dt-repr", "datetime default repr in messages", {"t":1.5,"ta":[1.5]},
   [{"name":"t","type":"datetime","default":"2023-06-26T10:00:00"},{"name":"ta","type":"datetime","default":["2023-06-26"],"shape":[-1]}])
PE("params-str-arr-repr", "string list default repr", {"s":[1]}, [{"name":"s","type":"string","default":["a","b"],"shape":[-1]}])

if __name__ == "__main__":
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    out = run(CASES)
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "signet-extra-cases.jsonl"), "w") as f:
        for c in out:
            f.write(json.dumps(c) + "\n")
    print(len(out), "cases written")
