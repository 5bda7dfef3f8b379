#!/usr/bin/python3
"""Writes the `signet infer` fixtures and MLflow 2.17.2's signatures for them.

Run from the repository root:
  PYTHONHASHSEED=0 PYTHONPATH=/work/oracle/mlflow /usr/bin/python3 src-test-data/infer/make_fixtures.py

Each case is one or more example files (written into src-test-data/infer/files/), optionally a
params file and an output file. The file -> Python object mapping below (load_example) is the one
`signet infer` documents; everything after it is real MLflow: `infer_signature(...)`,
`ModelSignature.to_dict()` and the MLmodel YAML dump (`yaml.safe_dump(..., default_flow_style=False)`).
Results go to src-test-data/infer/expected.jsonl, one JSON line per case:
  {"id", "files", "params", "output", "ok", "signature": to_dict() | null, "mlmodel": text | null,
   "error": "<message>" | null}
"""
import json
import os
import sys
import tempfile
import warnings

sys.path.insert(0, "/work/shared/mlflow-oracle/stubs")
import autostub  # noqa: E402

autostub.install(["opentelemetry"])
warnings.filterwarnings("ignore")
os.environ.setdefault("MLFLOW_TRACKING_URI", "file://" + os.path.join(tempfile.gettempdir(), "mlflow-oracle-mlruns"))

import numpy as np  # noqa: E402
import yaml  # noqa: E402

from mlflow.exceptions import MlflowException  # noqa: E402
from mlflow.models import infer_signature  # noqa: E402
from mlflow.utils.proto_json_utils import dataframe_from_parsed_json, parse_tf_serving_input  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = os.path.join(HERE, "files")

PAYLOAD_KEYS = {"inputs", "instances", "dataframe_split", "dataframe_records"}


# ------------------------------------------------------------------ file -> python object
def from_json(v):
    """A parsed JSON example -> (model_input, params or None)."""
    if isinstance(v, dict):
        keys = set(v) - {"params"}
        if len(keys) == 1 and keys <= PAYLOAD_KEYS:
            # scoring-server payload, parsed as the scoring server parses it without a schema
            k = keys.pop()
            params = v.get("params")
            if k == "dataframe_split":
                return dataframe_from_parsed_json(v[k], "split"), params
            if k == "dataframe_records":
                return dataframe_from_parsed_json(v[k], "records"), params
            return parse_tf_serving_input({k: v[k]}), params
        if set(v) in ({"columns", "data"}, {"columns", "data", "index"}):
            # an input example of type dataframe (pandas split orient)
            return dataframe_from_parsed_json(v, "split"), None
        return v, None  # json_object
    if isinstance(v, list) and v and all(isinstance(x, list) for x in v):
        return np.array(v), None  # an input example of type ndarray
    return v, None


def load_example(path):
    if path.endswith(".npy"):
        return np.load(path, allow_pickle=True), None
    if path.endswith(".npz"):
        z = np.load(path, allow_pickle=True)
        return {k: z[k] for k in z.files}, None
    with open(path) as f:
        return from_json(json.load(f))


def err(e):
    if isinstance(e, MlflowException):
        return e.message
    return str(e)


def run_case(case):
    files = [os.path.join(FILES, f) for f in case["files"]]
    out = {"id": case["id"], "files": case["files"], "params": case.get("params"), "output": case.get("output"),
           "ok": True, "signature": None, "mlmodel": None, "error": None}
    try:
        sigs = []
        for f in files:
            data, payload_params = load_example(f)
            params = payload_params
            if case.get("params"):
                with open(os.path.join(FILES, case["params"])) as pf:
                    params = json.load(pf)
            output = None
            if case.get("output"):
                output, _ = load_example(os.path.join(FILES, case["output"]))
            sigs.append(infer_signature(data, output, params))
        # several files: each must infer the same signature (signet's rule)
        for f, s in zip(case["files"][1:], sigs[1:]):
            if s != sigs[0]:
                raise ValueError(f"DIFFERS {f}")
        d = sigs[0].to_dict()
        out["signature"] = d
        out["mlmodel"] = yaml.safe_dump({"signature": d}, default_flow_style=False)
    except Exception as e:  # noqa: BLE001
        out["ok"] = False
        out["error"] = err(e)
    return out


# ------------------------------------------------------------------ fixtures
JSON = {
    # plain examples (MLflow's input_example forms)
    "records-basic.json": [{"a": 1, "b": 2.5, "c": "x", "d": True}, {"a": 2, "b": 3.5, "c": "y", "d": False}],
    "records-missing-key.json": [{"a": 1, "b": "x"}, {"a": 2}],
    "records-none-value.json": [{"a": None, "b": "x"}, {"a": 2, "b": None}],
    "records-all-none.json": [{"a": None}, {"a": None}],
    "records-mixed.json": [{"a": 1}, {"a": 2.5}],
    "records-arrays.json": [{"ids": ["a", "b"], "n": [[1, 2], []]}, {"ids": [], "n": [[3]]}],
    "records-objects.json": [{"o": {"k": "v", "n": 1}}, {"o": {"k": "w", "x": [1.5]}}],
    "records-objects-clash.json": [{"o": {"k": "v"}}, {"o": {"k": 1}}],
    "records-empty-dict.json": [{"o": {}}],
    "records-list-mixed.json": [{"a": [1, "x"]}],
    "dict-scalars.json": {"text": "hello", "n": 3, "p": 0.5, "flag": False},
    "dict-lists.json": {"a": [1, 2, 3], "b": ["x", None]},
    "dict-none.json": {"a": 1, "b": None},
    "dict-empty-list.json": {"a": []},
    "dict-nested.json": {"q": "x", "meta": {"lang": "en", "tags": ["a"], "sub": {"z": 1.0}}},
    "list-strings.json": ["a", "b", None],
    "list-ints.json": [1, 2, 3],
    "list-mixed.json": [1, "a"],
    "list-empty.json": [],
    "list-dicts-and-scalars.json": [{"a": 1}, 2],
    "scalar-string.json": "hello",
    "scalar-float.json": 1.5,
    "nested-ints.json": [[1, 2, 3], [4, 5, 6]],
    "nested-floats.json": [[1, 2.5], [3, 4]],
    "nested-strings.json": [["a", "bc"], ["d", "e"]],
    "nested-bools.json": [[True, False]],
    "nested-3d.json": [[[1.0], [2.0]], [[3.0], [4.0]]],
    "nested-ragged.json": [[1, 2], [3]],
    "split-basic.json": {"columns": ["x", "y", "s"], "data": [[1, 2.0, "a"], [3, 4.5, "b"]]},
    "split-nulls.json": {"columns": ["i", "f", "s", "b"], "data": [[1, 1.5, "a", True], [None, None, None, None]]},
    "split-int-float.json": {"columns": ["v"], "data": [[1], [2.5]]},
    "split-arrays.json": {"columns": ["arr", "obj"], "data": [[[1, 2], {"k": "v"}], [[3], {"k": "w"}]]},
    "split-all-none.json": {"columns": ["n"], "data": [[None], [None]]},
    "split-bool-int.json": {"columns": ["m"], "data": [[True], [2]]},
    # scoring payloads
    "payload-split.json": {"dataframe_split": {"columns": ["a", "b"], "data": [[1, "x"], [2, "y"]]}},
    "payload-records.json": {"dataframe_records": [{"a": 1, "b": 0.5}, {"a": 2}]},
    "payload-inputs-list.json": {"inputs": [[1.0, 2.0], [3.0, 4.0]]},
    "payload-inputs-dict.json": {"inputs": {"a": [[1, 2]], "b": ["x", "y"]}},
    "payload-instances-records.json": {"instances": [{"a": 1, "b": [1.5, 2.5]}, {"a": 2, "b": [3.5, 4.5]}]},
    "payload-instances-list.json": {"instances": [1, 2, 3]},
    "payload-inputs-scalar.json": {"inputs": 5},
    "payload-with-params.json": {"inputs": [[1, 2]], "params": {"temperature": 0.5, "top_k": 3}},
    "payload-inputs-records.json": {"inputs": [{"a": [1, 2]}, {"a": [3]}]},
    "payload-inputs-records-scalar.json": {"inputs": [{"a": 1}]},
    "payload-inputs-ragged.json": {"inputs": [[1, 2], [3]]},
    "payload-inputs-empty.json": {"inputs": []},
    "payload-records-order.json": {"dataframe_records": [{"b": 1}, {"a": 2}]},
    "payload-records-not-list.json": {"dataframe_records": {"a": [1]}},
    "payload-split-bad-columns.json": {"dataframe_split": {"columns": ["a"], "data": [[1, "a"]]}},
    "payload-instances-lengths.json": {"instances": [{"a": 1, "b": 2}, {"a": 3}]},
    "payload-instances-ragged.json": {"instances": [{"a": [1, 2]}, {"a": [3]}]},
    "nested-none.json": [[1, None]],
    "nested-dict.json": [[{"a": 1}]],
    "nested-empty.json": [[]],
    "nested-str-int.json": [["a", 1]],
    "nested-bool-int.json": [[True, 2]],
    "dict-empty.json": {},
    "null.json": None,
    "split-lists-fail.json": {"columns": ["c"], "data": [[[1]], [["a"]]]},
    "split-empty-dict.json": {"columns": ["c"], "data": [[{}]]},
    "split-short-rows.json": {"columns": ["a", "b"], "data": [[1, "x"], [2]]},
    "split-index.json": {"columns": ["a"], "data": [[1.5]], "index": [7]},
    "records-quote-long.json": [{"it's a long column name with a quote": "v", "another_rather_long_column_name": [1.5],
                                 "third column": {"nested key": True}}],
    "records-nan-missing.json": [{"a": "x", "b": [1]}, {"b": None}],
    # params files
    "params-basic.json": {"temperature": 0.7, "max_tokens": 100, "stream": False, "stop": ["\n", "."], "model": "m"},
    "params-2d.json": {"m": [[1, 2]]},
    "params-none.json": {"x": None},
    "params-mixed-list.json": {"l": [1, 2.5]},
    "params-dict.json": {"d": {"a": 1}},
    "params-empty-list.json": {"e": []},
    "params-bool-int.json": {"l": [True, 2]},
    "params-int-str.json": {"l": [1, "a"]},
    "params-list-dicts.json": {"l": [{"a": 1}]},
    "params-list-none.json": {"l": [1, None]},
    "params-big.json": {"big": 2**63},
    "params-two-bad.json": {"a": 1, "b": None, "c": {"x": 1}},
    "params-not-dict.json": [1, 2],
    "params-empty.json": {},
    # outputs
    "out-list.json": [0.1, 0.9],
}


def write_fixtures():
    os.makedirs(FILES, exist_ok=True)
    for name, v in JSON.items():
        with open(os.path.join(FILES, name), "w") as f:
            json.dump(v, f)
    np.save(os.path.join(FILES, "f32-2x3.npy"), np.arange(6, dtype=np.float32).reshape(2, 3))
    np.save(os.path.join(FILES, "f32-5x3.npy"), np.zeros((5, 3), dtype=np.float32))
    np.save(os.path.join(FILES, "f64-5x4.npy"), np.zeros((5, 4), dtype=np.float64))
    np.save(os.path.join(FILES, "i8-1d.npy"), np.arange(4, dtype=np.int8))
    np.save(os.path.join(FILES, "u16-be.npy"), np.zeros((2, 2), dtype=">u2"))
    np.save(os.path.join(FILES, "bool-3d.npy"), np.zeros((2, 3, 4), dtype=bool))
    np.save(os.path.join(FILES, "str-u7.npy"), np.array(["abc", "defghij"]))
    np.save(os.path.join(FILES, "bytes-s3.npy"), np.array([b"abc", b"d"]))
    np.save(os.path.join(FILES, "dt-ns.npy"), np.array(["2024-01-01"], dtype="datetime64[ns]"))
    np.save(os.path.join(FILES, "scalar-0d.npy"), np.array(3.0))
    np.save(os.path.join(FILES, "fortran.npy"), np.asfortranarray(np.zeros((3, 2), dtype=np.int32)))
    np.save(os.path.join(FILES, "f16-empty.npy"), np.zeros((0, 7), dtype=np.float16))
    np.savez(os.path.join(FILES, "pair.npz"), image=np.zeros((2, 8, 8), dtype=np.uint8),
             mask=np.zeros((2,), dtype=np.bool_))
    np.savez_compressed(os.path.join(FILES, "compressed.npz"), z=np.zeros((4, 2), dtype=np.float64))
    with open(os.path.join(FILES, "corrupt.npy"), "wb") as f:
        f.write(b"\x93NUMPX\x01\x00garbage")
    with open(os.path.join(FILES, "corrupt.npz"), "wb") as f:
        f.write(b"PK\x03\x04 not really a zip")
    import zipfile
    with zipfile.ZipFile(os.path.join(FILES, "bad-entry.npz"), "w") as z:
        z.writestr("x.npy", b"\x93NUMPY\x01\x00\x10\x00{'descr': 'zz'}")
    with open(os.path.join(FILES, "corrupt.json"), "w") as f:
        f.write('{"inputs": [1, 2')


CASES = [{"id": n[:-5], "files": [n]} for n in JSON
         if not n.startswith(("params-", "out-"))]
CASES += [{"id": n[:-4], "files": [n]} for n in
          ["f32-2x3.npy", "i8-1d.npy", "u16-be.npy", "bool-3d.npy", "str-u7.npy", "bytes-s3.npy", "dt-ns.npy",
           "scalar-0d.npy", "fortran.npy", "f16-empty.npy"]]
CASES += [
    {"id": "npz-pair", "files": ["pair.npz"]},
    {"id": "npz-compressed", "files": ["compressed.npz"]},
    {"id": "many-npy-agree", "files": ["f32-2x3.npy", "f32-5x3.npy"]},
    {"id": "many-npy-differ", "files": ["f32-2x3.npy", "f64-5x4.npy"]},
    {"id": "many-records-agree", "files": ["records-basic.json", "records-basic.json"]},
    {"id": "params-basic", "files": ["records-basic.json"], "params": "params-basic.json"},
    {"id": "params-2d", "files": ["list-ints.json"], "params": "params-2d.json"},
    {"id": "params-none", "files": ["list-ints.json"], "params": "params-none.json"},
    {"id": "params-mixed-list", "files": ["list-ints.json"], "params": "params-mixed-list.json"},
    {"id": "params-dict", "files": ["list-ints.json"], "params": "params-dict.json"},
    {"id": "params-empty-list", "files": ["list-ints.json"], "params": "params-empty-list.json"},
    {"id": "params-bool-int", "files": ["list-ints.json"], "params": "params-bool-int.json"},
    {"id": "params-int-str", "files": ["list-ints.json"], "params": "params-int-str.json"},
    {"id": "params-list-dicts", "files": ["list-ints.json"], "params": "params-list-dicts.json"},
    {"id": "params-list-none", "files": ["list-ints.json"], "params": "params-list-none.json"},
    {"id": "params-big", "files": ["list-ints.json"], "params": "params-big.json"},
    {"id": "params-two-bad", "files": ["list-ints.json"], "params": "params-two-bad.json"},
    {"id": "params-not-dict", "files": ["list-ints.json"], "params": "params-not-dict.json"},
    {"id": "params-empty", "files": ["list-ints.json"], "params": "params-empty.json"},
    {"id": "params-override-payload", "files": ["payload-with-params.json"], "params": "params-basic.json"},
    {"id": "output-records", "files": ["pair.npz"], "output": "records-basic.json"},
    {"id": "with-output", "files": ["f32-2x3.npy"], "output": "out-list.json"},
]


def main():
    write_fixtures()
    with open(os.path.join(HERE, "expected.jsonl"), "w") as f:
        for c in CASES:
            r = run_case(c)
            f.write(json.dumps(r) + "\n")
            print(("OK  " if r["ok"] else "ERR ") + r["id"] + ": " +
                  (r["signature"]["inputs"] if r["ok"] else r["error"])[:300])


if __name__ == "__main__":
    main()
