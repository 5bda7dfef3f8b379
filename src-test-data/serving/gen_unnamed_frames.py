import json, random, sys
random.seed(int(sys.argv[1])); prefix=sys.argv[2]
types=["long","integer","double","float","boolean","string","datetime"]
def good(t):
    return {"long":lambda: random.choice([random.randint(-10**6,10**6), 2**40, 1.0, 2.5]),
            "integer":lambda: random.choice([random.randint(-1000,1000), 2**31-1, 3.0, 1.5, 2**31]),
            "double":lambda: random.choice([random.random(), random.randint(-5,5), 1e300, -0.0, 0.059632141305176245]),
            "float":lambda: random.choice([random.random(), random.randint(-5,5), 3.4e38, 1e39]),
            "boolean":lambda: random.choice([True,False]),
            "string":lambda: random.choice(["abc","","h\u00e9llo","\U0001F600x","a\"b\\c"]),
            "datetime":lambda: random.choice(["2021-01-01T00:00:00","2021-01-01","2021",""])}[t]()
def bad():
    return random.choice([None, float("nan"), "abc", True, 2**63, [1], {"a":1}, "1.5", 1.5, 0])
cases=[]
for i in range(int(sys.argv[3])):
    n=random.randint(1,4)
    sig=[{"type":random.choice(types)} for j in range(n)]
    ncols=n+random.choice([0,0,0,0,1,-1])
    if ncols<1: ncols=1
    rows=random.randint(0,4)
    data=[]
    for r in range(rows):
        row=[]
        for c in range(ncols):
            row.append(good(sig[c]["type"]) if c<n and random.random()<0.93 else (bad() if c<n else random.choice([1,"x",None])))
        data.append(row)
    sp={"data":data}
    k=random.random()
    if k<0.4: sp={"columns":["c%d"%j for j in range(ncols)],"data":data}
    elif k<0.5: sp={"columns":[random.choice(["a","b"]) for j in range(ncols)],"data":data}
    elif k<0.55: sp={"columns":list(range(ncols)),"data":data}
    if random.random()<0.2: sp["index"]=list(range(rows))
    payload={"dataframe_split":sp}
    cases.append({"id":"%s-%d"%(prefix,i),"signature":{"inputs":json.dumps(sig)},"payload":payload})
open(sys.argv[4],"w").write("\n".join(json.dumps(c, allow_nan=True) for c in cases)+"\n")
