#!/usr/bin/env python3
"""Benchmark regression guard: a run's same-run ratios (each hot path / its baseline, bench/table.py's
PAIRS) against a stored reference, failing when a ratio drops by more than its measured noise.

  python3 bench/guard.py RUN.json [REFERENCE.json]        check (default reference: bench/reference.json)
  python3 bench/guard.py --make-reference RUN.json...     print a reference measured over repeated runs

Ratios, not scores: both sides of a ratio run in the same JVM on the same machine minutes apart, so a
ratio survives a slower machine or a noisy phase much better than an absolute score does.

The noise of a ratio is how far it moved over the repeated runs the reference was made from:
(max - min) / median. A new ratio fails when it is below median * (1 - max(noise, FLOOR)). FLOOR keeps a
ratio that happened to agree closely in a few runs from failing on the next run's ordinary jitter.
Exit 0: no ratio dropped past its noise; 1: some did (each printed); 2: usage or unreadable input.
"""
import json, os, statistics, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import table  # noqa: E402  (the PAIRS and the speed of a JMH result)

FLOOR = 0.10
HERE = os.path.dirname(os.path.abspath(__file__))


def ratio_key(a, b, params):
    return "%s / %s%s" % (a, b.split(".")[1], "" if not params else " [" + ", ".join("%s=%s" % kv for kv in params) + "]")


def run_ratios(path):
    with open(path) as f:
        return {ratio_key(a, b, p): r for a, b, p, r, _ in table.ratios(json.load(f))}


def make_reference(paths):
    runs = [run_ratios(p) for p in paths]
    keys = sorted(set.intersection(*[set(r) for r in runs]))
    ref = {}
    for k in keys:
        xs = [r[k] for r in runs if r[k] == r[k]]
        if len(xs) < 2:
            continue
        med = statistics.median(xs)
        ref[k] = {"ratio": round(med, 4), "noise": round((max(xs) - min(xs)) / med, 4),
                  "runs": [round(x, 4) for x in xs]}
    return {"how": "median ratio and its noise (max - min) / median over the runs below; bench/guard.py checks "
                   "a new run against them, failing below median * (1 - max(noise, %.2f))" % FLOOR,
            "runs": [os.path.basename(p) for p in paths], "floor": FLOOR, "ratios": ref}


def check(path, ref_path):
    with open(ref_path) as f:
        ref = json.load(f)
    new = run_ratios(path)
    floor = ref.get("floor", FLOOR)
    failed = []
    rows = []
    for k, r in sorted(ref["ratios"].items()):
        if k not in new:
            rows.append((k, r["ratio"], None, r["noise"], "not in this run"))
            continue
        tol = max(r["noise"], floor)
        limit = r["ratio"] * (1 - tol)
        got = new[k]
        drop = (r["ratio"] - got) / r["ratio"]
        bad = not (got >= limit)  # NaN fails too
        if bad:
            failed.append(k)
        rows.append((k, r["ratio"], got, tol, ("DROPPED %.0f%%" % (100 * drop)) if bad else
                     ("%+.0f%%" % (-100 * drop))))
    print("regression guard: %s against %s (reference runs: %s)" % (path, ref_path, ", ".join(ref["runs"])))
    print()
    print("| ratio | reference | this run | tolerated drop | verdict |")
    print("|---|---|---|---|---|")
    for k, old, got, tol, verdict in rows:
        print("| %s | %.2fx | %s | %.0f%% | %s |" % (k, old, "-" if got is None else "%.2fx" % got, 100 * tol, verdict))
    print()
    if failed:
        print("%d ratio(s) dropped by more than their noise:" % len(failed))
        for k in failed:
            print("  " + k)
        return 1
    print("no ratio dropped by more than its noise (%d compared)" % sum(1 for r in rows if r[2] is not None))
    return 0


def main(argv):
    if len(argv) >= 2 and argv[0] == "--make-reference":
        print(json.dumps(make_reference(argv[1:]), indent=1, sort_keys=True))
        return 0
    if len(argv) not in (1, 2) or argv[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        return check(argv[0], argv[1] if len(argv) == 2 else os.path.join(HERE, "reference.json"))
    except (OSError, ValueError, KeyError) as e:
        print("guard: cannot read %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
