#!/usr/bin/env python3
"""numpy's float16 rounding of doubles next to every float16 tie, as a compact fixture.

For each positive finite float16 h (0x0000 .. 0x7BFF) the cases are, in this order:
  mid - 1 ulp (double), mid, mid + 1 ulp (double), mid - 1 ulp (float32), mid + 1 ulp (float32)
where mid is the exact midpoint between h and the next float16 (65536 above 65504, where numpy
overflows to inf). numpy rounds each case to h or to h + 1; the fixture stores one bit per case
(1 = rounded up), LSB first in each byte, base64 in lines of 76 characters. Any other result
fails the generator. Rerun: /usr/bin/python3 gen_numpy_float16.py > numpy-float16.txt
(numpy 1.24, MLflow 2.17.2's numpy; numpy 2 rounds float64 to float16 the same way).
"""
import base64
import sys

import numpy as np


def cases():
    for h in range(0x7C00):
        lo = float(np.array([h], dtype=np.uint16).view(np.float16)[0])
        hi = 65536.0 if h == 0x7BFF else float(np.array([h + 1], dtype=np.uint16).view(np.float16)[0])
        mid = (lo + hi) / 2
        m32 = np.float32(mid)
        assert float(m32) == mid
        yield h, [np.nextafter(mid, -np.inf), mid, np.nextafter(mid, np.inf),
                  float(np.nextafter(m32, np.float32(-np.inf))), float(np.nextafter(m32, np.float32(np.inf)))]


def main():
    bits = []
    for h, xs in cases():
        out = np.array(xs, dtype=np.float64).astype(np.float16).view(np.uint16)
        for x, o in zip(xs, out):
            if int(o) not in (h, h + 1):
                sys.exit("case %r gave 0x%04x, expected 0x%04x or 0x%04x" % (x, o, h, h + 1))
            bits.append(int(o) == h + 1)
    packed = bytearray((len(bits) + 7) // 8)
    for i, b in enumerate(bits):
        if b:
            packed[i // 8] |= 1 << (i % 8)
    text = base64.b64encode(bytes(packed)).decode()
    print("# numpy %s float64 -> float16, %d cases (see gen_numpy_float16.py)" % (np.__version__, len(bits)))
    for i in range(0, len(text), 76):
        print(text[i:i + 76])


if __name__ == "__main__":
    main()
