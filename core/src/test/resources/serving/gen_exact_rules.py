"""Oracle cases for the exact serving path's casting rules, a few per rule (python3 gen_exact_rules.py OUT.jsonl,
then run OUT through mlflow_oracle.py and attach each verdict as "mlflow")."""
import json, sys
B=2**63
cases=[]
def add(i, sig, payload):
    cases.append({"id":"xdt-%d"%i,"signature":{"inputs":json.dumps(sig)},"payload":payload})
named=[{"type":"datetime","name":"t","required":True}]
unn=[{"type":"datetime"}]
cols=[
 [B, "2021"], [B], [B, 1], [B, None], [B, 1.5], [B, -1], [B, True], [2**64, 1], [2**64-1], [-B-1, "2021"], [-B, "2021"],
 [B-1, "2021"], [9.2e18, "2021"], [9.3e18, "2021"], [9.3e18], [9.3e18, None], [-9.223372036854775808e18, "2021"],
 [9223372036854774784.0, "2021"], [-9223372036854777856.0, "2021"], [B, "x"], [None, B, "2021-01-01"], [1e19, 2],
]
i=0
for col in cols:
    add(i, named, {"dataframe_records":[{"t":v} for v in col]}); i+=1
    add(i, unn, {"dataframe_split":{"data":[[v] for v in col]}}); i+=1
    add(i, named, {"dataframe_split":{"columns":["t"],"data":[[v] for v in col]}}); i+=1

# xf2i: float columns cast to integer dtypes (C casts: past the range MLflow stores a wrapped value)
def add2(sig, payload):
    cases.append({"id":"xf2i-%d"%sum(c["id"].startswith("xf2i-") for c in cases),"signature":{"inputs":json.dumps(sig)},"payload":payload})
cols=[[1e39, 1.5],[3e9, 1.0],[-3e9, 2.0],[2147483648.0, 0.5],[2147483647.9, 0.5],[-2147483648.9, 0.5],[-2147483649.0, 0.5],
      [9.3e18, 0.5],[9.2e18, 0.5],[1e19, 0.5],[-1e300, 0.5],[1e39, "1"],[3e9, "1"],[1e39, None],[1e39, 2],[2.5, 3]]
for col in cols:
    for t in ["integer","long"]:
        add2([{"type":t,"name":"n","required":True}], {"dataframe_records":[{"n":v} for v in col]})
        add2([{"type":t}], {"dataframe_split":{"data":[[v] for v in col]}})
    add2([{"type":"integer","name":"n","required":True},{"type":"string","name":"s","required":True}],
        {"dataframe_split":{"columns":["s","n"],"data":[["x",v] for v in col]}})

open(sys.argv[1],"w").write("\n".join(json.dumps(c) for c in cases)+"\n")
