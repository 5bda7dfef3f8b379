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
open(sys.argv[1],"w").write("\n".join(json.dumps(c) for c in cases)+"\n")
