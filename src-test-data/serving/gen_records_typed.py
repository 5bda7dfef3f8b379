import json, random, sys
random.seed(int(sys.argv[1])); prefix=sys.argv[2]
types=["long","integer","double","float","boolean","string","datetime"]
def good(t):
    return {"long":lambda: random.choice([random.randint(-10**6,10**6), 2**40, -2**62, 1.0, 2.5, -7.9]),
            "integer":lambda: random.choice([random.randint(-1000,1000), 2**31-1, -2**31, 3.0, 1.5]),
            "double":lambda: random.choice([random.random(), random.randint(-5,5), 1e300, -0.0, 0.059632141305176245, 1e-320]),
            "float":lambda: random.choice([random.random(), random.randint(-5,5), 3.4e38, 1e39, 1e-46]),
            "boolean":lambda: random.choice([True,False]),
            "string":lambda: random.choice(["abc","","h\u00e9llo","\u65e5\u672c","\U0001F600x","a\"b\\c","tab\t", "12"]),
            "datetime":lambda: random.choice(["2021-01-01T00:00:00","2021-01-01","2021","2021-01-01 12:30:00","01/02/2021",""])}[t]()
def bad():
    return random.choice([None, float("nan"), "abc", True, 2**63, [1], {"a":1}, "1.5", 1.5, 0])
cases=[]
for i in range(int(sys.argv[3])):
    n=random.randint(1,4)
    names=["c%d"%j for j in range(n)]
    sig=[{"type":random.choice(types),"name":nm,"required":random.random()<0.85} for nm in names]
    tmap={s["name"]:s["type"] for s in sig}
    cols=list(names)
    if random.random()<0.15: cols.append("extra")
    rows=random.randint(1,5)
    recs=[]
    for r in range(rows):
        ks=list(cols)
        if random.random()<0.2: random.shuffle(ks)
        if random.random()<0.03: ks=ks[:-1]
        rec={}
        for c in ks:
            if c=="extra": rec[c]=random.choice([1,"x",None,[1]])
            else: rec[c]=good(tmap[c]) if random.random()<0.93 else bad()
        recs.append(rec)
    fmt=random.choices(["dataframe_records","instances","inputs"],[6,2,2])[0]
    payload={fmt:recs}
    if random.random()<0.1: payload["params"]={"x":1}
    cases.append({"id":"%s-%d"%(prefix,i),"signature":{"inputs":json.dumps(sig)},"payload":payload})
open(sys.argv[4],"w").write("\n".join(json.dumps(c, allow_nan=True) for c in cases)+"\n")
