import json, random, sys
random.seed(int(sys.argv[1])); prefix=sys.argv[2]
dts=["float32","float64","int32","int64","uint8","int8","bool","str","float16","uint64","datetime64[s]","datetime64[ns]","bytes","object","int16","uint32"]
def val():
    return random.choice([1,2,-3,0,255,1.5,-0.5,True,False,"7","x","2021-01-01",None,300,2**40,1e39,"1e3"," 5 ",{"b64":"AQID"},{"a":1},float("nan")])
def tensor(shape):
    if not shape: return val()
    return [tensor(shape[1:]) for _ in range(shape[0])]
cases=[]
for i in range(int(sys.argv[3])):
    named=random.random()<0.4
    n=random.randint(1,3) if named else 1
    specs=[]
    for j in range(n):
        rank=random.randint(1,3)
        shp=[-1]+[random.randint(1,3) for _ in range(rank-1)]
        if random.random()<0.1: shp=[random.randint(1,3)]+shp[1:]
        s={"type":"tensor","tensor-spec":{"dtype":random.choice(dts),"shape":shp}}
        if named: s["name"]="t%d"%j
        specs.append(s)
    def data_for(s):
        shp=[random.randint(0,3)]+[d if random.random()<0.85 else d+1 for d in s["tensor-spec"]["shape"][1:]]
        if random.random()<0.1: shp=shp[:-1] or [2]
        if random.random()<0.6:
            v=random.choice([1,1.5,True,"3",0,None,"2021-01-01"])
            def t(sh): return v if not sh else [t(sh[1:]) for _ in range(sh[0])]
            d=t(shp)
        else:
            d=tensor(shp)
        if random.random()<0.08 and isinstance(d,list) and len(d)>1 and isinstance(d[0],list): d[1]=d[1][:-1] if d[1] else [1]
        if random.random()<0.05: d=val()
        return d
    key=random.choice(["inputs","inputs","instances","instances_rows","dataframe_split","dataframe_records"])
    if key=="instances_rows":
        rows=random.randint(1,3)
        def first(s):
            d=data_for(s)
            return d[0] if isinstance(d,list) and d else 1
        body={"instances":[{s.get("name","x"):first(s) for s in specs} for _ in range(rows)]}
    elif key=="dataframe_split":
        rows=random.randint(1,3)
        names=[s.get("name",0) for s in specs] if named else [0,1][:random.randint(1,2)]
        body={"dataframe_split":{"columns":names,"data":[[random.choice([1,2.5,[1,2],"x",None,True]) for _ in names] for _ in range(rows)]}}
    elif key=="dataframe_records":
        names=[s.get("name","0") for s in specs]
        body={"dataframe_records":[{nm:random.choice([1,2.5,[1,2],[1.5,2,3]]) for nm in names} for _ in range(random.randint(1,3))]}
    elif named and (n>1 or random.random()<0.5):
        body={key:{s["name"]:data_for(s) for s in specs}}
        if random.random()<0.1: body[key]["extra"]=[[1],[1,2]]
    else:
        body={key:data_for(specs[0])}
    cases.append({"id":"%s-%d"%(prefix,i),"signature":{"inputs":json.dumps(specs)},"payload":body})
open(sys.argv[4],"w").write("\n".join(json.dumps(c) for c in cases)+"\n")
