#!/usr/bin/env python3
"""Tests of bench/guard.py and bench/table.py on committed result files (no benchmark is run)."""
import copy, io, json, os, subprocess, sys, tempfile, unittest

HERE = os.path.dirname(os.path.abspath(__file__))
RUN = os.path.join(HERE, "results", "8d25c8c.json")  # one of the reference runs (README's table)


def guard(path):
    p = subprocess.run([sys.executable, os.path.join(HERE, "guard.py"), path], capture_output=True, text=True)
    return p.returncode, p.stdout


def with_change(change):
    with open(RUN) as f:
        rs = json.load(f)
    change(rs)
    f = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
    json.dump(rs, f)
    f.close()
    return f.name


class GuardTest(unittest.TestCase):
    def test_a_reference_run_passes(self):
        code, out = guard(RUN)
        self.assertEqual(0, code, out)
        self.assertIn("no ratio dropped by more than its noise (28 compared)", out)

    def test_a_hot_path_slower_than_its_noise_fails_and_is_named(self):
        def slower(rs):
            for r in rs:
                if r["benchmark"].endswith("ServingBench.signet") and r["params"]["payload"] == "u8":
                    r["primaryMetric"]["score"] *= 0.5  # ops/s halved: the ratio to tokenPass drops 50%, noise 8%
        code, out = guard(with_change(slower))
        self.assertEqual(1, code, out)
        self.assertIn("| ServingBench.signet / tokenPass [payload=u8] | 1.99x | 1.00x | 10% | DROPPED 50% |", out)
        self.assertIn("2 ratio(s) dropped by more than their noise:", out)  # databindBind u8: noise 96%, tolerated

    def test_a_drop_within_the_noise_passes(self):
        def bit_slower(rs):
            for r in rs:
                if r["benchmark"].endswith("ServingBench.signet") and r["params"]["payload"] == "f32py":
                    r["primaryMetric"]["score"] *= 0.95
        self.assertEqual(0, guard(with_change(bit_slower))[0])

    def test_nan_errors_of_short_runs_are_printed_not_fatal(self):
        def nan(rs):
            for r in rs:
                r["primaryMetric"]["scoreError"] = "NaN"
        p = subprocess.run([sys.executable, os.path.join(HERE, "table.py"), with_change(nan)], capture_output=True,
                           text=True)
        self.assertEqual(0, p.returncode, p.stderr)
        self.assertIn("| NanScanBench.nanScan | n=1048576 | 550.8 us/op (3 B/op) |", p.stdout)
        self.assertEqual(0, guard(with_change(nan))[0])

    def test_usage(self):
        p = subprocess.run([sys.executable, os.path.join(HERE, "guard.py")], capture_output=True, text=True)
        self.assertEqual(2, p.returncode)


if __name__ == "__main__":
    unittest.main()
