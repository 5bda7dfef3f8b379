import json, random, sys
random.seed(int(sys.argv[1])); prefix=sys.argv[2]
types=["long","integer","double","float","boolean","string","datetime","binary"]
def cellv():
    k=random.choice(["int","bigint","float","fracfloat","str","numstr","bool","null","date","b64","nan","date2","yyyy"])
    return {"int":random.randint(-5,5),"bigint":random.choice([2**31, -2**31-1, 300, 2**63]),"float":float(random.randint(0,3)),
            "fracfloat":random.choice([1.5,-2.7,1e10,1e39]),"str":"abc","numstr":random.choice(["12","1.5"," 3"]),"bool":random.choice([True,False]),
            "null":None,"date":"2021-01-01T00:00:00","b64":random.choice(["AQID","AQI","AQ==",""]),"nan":float("nan"),"date2":"2021-01-01","yyyy":"2021"}[k]
cases=[]
for i in range(int(sys.argv[3])):
    n=random.randint(1,4)
    names=["c%d"%j for j in range(n)]
    sig=[{"type":random.choice(types),"name":nm,"required":random.random()<0.85} for nm in names]
    cols=list(names)
    if random.random()<0.2: cols.append("extra")
    random.shuffle(cols)
    if random.random()<0.1: cols=cols[:-1]
    rows=random.randint(0,4)
    colvals={}
    for c in cols:
        base=cellv()
        colvals[c]=[base if random.random()<0.7 else cellv() for r in range(rows)]
    data=[[colvals[c][r] for c in cols] for r in range(rows)]
    sp={"columns":cols,"data":data}
    if random.random()<0.3: sp["index"]=list(range(rows if random.random()<0.9 else rows+1))
    if random.random()<0.1: sp={"data":data,"columns":cols}
    payload={"dataframe_split":sp}
    if random.random()<0.1: payload["params"]={"x":1}
    cases.append({"id":"%s-%d"%(prefix,i),"signature":{"inputs":json.dumps(sig)},"payload":payload})
open(sys.argv[4],"w").write("\n".join(json.dumps(c, allow_nan=True) for c in cases)+"\n")
