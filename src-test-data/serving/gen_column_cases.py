import json, random, sys
random.seed(int(sys.argv[1])); prefix=sys.argv[2]
def rtype(depth=0):
    k=random.random()
    if depth<2 and k<0.2: return {"type":"array","items":rtype(depth+1)}
    if depth<2 and k<0.3: return {"type":"object","properties":{"p":dict(rtype(depth+1),required=random.random()<0.7),"q":dict(rtype(depth+1),required=False)}}
    if depth<2 and k<0.4: return {"type":"map","values":rtype(depth+1)}
    return {"type":random.choice(["long","double","string","boolean","integer","float","datetime","binary"])}
def rval(t,depth=0):
    if random.random()<0.15:
        return random.choice([None,1,2.5,"s",True,[1,2],{"p":1},"2021-01-01","AQID"])
    ty=t["type"]
    if ty=="array": return [rval(t["items"],depth+1) for _ in range(random.randint(0,2))]
    if ty=="object":
        d={}
        for k,v in t["properties"].items():
            if v.get("required",True) or random.random()<0.5: d[k]=rval(v,depth+1)
        return d
    if ty=="map": return {("k%d"%i):rval(t["values"],depth+1) for i in range(random.randint(0,2))}
    return {"long":random.randint(-3,3),"integer":random.randint(-3,3),"double":random.choice([1.5,2,-0.25]),"float":random.choice([1.5,2]),
            "string":random.choice(["a","bc"]),"boolean":random.choice([True,False]),"datetime":"2021-01-01T00:00:00","binary":"AQID"}[ty]
cases=[]
for i in range(int(sys.argv[3])):
    n=random.randint(1,3)
    sig=[]
    for j in range(n):
        t=rtype(); t["name"]="c%d"%j; t["required"]=random.random()<0.8; sig.append(t)
    rows=random.randint(1,3)
    recs=[]
    for r in range(rows):
        rec={}
        for s in sig:
            if s["required"] or random.random()<0.6: rec[s["name"]]=rval(s)
        if random.random()<0.1: rec["extra"]=1
        recs.append(rec)
    fmt=random.choice(["inputs_records","inputs_dict","instances_records","instances_dict","records","split","llm","inputs_list","csv"])
    ct=None; raw=None; payload=None
    if fmt=="inputs_records": payload={"inputs":recs}
    elif fmt=="instances_records": payload={"instances":recs}
    elif fmt=="records": payload={"dataframe_records":recs}
    elif fmt=="split":
        cols=sorted({k for r in recs for k in r})
        payload={"dataframe_split":{"columns":cols,"data":[[r.get(c) for c in cols] for r in recs]}}
    elif fmt=="llm":
        payload=dict(recs[0]); payload["prompt"]="hi"
        sig[0]={"type":"string","name":"prompt","required":True}
    elif fmt=="inputs_list":
        payload={"inputs":[rval(sig[0]) for _ in range(rows)]}
    elif fmt=="csv":
        cols=[s["name"] for s in sig]
        lines=[",".join(cols)]+[",".join(str(rval(s)) if not isinstance(rval(s),(list,dict)) else "x" for s in sig) for _ in range(rows)]
        raw="\n".join(lines)+"\n"; ct="text/csv"
    else:
        d={}
        for s in sig:
            if random.random()<0.85: d[s["name"]]=rval(s) if random.random()<0.5 else [rval(s) for _ in range(rows)]
        payload={"inputs" if fmt=="inputs_dict" else "instances":d}
    c={"id":"%s-%d"%(prefix,i),"signature":{"inputs":json.dumps(sig)}}
    if raw is not None: c["payload_raw"]=raw; c["content_type"]=ct
    else: c["payload"]=payload
    if random.random()<0.15:
        c["signature"]["params"]=json.dumps([{"name":"t","type":random.choice(["double","long","string","boolean"]),"default":random.choice([1,0.5,"x",True])},{"name":"a","type":"long","default":[1],"shape":[-1]}])
        if payload is not None and "prompt" not in payload: payload["params"]=random.choice([{"t":1},{"t":"y"},{"a":[1,2]},{"a":[[1],[2,3]]},[1],None,{"zz":1}])
    cases.append(c)
open(sys.argv[4],"w").write("\n".join(json.dumps(c) for c in cases)+"\n")
