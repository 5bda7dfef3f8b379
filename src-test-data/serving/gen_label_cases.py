"""Oracle cases for dataframe_split column labels that are not strings: null (pandas None; Signet once threw a
NullPointerException on it), numbers and booleans, beside and instead of the schema's names: such a label is just
another label, so it selects nothing of a named schema's and is an extra input.
python3 gen_label_cases.py > OUT.jsonl; run OUT through mlflow_oracle.py; attach the verdicts with
python3 gen_datetime_cases.py --attach OUT.jsonl ORACLE_OUT.jsonl > mlflow-serving-labels.jsonl."""
import json

L = '[{"type": "long", "name": "a"}]'
AL = '[{"type": "array", "items": {"type": "long"}, "name": "a"}]'
LB = '[{"type": "long", "name": "a"}, {"type": "double", "name": "b"}]'
UN = '[{"type": "long"}]'
UN2 = '[{"type": "long"}, {"type": "string"}]'
OPT = '[{"type": "long", "name": "a"}, {"type": "string", "name": "s", "required": false}]'
T = '[{"type": "tensor", "tensor-spec": {"dtype": "float64", "shape": [-1]}, "name": "a"}]'
TU = '[{"type": "tensor", "tensor-spec": {"dtype": "float64", "shape": [-1, 2]}}]'
CASES = [
    (L, {"columns": ["a", None], "data": [[1, 2]]}),
    (L, {"columns": [None, "a"], "data": [[1, 2]]}),
    (L, {"columns": [None], "data": [[1]]}),
    (L, {"columns": [None, None], "data": [[1, 2]]}),
    (AL, {"columns": [None], "data": [[[1]]]}),
    (AL, {"columns": ["a", None], "data": [[[1], [2]]]}),
    (LB, {"columns": ["a", None, "b"], "data": [[1, "x", 2.5]]}),
    (LB, {"columns": [None, "b"], "data": [[1, 2.5]]}),
    (UN, {"columns": [None], "data": [[1]]}),
    (UN2, {"columns": [None, "x"], "data": [[1, "s"]]}),
    (OPT, {"columns": ["a", None], "data": [[1, "s"]]}),
    (T, {"columns": ["a", None], "data": [[1.0, 2.0]]}),
    (TU, {"columns": [None, None], "data": [[1.0, 2.0]]}),
    (L, {"columns": ["a", None], "index": [0], "data": [[1, None]]}),
    (L, {"columns": [None], "data": [[None]]}),
]
# every non-string label, alone and beside the schema's name, for each schema; two rows of data
LABELS = [None, 0, 1, 1.5, True, False, -1]
ROW = {L: [3], AL: [[1, 2]], LB: [3, 2.5], UN: [3], UN2: [3, "s"], OPT: [3, "s"], T: [1.0], TU: [1.0, 2.0]}
for sig, row in ROW.items():
    for lab in LABELS:
        n = len(row)
        CASES.append((sig, {"columns": [lab] + (["b"] if n > 1 else []), "data": [row, row]}))
        CASES.append((sig, {"columns": ["a", lab][:n] if n > 1 else [lab], "data": [row]}))
        CASES.append((sig, {"columns": ["a"] + [lab] * (n - 1) + [lab], "data": [row + [7]]}))
for i, (s, p) in enumerate(CASES):
    print(json.dumps({"id": f"lbl-null-{i}", "signature": {"inputs": s}, "payload": {"dataframe_split": p}}))
