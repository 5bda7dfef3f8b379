"""Oracle cases for issue 17's wrong verdicts that live in the exact path: numbers out of an integer column's
range in CSV bodies (pandas' C parser: integers past int64 and uint64 'Overflow', past int64 alone a uint64 column
that MLflow then refuses, floats that astype(int64) cannot hold 'cannot safely convert'), and datetime strings
inside nested cells (Array/Object/Map of datetime) that pandas parses or refuses, in split, records and inputs
bodies. python3 gen_hardening_cases.py > OUT.jsonl; run OUT through mlflow_oracle.py; attach the verdicts with
python3 gen_datetime_cases.py --attach OUT.jsonl ORACLE_OUT.jsonl > mlflow-serving-hardening.jsonl."""
import json

LONG = '[{"type": "long", "name": "x"}, {"type": "string", "name": "s"}]'
INT = '[{"type": "integer", "name": "x"}, {"type": "string", "name": "s"}]'
DOUBLE = '[{"type": "double", "name": "x"}, {"type": "string", "name": "s"}]'
cases = []
values = ["99999999999999999999", "1e300", "-1e300", "2e19", "1e19", "9.2e18", "9.223372036854775807e18",
          "9223372036854775807", "9223372036854775808", "18446744073709551615", "18446744073709551616",
          "-9223372036854775808", "-9223372036854775809", "1.0", "1.5", "nan", "inf", "-inf", "3000000000",
          "1" + "0" * 40, "0x10", "1_000", " 7", "+7", "-0"]
for sig_name, sig in (("long", LONG), ("integer", INT), ("double", DOUBLE)):
    for i, v in enumerate(values):
        cases.append({"id": "csvnum-%s-%d" % (sig_name, i), "signature": {"inputs": sig},
                      "payload_raw": "x,s\n" + v + ",a\n", "content_type": "text/csv"})
    for i, (a, b) in enumerate((("1", "99999999999999999999"), ("-1", "9223372036854775808"),
                                ("1.5", "99999999999999999999"), ("9223372036854775808", "1"), ("", "9223372036854775808"),
                                ("1", "1e300"), ("2", "nan"))):
        cases.append({"id": "csvnum-%s-mixed-%d" % (sig_name, i), "signature": {"inputs": sig},
                      "payload_raw": "x,s\n%s,a\n%s,b\n" % (a, b), "content_type": "text/csv"})

ARR = '[{"type": "array", "name": "d", "items": {"type": "datetime"}}]'
OBJ = '[{"type": "object", "name": "d", "properties": {"t": {"type": "datetime"}}}]'
MAP = '[{"type": "map", "name": "d", "values": {"type": "datetime"}}]'
DT = ["2021-01-01T0:00", "2021-01-01T00:00", "2021-1-1", "2021-01-01 0:0", "Jan 1 2021", "2021-13-01", "nope", "",
      "2021-01-01T25:00", "20210101", "2021-01-01T00:00:00+01:00", "2021-01-01T00:00:00.123456789"]
for sig_name, sig in (("array", ARR), ("object", OBJ), ("map", MAP)):
    for i, v in enumerate(DT):
        cell = [v] if sig_name == "array" else {"t": v}
        cases.append({"id": "nesteddt-%s-split-%d" % (sig_name, i), "signature": {"inputs": sig},
                      "payload": {"dataframe_split": {"columns": ["d"], "data": [[cell]]}}})
        cases.append({"id": "nesteddt-%s-records-%d" % (sig_name, i), "signature": {"inputs": sig},
                      "payload": {"dataframe_records": [{"d": cell}]}})
        cases.append({"id": "nesteddt-%s-inputs-%d" % (sig_name, i), "signature": {"inputs": sig},
                      "payload": {"inputs": {"d": [cell]}}})
for c in cases:
    print(json.dumps(c))
