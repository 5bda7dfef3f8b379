"""Byte strings made of well-formed and ill-formed UTF-8 pieces, each with CPython's verdict:
None when bytes.decode('utf-8') accepts it, else str(UnicodeDecodeError). Utf8Test checks
io.signet.json.Utf8 against every line. Rerun: python3 gen_cpython_cases.py > cpython-utf8-cases.jsonl"""
import json
import random

random.seed(17)
PIECES = [b'a', b'"', b'\\', b'\xc2\xa9', b'\xe2\x82\xac', b'\xf0\x9f\x98\x80', b'\xc0\x80', b'\xc1\xbf',
          b'\xe0\x80\x80', b'\xe0\x9f\xbf', b'\xed\xa0\x80', b'\xed\xbf\xbf', b'\xed\x9f\xbf', b'\xf0\x80\x80\x80',
          b'\xf0\x8f\xbf\xbf', b'\xf4\x8f\xbf\xbf', b'\xf4\x90\x80\x80', b'\xf5\x80\x80\x80', b'\xf8\x88\x80\x80\x80',
          b'\xff', b'\xfe', b'\x80', b'\xbf', b'\xe2\x82', b'\xf0\x9f\x98', b'\xc2', b'\xe2', b'\xf0', b'\xee\x80\x80',
          b'\xef\xbf\xbf', b'\x00', b'\x7f']
for _ in range(1500):
    b = b''.join(random.choice(PIECES) for _ in range(random.randint(0, 8)))
    if random.random() < 0.5:
        b = b'x' * random.randint(0, 24) + b  # moves the sequences across the 8- and 16-byte word edges
    try:
        b.decode('utf-8')
        err = None
    except UnicodeDecodeError as e:
        err = str(e)
    print(json.dumps({'hex': b.hex(), 'python': err}))
