"""Oracle cases for the exact serving path's casting rules, a few per rule (python3 gen_exact_rules.py OUT.jsonl,
then run OUT through mlflow_oracle.py and attach each verdict as "mlflow")."""
import json, random, sys
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


# xdup: dataframe_split with repeated column labels (pandas casts every column of a label, once per schema entry
# naming it; enforcement of a repeated label then meets a DataFrame)
random.seed(20261125)
types=["long","integer","double","float","boolean","string","datetime","binary"]
nested=[{"type":"array","items":{"type":"long"}},{"type":"object","properties":{"p":{"type":"string","required":True}}},{"type":"map","values":{"type":"double"}}]
def val(t):
    if isinstance(t, dict):
        return {"array":[1,2],"object":{"p":"x"},"map":{"k":1.5}}[t["type"]]
    return {"long":lambda: random.choice([7, -3, 2**40, 1.0]),
            "integer":lambda: random.choice([5, 2**31-1, 3.0]),
            "double":lambda: random.choice([0.5, -2, 1e300]),
            "float":lambda: random.choice([0.25, 3, 3.4e38]),
            "boolean":lambda: random.choice([True, False]),
            "string":lambda: random.choice(["abc", "", "h\u00e9llo"]),
            "datetime":lambda: random.choice(["2021-01-01", "2021-01-01T00:00:00", ""]),
            "binary":lambda: random.choice(["AQID", "aGVsbG8="])}[t]()
def add3(sig, payload):
    cases.append({"id":"xdup-%d"%sum(c["id"].startswith("xdup-") for c in cases),"signature":{"inputs":json.dumps(sig)},"payload":payload})
for k in range(160):
    n=random.randint(1,4)
    pool=types+(nested if random.random()<0.25 else [])
    ts=[random.choice(pool) for _ in range(n)]
    ncols=n+random.choice([0,0,1,2])
    # column j takes the type of the schema entry it lines up with (or a random one past the schema)
    colt=[ts[j] if j<n else random.choice(types) for j in range(ncols)]
    labels=[random.choice(["a","b","c"]) for _ in range(ncols)]
    if random.random()<0.3:
        labels=["c%d"%j for j in range(ncols)]; labels[-1]=labels[random.randrange(ncols)] if ncols>1 else labels[-1]
    rows=random.randint(1,3)
    data=[[val(colt[j]) for j in range(ncols)] for _ in range(rows)]
    named=random.random()<0.3
    if named:
        sig=[{"type":ts[j] if isinstance(ts[j],str) else ts[j]["type"], "name":labels[j] if j<ncols else "z", "required":True} for j in range(n)]
        for j in range(n):
            if isinstance(ts[j],dict): sig[j]=dict(ts[j], name=labels[j], required=True)
        # a named schema may not repeat a name
        seen=set(); sig=[s for s in sig if not (s["name"] in seen or seen.add(s["name"]))]
    else:
        sig=[{"type":t} if isinstance(t,str) else dict(t) for t in ts]
    add3(sig, {"dataframe_split":{"columns":labels,"data":data}})
# same-typed repeated labels that every cast accepts, inside and past the schema's width
for sig_t, labels in [(["double","double"],["a","a"]),(["string","string","string"],["a","b","a"]),(["long"],["a","b","b"]),
                      (["long","double"],["a","b","b"]),(["datetime","datetime"],["x","x"]),(["boolean","long"],["a","a","a"]),
                      (["string"],["a","a"]),(["binary"],["a","a"]),(["long","long"],["a","b","c","c"])]:
    data=[[val(sig_t[j] if j<len(sig_t) else "long") for j in range(len(labels))] for _ in range(2)]
    add3([{"type":t} for t in sig_t], {"dataframe_split":{"columns":labels,"data":data}})
# a repeated label cast to one type, then to another (datetime then numbers, numbers then bool)
for sig_t, rowvals in [(["datetime","long"],["2021-01-01", 5]),(["datetime","integer"],["2021", 5]),(["datetime","double"],["2021",1.5]),
                       (["datetime","boolean"],["2021",0]),(["datetime","string"],["2021","x"]),(["long","datetime"],[5, 6]),
                       (["double","integer"],[1.5, 2.5]),(["float","long"],[1e39, 1]),(["boolean","long"],[True, "x"]),
                       (["string","binary"],["AQID","AQID"]),(["datetime","float"],["2021", 1])]:
    add3([{"type":t} for t in sig_t], {"dataframe_split":{"columns":["a","a"],"data":[rowvals]}})
    add3([{"type":t, "name":"a"} for t in sig_t[:1]], {"dataframe_split":{"columns":["a","a"],"data":[rowvals]}})


# xmiss: inputs/instances records lacking keys next to numpy datetimes (pandas still makes a datetime64[ns] column)
random.seed(96)
def add4(sig, payload):
    cases.append({"id":"xmiss-%d"%sum(c["id"].startswith("xmiss-") for c in cases),"signature":{"inputs":json.dumps(sig)},"payload":payload})
vals={"datetime":["2021-01-01","2021-01-01T00:00:00","2021","",None,"x"],"long":[1,-2,None,1.5],"double":[0.5,None,2],
      "boolean":[True,False,None],"string":["a","",None],"float":[0.25,None]}
for k in range(70):
    n=random.randint(1,3)
    ts=["datetime"]+[random.choice(list(vals)) for _ in range(n-1)]
    random.shuffle(ts)
    sig=[{"type":t,"name":"c%d"%j,"required":random.random()<0.7} for j,t in enumerate(ts)]
    rows=[]
    for r in range(random.randint(1,4)):
        row={}
        for j,t in enumerate(ts):
            if random.random()<0.6:
                row["c%d"%j]=random.choice(vals[t][:2] if random.random()<0.7 else vals[t])
        rows.append(row)
    add4(sig, {random.choice(["inputs","inputs","inputs","instances"]): rows})
for rows in [[{}, {"t":"2021-01-01"}], [{"t":"2021-01-01"}, {}], [{}, {}, {"t":"2021"}], [{"t":None}, {"t":"2021"}], [{"u":1}, {"t":"2021"}],
             [{}, {"t":"x"}], [{}, {"t":""}]]:
    for req in [True, False]:
        add4([{"type":"datetime","name":"t","required":req}], {"inputs":rows})


# xtdup: repeated column labels for tensor schemas (a named input meets a DataFrame: pd_series[0] is KeyError: 0)
random.seed(7)
def add5(sig, payload):
    cases.append({"id":"xtdup-%d"%sum(c["id"].startswith("xtdup-") for c in cases),"signature":{"inputs":json.dumps(sig)},"payload":payload})
for dt in ["float32","float64","int32","int64","bool","str","bytes","datetime64[ns]"]:
    for shape in [[-1],[-1,2],[-1,3],[-1,1]]:
        for labels in [["a","a"],["a","b","a"],["x","x","x"]]:
            v={"float32":1.5,"float64":0.25,"int32":3,"int64":2**40,"bool":True,"str":"s","bytes":"AQID","datetime64[ns]":"2021-01-01"}[dt]
            data=[[v if random.random()<0.8 else random.choice([None,"x",1.5,[1,2]]) for _ in labels] for _ in range(2)]
            add5([{"type":"tensor","tensor-spec":{"dtype":dt,"shape":shape}}], {"dataframe_split":{"columns":labels,"data":data}})
            if random.random()<0.3:
                add5([{"type":"tensor","tensor-spec":{"dtype":dt,"shape":shape},"name":"a"}], {"dataframe_split":{"columns":labels,"data":data}})


# xedup: repeated labels in "columns" with no rows or with dict data (each label selects its data again)
def add6(sig, payload):
    cases.append({"id":"xedup-%d"%sum(c["id"].startswith("xedup-") for c in cases),"signature":{"inputs":json.dumps(sig)},"payload":payload})
sigs=[[{"type":"datetime"},{"type":"integer"},{"type":"datetime"}],[{"type":"long"},{"type":"long"}],[{"type":"string"}],
      [{"type":"double","name":"a","required":True}],[{"type":"string"},{"type":"binary"}],[{"type":"boolean"},{"type":"double"}]]
for sig in sigs:
    for cols in [["a","a"],["a","a","a"],["a","b","a"],["a","b"]]:
        add6(sig, {"dataframe_split":{"columns":cols,"data":[]}})
        add6(sig, {"dataframe_split":{"columns":cols,"data":{"a":[1,2],"b":["x","y"]}}})
        add6(sig, {"dataframe_split":{"columns":cols,"data":{"a":["2021","2021-01-01"]}}})

open(sys.argv[1],"w").write("\n".join(json.dumps(c) for c in cases)+"\n")
