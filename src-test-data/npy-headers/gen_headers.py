#!/usr/bin/env python3
"""Odd .npy headers with numpy's own verdicts, for Signet's differential test
(core/src/test/java/io/signet/tensor/NpyHeaderDifferentialTest.java).

Run from the repository root (rerunnable; the seed is fixed below and recorded in the output):

    /usr/bin/python3 src-test-data/npy-headers/gen_headers.py

This interpreter (Debian's python3-numpy 1.24) gives each header's 'np124' verdict; numpy 2.3
(/work/oracle/venv3/bin/python, run as a child with --verdicts) gives 'np23', written only where it
differs from 1.24. A verdict is what np.load decides about the header before it reads any data:
numpy.lib.format.read_magic, _check_version and _read_array_header (max_header_size=10000).

Output, headers.jsonl: a first line with the seed, the versions and the counts, then one object per
header:
  family, npy      : base64 of the bytes from the magic string to the end of the header
                     (npyz instead for headers over 1000 bytes: base64 of those bytes zlib-deflated)
  np124 / np23     : {"e": exception class} when numpy refuses the header, or when it accepts:
                     {"d": dtype.str, "k": dtype.kind, "i": itemsize, "st": structured or subarray,
                      "o": has objects, "f": fortran_order, "sh": shape as decimal strings,
                      "t": the Python type of the header's 'descr' value, "ds": that value if a str}
"""
import ast
import base64
import io
import json
import os
import random
import struct
import subprocess
import sys
import warnings
import zlib

SEED = 20261217
MUTATIONS = 450
BENIGN = 450
DESCR_FUZZ = 300
NUMPY23 = '/work/oracle/venv3/bin/python'
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'headers.jsonl')


# ---------------------------------------------------------------------------------------------
# numpy's verdict (runs in both interpreters)

def verdict(npy):
    import numpy
    try:
        from numpy.lib import _format_impl as fmt
    except ImportError:
        from numpy.lib import format as fmt
    fp = io.BytesIO(npy)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        try:
            version = fmt.read_magic(fp)
            fmt._check_version(version)
            shape, fortran, dtype = fmt._read_array_header(fp, version)
        except BaseException as e:  # noqa: B902 - the class is the verdict
            return {'e': type(e).__name__}
        # the descr's Python type, from the header numpy just accepted
        hlen = struct.unpack('<H' if version[0] == 1 else '<I', npy[8:10] if version[0] == 1 else npy[8:12])[0]
        start = 10 if version[0] == 1 else 12
        text = npy[start:start + hlen].decode('utf8' if version[0] == 3 else 'latin1')
        try:
            d = ast.literal_eval(text.lstrip(' \t'))
        except SyntaxError:
            d = ast.literal_eval(fmt._filter_header(text).lstrip(' \t'))
        return {'d': dtype.str, 'k': dtype.kind, 'i': dtype.itemsize,
                'st': dtype.names is not None or dtype.subdtype is not None, 'o': bool(dtype.hasobject),
                'f': fortran, 'sh': [str(int(x)) for x in shape], 't': type(d['descr']).__name__,
                'ds': d['descr'] if isinstance(d['descr'], str) else None}


def verdict_in_child(python, npy_bytes):
    """The verdict of a header that may kill the interpreter: {"e": "SIGFPE"} when it does."""
    r = subprocess.run([python, os.path.abspath(__file__), '--verdicts'], input=base64.b64encode(npy_bytes).decode() + '\n',
                       capture_output=True, text=True)
    if r.returncode < 0:
        import signal
        return {'e': signal.Signals(-r.returncode).name}
    return json.loads(r.stdout)


def verdicts_child():
    """--verdicts: base64 lines on stdin, one JSON verdict per line on stdout."""
    for line in sys.stdin:
        print(json.dumps(verdict(base64.b64decode(line.strip()))))


# ---------------------------------------------------------------------------------------------
# headers

def npy(header, major=1, minor=0, hlen=None, encoding=None, magic=b'\x93NUMPY'):
    """The preamble and header: header is str (encoded latin1, or utf8 for v3) or bytes."""
    if isinstance(header, str):
        header = header.encode(encoding or ('utf8' if major == 3 else 'latin1'))
    n = len(header) if hlen is None else hlen
    size = struct.pack('<H', n & 0xFFFF) if major == 1 else struct.pack('<I', n & 0xFFFFFFFF)
    return magic + bytes([major, minor]) + size + header


def dict_header(descr="'<f4'", fortran='False', shape='(3,)', tail=', }'):
    return "{'descr': " + descr + ", 'fortran_order': " + fortran + ", 'shape': " + shape + tail


def real_headers():
    """What numpy itself writes."""
    import numpy as np
    from numpy.lib import format as fmt
    arrays = [np.zeros((2, 3), '<f4'), np.zeros(3, '>i8'), np.zeros((), '<f8'), np.zeros((0, 5), '|u1'),
              np.zeros(4, '?'), np.zeros((2, 2), '<c16'), np.zeros(2, '<U7'), np.zeros(2, '|S3'),
              np.zeros(2, '<M8[ns]'), np.zeros(2, '<m8[s]'), np.zeros(2, '<M8[D]'), np.zeros(2, '<f2'),
              np.asfortranarray(np.zeros((2, 3), '<i4')), np.zeros((1,) * 32, '<i2'), np.zeros(2, 'O'),
              np.zeros(2, [('a', '<f4'), ('b', '<i8')]), np.zeros(2, ('<f4', (2, 2))), np.zeros(2, '|V4'),
              np.zeros(2, '<M8'), np.zeros(2, '<M8[5s]'), np.zeros((3, 1, 4), '<u2'), np.zeros(2, '>U2'),
              np.zeros(2, '<c8'), np.zeros(2, '<f16'), np.zeros((10 ** 6,), '|i1')[:0]]
    out = []
    for a in arrays:
        for version in [(1, 0), (2, 0), (3, 0)]:
            b = io.BytesIO()
            with warnings.catch_warnings():
                warnings.simplefilter('ignore')
                fmt.write_array_header_1_0(b, fmt.header_data_from_array_1_0(a)) if version == (1, 0) else \
                    fmt.write_array_header_2_0(b, fmt.header_data_from_array_1_0(a)) if version == (2, 0) else \
                    fmt._write_array_header(b, fmt.header_data_from_array_1_0(a), version)
            out.append(('real', b.getvalue()))
    return out


DESCRS = (
    # what numpy writes, and every spelling np.dtype reads for the kinds Signet knows
    ['<f4', '>f4', '|f4', '=f4', 'f4', '<f8', '<f2', '<f16', '<i1', '|i1', '<i2', '>i2', '<i4', '<i8', '|u1',
     '<u2', '<u4', '>u8', '|b1', 'b1', '?', '<c8', '>c16', '<c32', '<U0', '<U1', '<U7', '>U7', '|U7', 'U',
     '|S0', '|S1', '|S3', 'S', 'a3', 'a', '<a3', '|V4', 'V', 'V0', '|O', 'O', 'O8', 'O4', '<M8', '<M8[ns]',
     '>M8[ns]', '<m8[s]', 'M8[D]', 'm8[Y]', '<M8[generic]', 'M8[5s]', 'M8[1ns]', 'M8[+1ns]', 'M8[ 1ns]',
     'M8[0001ns]', 'M8[0ns]', 'M8[-0ns]', 'M8[-1s]', 'M8[μs]', 'M8[\xb5s]', 'M8[25ms]', 'M8[2147483647s]',
     'M8[2147483648s]', 'M8[]', 'M8[ns', 'M8ns]', 'M8[ns]x', 'M8[NS]', 'M8[ns ]', 'M8 [ns]', 'M+8', 'M 8',
     'M08', 'M', 'm', 'M16', 'M4[s]', 'datetime64', 'datetime64[ns]', '<datetime64[ms]', '>timedelta64[h]',
     'timedelta64', 'datetime64[1Y]', 'datetime64 [ns]',
     'float32', 'float64', 'float16', 'float', 'double', 'single', 'half', 'longdouble', 'float128', 'int',
     'int8', 'int16', 'int32', 'int64', 'long', 'longlong', 'intc', 'intp', 'int_', 'short', 'byte', 'uint',
     'uint8', 'uint16', 'uint32', 'uint64', 'ulong', 'ulonglong', 'uintc', 'uintp', 'ubyte', 'ushort', 'bool',
     'bool_', 'bool8', 'complex', 'complex64', 'complex128', 'complex256', 'csingle', 'cdouble', 'str', 'str_',
     'unicode', 'unicode_', 'bytes', 'bytes_', 'string_', 'object', 'object_', 'object0', 'void', 'void0',
     'float_', 'complex_', 'int0', 'uint0', 'str0', 'bytes0', 'cfloat', 'longfloat', 'singlecomplex',
     'Float32', 'FLOAT32', 'Int', '<float32', '=int', 'np.float32', 'numpy.float32', 'Uint32', 'UInt32',
     'f', 'd', 'e', 'g', 'F', 'D', 'G', 'b', 'B', 'h', 'H', 'i', 'I', 'l', 'L', 'q', 'Q', 'p', 'P', 'c', 'u',
     'n', 'N', 'T', 'z', 'Z', 'x', 'j', 'k', 'v', 'w', 'y', 'r', 's', 't', 'o', 'A', 'C', 'E', 'J', 'K', 'R',
     'W', 'X', 'Y', '1', '0', '', '<', '>', '|', '=', '!', '!f4', '<<f4', '><f4', ' <f4', '<f4 ', '\t<f4',
     '<f4\n', '<f4\x00', '<f4,', 'f4,i4', '(2,)f4', '(2)f4', '2f4', '1f4', '<1f4', 'i4,', '[f4]', '{}',
     'f+4', 'f 4', 'f\t4', 'f\n4', 'f\x0b4', 'f\x0c4', 'f\r4', 'f +4', 'f+ 4', 'f++4', 'f-4', 'f04', 'f004',
     'f\xa04', 'f_4', 'f4_', 'f4L', 'f4.0', 'f4e0', 'f٤', 'f４', 'U١', 'S²', 'S+5', 'S-5', 'U-3', 'V-4',
     'U1e3', 'S1_0', 'U0x10', 'i16', 'i3', 'i0', 'u16', 'u3', 'u0', 'f1', 'f3', 'f32', 'f0', 'c4', 'c64',
     'c0', 'b2', 'b0', '?1', 'O1', 'O2', 'O16', 'B1', 'H2', 'e2', 'd8', 'l8', 'q8', 'p8',
     'S00', 'U000', 'S0001', 'U0000000000000000000000000000005', 'S2147483647', 'S2147483648', 'S4294967296',
     'S4294967297', 'S999999999999999999999999999999', 'U536870911', 'U536870912', 'U536870913',
     'V2147483647', 'S2000000000', 'U500000000', 'S1048576', 'S1048577', 'U262144', 'U262145', 'S65536',
     'U16384', 'M8[s/1]', 'M8[ms/1]', 'M8[s/10]', 'M8[1s/1]', 'M8[+ns]', 'M8[-ns]', 'M8[generic/1]',
     'M8[2generic]', 'M8[1generic]', 'M8[-1generic]', 'M8[0generic]', 'M8[generic/2]', 'M8[\t1ns]',
     'M8[4294967297s]', 'M8[ns/]', 'M8[/1]', 'M8[s/ 1]', 'M8[s/+1]', 'M8[s/-1]', 'M8[s/1x]', 'M8[B]', 'M8[1]',
     'M8[Y/12]', 'M8[Y/365]', 'M8[Y/4]', 'M8[W/7]', 'M8[W/5]', 'M8[W/3]', 'M8[D/24]', 'M8[h/3600]', 'M8[m/60000]',
     'M8[s/1000]', 'M8[s/1000000]', 'M8[fs/1000]', 'M8[as/1000]', 'M8[ns/1000]', 'M8[ps/1000000]', 'M8[2s/1000]',
     'M8[01s]', 'M8[D/7]', 'm8[M/30]', 'M8[ms/1000]'])
# np.dtype() divides by zero on these: the interpreter dies of SIGFPE (numpy 1.24 and 2.3 alike)
CRASHING_DESCRS = ['M8[s/0]', 'm8[Y/0]']


def descr_headers(rng):
    out = []
    for d in DESCRS:
        out.append(('descr', dict_header(descr=repr(d))))
    # every prefix x letter x size, sampled
    letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ?'
    sizes = ['', '0', '1', '2', '3', '4', '8', '16', '32', '01', '+8', ' 2']
    pool = [p + c + s for p in ['', '<', '>', '|', '='] for c in letters for s in sizes]
    for d in rng.sample(pool, 450):
        out.append(('descr-grid', dict_header(descr=repr(d), shape='(2,)')))
    # non-string descrs
    for d in ["[('a', '<f4')]", "[('a', '<f4'), ('b', '<i8')]", "('<f4', (2,))", "('<f4', ())", "('<f4', 1)",
              "b'<f4'", "1", "None", "True", "['<f4']", "[('', '|V4')]", "[('a', '<f4', (2,))]",
              "{'names': ['a'], 'formats': ['<f4']}", "('<f4',)", "[]", "()", "[('a',)]", "[1]", "{'<f4'}",
              "'<f' '4'", "'<' 'f' '4'", "u'<f4'", "r'<f4'", "R'<f4'", "U'<f4'", "'<f\\x34'", "'\\x3cf4'",
              "'<f\\u0034'", "'<f\\U00000034'", "'<f\\N{DIGIT FOUR}'", "'<f\\064'", "'''<f4'''", '"""<f4"""',
              '"<f4"', "f'<f4'", "rb'<f4'", "b'<f' '4'", "'<f' b'4'", "'<f4' # c", "('<f4')", "(('<f4'))"]:
        out.append(('descr-literal', dict_header(descr=d)))
    return out


def shape_headers():
    shapes = ['()', '(0,)', '(1,)', '(3,)', '(2, 3)', '(2,3)', '(2, 3,)', '( 2 , 3 )', '(2,\n3)',
              '(2, # c\n 3)', '(2,\\\n3)', '(3)', '[3]', '3', '3,', '(3,,)', '(,)', '(,3)', '{3}', '(3.0,)',
              '(3., )', '(1e3,)', '(3j,)', '(3+0j,)', '((3,),)', '((3),)', '(True,)', '(False, 2)', '(True, True)',
              '(None,)', "('3',)", "(b'3',)", '(2**3,)', '(1+2,)', '(-(3),)', '(-3,)', '(-0,)', '(+3,)', '(- 3,)',
              '(--3,)', '(+-3,)', '(-+3,)', '(~3,)', '(-True,)', '(+True,)', '(-1, 3)', '(0x10,)', '(0X10,)',
              '(0o17,)', '(0O17,)', '(0b101,)', '(0B101,)', '(0x_10,)', '(0x10_0,)', '(1_000,)', '(1__000,)',
              '(1_,)', '(_1,)', '(01,)', '(00,)', '(0_0,)', '(007,)', '(0,0)', '(0x,)', '(0o8,)', '(0b2,)',
              '(1L,)', '(1 L,)', '(1L, 2L)', '(0L,)', '(0x1fL,)', '(1LL,)', '(1 L L,)', '(1l,)', '(1L2,)',
              '(1\\\nL,)', '(1 # c\nL,)', '(1\nL,)', '(L,)', '(1_L,)', '(1.0L,)', '(1jL,)', '(01L,)',
              '(1if 1 else 2,)', '(1 if 1 else 2,)', '(1and 2,)', '(1or 2,)', '(1in x,)', '(1is 2,)', '(1not in x,)',
              '(1for,)', '(3 ,)', '(3\t,)', '(3\x0c,)', '(3\x0b,)', '(\u0663,)', '(\uff13,)', '(\xb3,)', '(3\xa0,)',
              '(*[3],)', '(*(3,),)', '(3)[0:1]', '(3,)[0:1]', 'tuple([3])', '(3,)+(4,)', '(3,)*2', '(len,)',
              '(%d,)' % (2 ** 63 - 1), '(%d,)' % (2 ** 63), '(%d,)' % (2 ** 64), '(%d,)' % (10 ** 30),
              '(%d, 2)' % (2 ** 62), '(%d, %d)' % (2 ** 32, 2 ** 32), '(%d, %d)' % (2 ** 31, 2 ** 31),
              '(-%d,)' % (2 ** 63), '(-%d,)' % (2 ** 64), '(3037000500, 3037000500)', '(4611686018427387904,)',
              '(2305843009213693952,)', '(1152921504606846976,)', '(%d,)' % (2 ** 40), '(%d,)' % (2 ** 40 + 1),
              '(' + '1, ' * 32 + ')', '(' + '1, ' * 33 + ')', '(' + '1, ' * 64 + ')', '(' + '0, ' * 40 + ')',
              '(' + ', '.join(['2'] * 70) + ',)', '(3, ' + '-1, ' + ')', '(3,  # c\n)', '(3\n,)',
              "(3, 'a')", '(3, [])', '(3, {})', '(3, ())', '(3, ...)', '(...,)', '(set(),)', '(3, set())']
    out = [('shape', dict_header(shape=s)) for s in shapes]
    for d in ["'<f8'", "'|S2000000000'", "'<U262144'", "'|S1048576'", "'|b1'", "'<c16'", "'|S0'", "'<U0'"]:
        for s in ['(%d,)' % (2 ** 63 - 1), '(%d, 2)' % (2 ** 62), '(1152921504606846976,)', '(0,)', '(1,)',
                  '(%d,)' % (2 ** 40), '(%d,)' % (2 ** 40 + 1), '(%d,)' % (2 ** 60)]:
            out.append(('shape-size', dict_header(descr=d, shape=s)))
    return out


def fortran_headers():
    vals = ['True', 'False', '(True)', '((False))', 'true', 'false', 'TRUE', "'True'", "'False'", '1', '0',
            'None', '1.0', 'not True', '-True', '+False', '[True]', '(True,)', 'True if 1 else False', 'bool(1)',
            'True and True', '~False', 'Tru e', 'True # c', 'True\n', 'True\\\n', '...', "b'True'", '0 == 0',
            'True,']
    return [('fortran', dict_header(fortran=v)) for v in vals]


def key_headers():
    F = "'fortran_order': False"
    S = "'shape': (3,)"
    D = "'descr': '<f4'"
    hs = ['{' + D + ', ' + F + '}', '{' + D + ', ' + S + '}', '{' + F + ', ' + S + '}', '{}', '{' + S + ', ' + F + ', ' + D + '}',
          '{' + D + ', ' + F + ', ' + S + ", 'extra': 1}", '{' + D + ', ' + F + ', ' + S + ', 1: 2}',
          '{' + D + ', ' + F + ', ' + S + ', None: 2}', '{' + D + ', ' + F + ', ' + S + ', (1,): 2}',
          '{' + D + ', ' + F + ', ' + S + ', [1]: 2}', '{' + D + ', ' + F + ', ' + S + ', {1: 2}: 2}',
          '{' + D + ', ' + F + ', ' + S + ", b'descr': 2}", '{' + D + ', ' + F + ', ' + S + ', **{}}',
          '{**{' + D + ', ' + F + ', ' + S + '}}',
          # repeated keys: the last value wins, as in a Python dict
          "{'descr': '|u1', " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': '<f8', " + F + ', ' + S + ", 'descr': '|u1'}",
          "{'descr': '<f8', 'descr': '<i4', 'descr': '|u1', " + F + ', ' + S + '}',
          "{'descr': 'nonsense', " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': '<f8', " + F + ', ' + S + ", 'descr': 'nonsense'}",
          "{'descr': [1, [2, {3: (4,)}]], " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': {[1]: 2}, " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': {1, [2]}, " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': {1, (2, 3)}, " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': {(1, [2]): 3}, " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': set(), " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': (set)(), " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': set([1]), " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': set(), " + F + ', ' + S + ", 'descr': set()}",
          "{'descr': frozenset(), " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': 1+2j, " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': -1.5-2j, " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': 1j+1, " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': True+1j, " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': 1+2j+3j, " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': (1+2j), " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': -(1+2j), " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': 1+(-2j), " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': (-1)+2j, " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': 1-2, " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': --1, " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': -'a', " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': ..., " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': None, " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': 01.5, " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': 01e1, " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': 01j, " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': 1e, " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': 1e+, " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': 1.5e-3, " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': .5, " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': 1_0.0_1e1_0j, " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': 1._5, " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': 1e400, " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': 0xffffffffffffffffffffffffffff, " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': x, " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': [*()], " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': (1 for x in y), " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': lambda: 1, " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': f'x', " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': b'\\xff' b'', " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': b'\\777', " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': b'\\u1234\\N{x}', " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': '\\N{NO SUCH NAME}', " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': '\\x4', " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': '\\U00110000', " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': '\\ud800', " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': '\\q', " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': ur'x', " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': 'a' b'b', " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': r'\\', " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': r'\\'', " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': '''a\nb''', " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': 'a\\\nb', " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'descr': 'a\nb', " + F + ', ' + S + ", 'descr': '<f8'}",
          "{'shape': (1,), " + D + ', ' + F + ', ' + S + '}',
          "{'shape': (-1,), " + D + ', ' + F + ', ' + S + '}',
          '{' + D + ', ' + F + ', ' + S + ", 'shape': (-1,)}",
          '{' + D + ', ' + F + ', ' + S + ", 'shape': [1]}",
          '{' + D + ', ' + F + ", 'fortran_order': True, " + S + '}',
          "{'fortran_order': 1, " + D + ', ' + F + ', ' + S + '}',
          # key spellings
          "{\"descr\": '<f4', \"fortran_order\": False, \"shape\": (3,)}",
          "{'desc' 'r': '<f4', " + F + ', ' + S + '}',
          "{'desc'\n'r': '<f4', " + F + ', ' + S + '}',
          "{u'descr': '<f4', " + F + ', ' + S + '}',
          "{r'descr': '<f4', " + F + ', ' + S + '}',
          "{b'descr': '<f4', " + F + ', ' + S + '}',
          "{'\\x64escr': '<f4', " + F + ', ' + S + '}',
          "{'\\144escr': '<f4', " + F + ', ' + S + '}',
          "{'\\u0064escr': '<f4', " + F + ', ' + S + '}',
          "{'\\N{LATIN SMALL LETTER D}escr': '<f4', " + F + ', ' + S + '}',
          "{'descr ': '<f4', " + F + ', ' + S + '}',
          "{' descr': '<f4', " + F + ', ' + S + '}',
          "{'DESCR': '<f4', " + F + ', ' + S + '}',
          "{'descr\\x00': '<f4', " + F + ', ' + S + '}',
          "{('descr'): '<f4', " + F + ', ' + S + '}',
          "{descr: '<f4', " + F + ', ' + S + '}',
          "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), 'descr': '<f4'}",
          "{'descr' : '<f4' , 'fortran_order' : False , 'shape' : (3,) , }",
          "{'descr':'<f4','fortran_order':False,'shape':(3,)}",
          "{'descr': '<f4' 'fortran_order': False, 'shape': (3,)}",
          "{'descr' '<f4', 'fortran_order': False, 'shape': (3,)}",
          "{'descr': '<f4',, 'fortran_order': False, 'shape': (3,)}",
          "{'descr': '<f4', 'fortran_order': False, 'shape': (3,),,}",
          "{'descr': '<f4'; 'fortran_order': False, 'shape': (3,)}",
          "{'descr' = '<f4', 'fortran_order': False, 'shape': (3,)}",
          "dict(descr='<f4', fortran_order=False, shape=(3,))",
          "({'descr': '<f4', 'fortran_order': False, 'shape': (3,)})",
          "(({'descr': '<f4', 'fortran_order': False, 'shape': (3,)}))",
          "({'descr': '<f4', 'fortran_order': False, 'shape': (3,)},)",
          "[{'descr': '<f4', 'fortran_order': False, 'shape': (3,)}]",
          "{'descr': '<f4', 'fortran_order': False, 'shape': (3,)}, ",
          "{'descr': '<f4', 'fortran_order': False, 'shape': (3,)}[0]",
          "{'descr': '<f4', 'fortran_order': False, 'shape': (3,)}.copy()",
          "{'descr', '<f4', 'fortran_order', False, 'shape', (3,)}",
          "{'descr': '<f4', 'fortran_order': False, 'shape': (3,)",
          "'descr': '<f4', 'fortran_order': False, 'shape': (3,)}",
          "{'descr': '<f4', 'fortran_order': False, 'shape': (3,)}}",
          "{{'descr': '<f4', 'fortran_order': False, 'shape': (3,)}}",
          "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), 'descr': '<f4', 'descr': '<f4'}"]
    return [('keys', h) for h in hs]


SLOTS = ['^{', '{^\'descr\'', '\'descr\'^:', ':^ \'<f4\'', '\'<f4\'^,', ',^ \'fortran_order\'', '(3,)^,', ', ^}', '}^']
FILLERS = [' ', '\t', '\x0c', '\x0b', '\n', '\r', '\r\n', '\\\n', '\\', '\\ \n', '#c\n', '# c', '\x00', '\xa0',
           '\x85', '\x1b', '\x7f', ';', '\n  ', '\n\x0c', ' \x0c', '\x0c ', '  \n', '\n \x0c', '\n#c', '\n\n',
           '\t\n\t', '\\\n  ', '  \\\n', '\u00e9', '\xff', '\x01', '#\x00\n', '#\xe9\n', '#\\\n', '\\\r\n',
           '\r\r', '\n\x0c\n', ' \t \n', '"', "'", '`', '$', '?', '!', '@', '.', '...', ':', '*', '(', ')', '[',
           ']', '{', '}', '=', '\\N', '\n \n', '\x0c\n', '  \x0c\n']


def syntax_headers():
    base = "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }"
    out = []
    for slot in SLOTS:
        before = slot.split('^')[0]
        after = slot.split('^')[1]
        at = base.index(before + after) + len(before) if before + after in base else None
        if slot == '^{':
            at = 0
        if slot == '}^':
            at = len(base)
        for f in FILLERS:
            out.append(('syntax', base[:at] + f + base[at:]))
    # whitespace and comments before and after the dict, as numpy pads headers
    for pre in ['', ' ', '\t', '  \t', '\x0c', '\x0c ', ' \x0c', '\n', '\n ', '\n\x0c', '\n\x0c ', '\n \x0c',
                '\r', '\r\n', '#c\n', ' #c\n', ' #c\n ', '\\\n', ' \\\n', '\\\n ', '\n\n\n', '\t\n', '\x0b']:
        for post in ['', '\n', ' \n', '    \n', '\n ', '\n  ', '\n\n', '\n\x0c', '\x0c', ' ' * 5, '\t\n', '#c',
                     '\n#c', '\n  #c', '\n  #c\n', '\r', '\r\n', '\n\r', '\\\n', '\\\n ', '\\', ' \\\n', '\n\x0c ',
                     '\n\t', '\n\t\n', '\x00', '\n\x00']:
            out.append(('padding', pre + base + post))
    return out


def version_headers():
    h = dict_header()
    padded = h + ' ' * (118 - len(h) - 1) + '\n'
    out = []
    for major, minor in [(1, 0), (2, 0), (3, 0), (1, 1), (2, 1), (3, 1), (0, 0), (4, 0), (255, 0), (1, 255)]:
        out.append(('version', npy(padded, major, minor)))
    for hl in [0, 1, 10, len(padded) - 1, len(padded) + 1, len(padded) + 100, 0xFFFF]:
        out.append(('hlen', npy(padded, 1, 0, hlen=hl)))
        out.append(('hlen', npy(padded, 2, 0, hlen=hl)))
    out.append(('hlen', npy(padded, 2, 0, hlen=0xFFFFFFFF)))
    out.append(('hlen', npy(padded[:60], 1, 0)))  # cut inside the dict
    out.append(('hlen', npy(padded[:len(h)], 1, 0)))  # cut right after the dict
    for m in [b'\x93NUMPZ', b'\x93numpy', b'PK\x03\x04\x00\x00', b'\x93NUMP', b'']:
        out.append(('magic', npy(padded, 1, 0, magic=m)))
    out.append(('magic', b'\x93NUMPY'))
    out.append(('magic', b'\x93NUMPY\x01'))
    out.append(('magic', b'\x93NUMPY\x01\x00'))
    out.append(('magic', b'\x93NUMPY\x01\x00\x05'))
    out.append(('magic', b'\x93NUMPY\x02\x00\x05\x00\x00'))
    # max_header_size: 10000 characters after decoding
    for n in [9999, 10000, 10001, 20000]:
        out.append(('max-header', npy(h + ' ' * (n - len(h) - 1) + '\n', 2, 0)))
        out.append(('max-header', npy(h + ' ' * (n - len(h) - 1) + '\n', 3, 0)))
    for n in [9999, 10000, 10001]:  # v3: characters, not bytes
        pad = n - len(h) - 2 - 1
        out.append(('max-header', npy(h + '#' + 'é' * pad + '\n', 3, 0)))
        out.append(('max-header', npy(h + '#' + '€' * pad + '\n', 3, 0)))
        out.append(('max-header', npy(h + '#' + '\U0001F600' * pad + '\n', 3, 0)))
    return out


def utf8_headers():
    out = []
    good = [dict_header(descr="'<U2'") + ' # é€\U0001F600\n', "{'descr': '<U2', 'fortran_order': False, 'shape': (2,), } # ü",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), 'é': 1}",
            "{'descr': 'é', 'fortran_order': False, 'shape': (3,)}",
            "{'descr': 'M8[μs]', 'fortran_order': False, 'shape': (3,)}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (\u0663,)}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (3,)}\u3000",
            "\ufeff{'descr': '<f4', 'fortran_order': False, 'shape': (3,)}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (3,)}\u2028",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), 'ｄescr': 1}",
            "{'descr': '<f4', 'fortran_order': Ｔrue, 'shape': (3,)}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), 'descr': 'é'}"]
    for g in good:
        out.append(('utf8', npy(g, 3, 0)))
        out.append(('utf8', npy(g.encode('utf8'), 1, 0)))  # the same bytes read as latin1
    base = dict_header().encode()
    bad = [b'\x80', b'\xbf', b'\xc0\x80', b'\xc1\xbf', b'\xc2', b'\xe0\x80\x80', b'\xe0\x9f\xbf', b'\xed\xa0\x80',
           b'\xed\xbf\xbf', b'\xef\xbf', b'\xf0\x8f\xbf\xbf', b'\xf4\x90\x80\x80', b'\xf5\x80\x80\x80', b'\xfe', b'\xff',
           b'\xe2\x82', b'\xc3\xa9', b'\xe2\x82\xac', b'\xf0\x9f\x98\x80', b'\xf4\x8f\xbf\xbf', b'\xee\x80\x80']
    for bb in bad:
        for where in ['comment', 'string', 'key', 'end', 'outside']:
            if where == 'comment':
                hb = base + b' #' + bb + b'\n'
            elif where == 'string':
                hb = base.replace(b"'<f4'", b"'<f4" + bb + b"'")
            elif where == 'key':
                hb = base.replace(b"'shape'", b"'sha" + bb + b"pe'")
            elif where == 'end':
                hb = base + bb
            else:
                hb = base.replace(b', }', b', ' + bb + b'}')
            out.append(('utf8-bad', npy(hb, 3, 0)))
            if where in ('comment', 'string'):
                out.append(('utf8-bad', npy(hb, 2, 0)))
    return out


def nesting_headers():
    out = []
    F = "'fortran_order': False, 'shape': (3,)"
    for n in [1, 50, 198, 199, 200, 201, 250]:
        for o, c in [('[', ']'), ('(', ')'), ('{', '}')]:
            v = o * n + c * n
            out.append(('nesting', "{'descr': " + v + ', ' + F + ", 'descr': '<f4'}"))
    # the dict itself counts as one level
    out.append(('nesting', '(' * 199 + "{'descr': '<f4', " + F + '}' + ')' * 199))
    out.append(('nesting', '(' * 200 + "{'descr': '<f4', " + F + '}' + ')' * 200))
    for n in [1, 2, 10, 100, 1000]:
        out.append(('nesting', "{'descr': " + '-' * n + '1, ' + F + ", 'descr': '<f4'}"))
        out.append(('nesting', "{'descr': " + '(' * min(n, 150) + '-1' + ')' * min(n, 150) + ', ' + F + ", 'descr': '<f4'}"))
    out.append(('nesting', "{'descr': " + '[1,' * 180 + ']' * 180 + ', ' + F + ", 'descr': '<f4'}"))
    out.append(('nesting', "{'descr': " + '{1:' * 199 + '1' + '}' * 199 + ', ' + F + ", 'descr': '<f4'}"))
    out.append(('nesting', "{'descr': " + '{1:' * 200 + '1' + '}' * 200 + ', ' + F + ", 'descr': '<f4'}"))
    return out


def mutated_headers(rng, count):
    bases = [dict_header(), dict_header(descr="'<U7'", shape='(2, 3)'), dict_header(descr="'|b1'", fortran='True', shape='()'),
             dict_header(descr="'<M8[ns]'", shape='(4,)') + '   \n', "{'descr':'>i8','fortran_order':True,'shape':(1,2,3)}",
             "{\n  'descr': '<f4',\n  'fortran_order': False,\n  'shape': (3,),\n}\n",
             "  {'descr': '<f4', # the dtype\n 'fortran_order': False, 'shape': (3L, 2L)}\n",
             "{'descr': " + "'" * 3 + "<f4" + "'" * 3 + ", 'fortran_order': False, 'shape': (\n3,\n)}",
             "{'descr': '<' 'f4', 'fortran_order': (False), 'shape': (0x3,), 'descr': '<f8'}\\\n"]
    alphabet = list("{}()[],:'\"#\\ \t\n\r\x0c\x0b0123456789-+_.LljJeExXoObBfrubFRU") + [
        'True', 'False', 'None', "'descr'", "'shape'", "'fortran_order'", '\x00', '\xe9', '\xa0', '...', 'set()', '1L',
        '\\\n', '\r\n', "'" * 3, '"' * 3, '#c\n', '\n  ', ' L', 'u', '\\x41', '\\N{DIGIT ONE}', '\x85', '\u20ac']
    out = []
    for _ in range(count):
        h = rng.choice(bases)
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            op = rng.random()
            p = rng.randrange(len(h) + 1)
            if op < 0.4:
                h = h[:p] + rng.choice(alphabet) + h[p:]
            elif op < 0.7 and h:
                p = min(p, len(h) - 1)
                h = h[:p] + rng.choice(alphabet) + h[p + 1:]
            elif op < 0.9 and h:
                p = min(p, len(h) - 1)
                h = h[:p] + h[p + 1:]
            else:
                q = rng.randrange(len(h) + 1)
                a, b = min(p, q), max(p, q)
                h = h[:b] + h[a:b] + h[b:]
        major = rng.choice([1, 1, 1, 2, 3])
        try:
            out.append(('mutated', npy(h, major, 0)))
        except UnicodeEncodeError:
            out.append(('mutated', npy(h, 3, 0)))
    return out


def benign_headers(rng, count):
    """Valid headers with whitespace, comments, continuations and parentheses added between tokens:
    the accepting side of the tokenizer rules (form feeds, carriage returns, indentation)."""
    bases = ["{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }",
             "{'descr': '<U3', 'fortran_order': True, 'shape': (), 'descr': '|u1'}",
             "{'shape': (1,), 'descr': '>i8', 'fortran_order': False}"]
    fillers = [' ', '  ', '\t', '\x0c', '\n', '\r', '\r\n', '\\\n', '#c\n', ' # c\n', '\n\n', '\n \n',
               '\n\x0c', '\x0c\n', ' \\\n ', '\n\t', '\r\r', '\n#\r', ' L', '\n  #x\n']
    out = []
    for _ in range(count):
        h = rng.choice(bases)
        # token boundaries outside strings
        cuts, quoted = [0], False
        for i, c in enumerate(h):
            if c == "'":
                quoted = not quoted
                if not quoted:
                    cuts.append(i + 1)
            elif not quoted and c in '{}(),: ':
                cuts += [i, i + 1]
        cuts.append(len(h))
        for _ in range(rng.choice([1, 2, 3, 4])):
            p = rng.choice(cuts)
            f = rng.choice(fillers)
            h = h[:p] + f + h[p:]
            cuts = [c + len(f) if c > p else c for c in cuts] + [p + len(f)]
        if rng.random() < 0.2:
            h = rng.choice(['', ' ', '\n', '\t', '\x0c', '\r', '#c\n']) + h
        if rng.random() < 0.5:
            h = h + rng.choice(['\n', ' ' * 7 + '\n', '\n  ', '\r\n', '\x0c', '   ', '\n\x0c', '#c'])
        out.append(('benign', npy(h, rng.choice([1, 1, 2, 3]), 0)))
    return out


def descr_fuzz_headers(rng, count):
    """Random dtype strings from the characters np.dtype's parser looks at."""
    parts = list('<>|=0123456789+- \t[]/,()MmfiuSUaVObBcdeghHlLqQpPsDWYh') + [
        '8', '16', 'ns', 'us', 'ms', 'generic', '[ns]', '[s/1000]', 'M8', 'm8', 'datetime64', 'float', 'int', '1000']
    out = []
    for _ in range(count):
        d = ''.join(rng.choice(parts) for _ in range(rng.choice([1, 2, 2, 3, 3, 4, 5, 6])))
        out.append(('descr-fuzz', npy(dict_header(descr=repr(d), shape='(2,)'), 1, 0)))
    return out


def main():
    if '--verdicts' in sys.argv:
        verdicts_child()
        return
    import argparse
    import numpy
    ap = argparse.ArgumentParser()
    ap.add_argument('--seed', type=int, default=SEED)
    ap.add_argument('--mutations', type=int, default=MUTATIONS)
    ap.add_argument('--out', default=OUT, help='another file: an extended run to search for disagreements')
    ap.add_argument('--benign', type=int, default=BENIGN)
    ap.add_argument('--descr-fuzz', type=int, default=DESCR_FUZZ)
    ap.add_argument('--only-mutations', action='store_true')
    args = ap.parse_args()
    out_path = args.out
    rng = random.Random(args.seed)
    cases = [] if args.only_mutations else real_headers()
    for fam in () if args.only_mutations else (descr_headers(rng), shape_headers(), fortran_headers(), key_headers(), syntax_headers(),
                nesting_headers()):
        for family, h in fam:
            if not isinstance(h, str):
                cases.append((family, h))
                continue
            try:
                cases.append((family, npy(h, 1, 0)))
            except UnicodeEncodeError:  # not latin-1: a v3 header only
                cases.append((family + '-v3', npy(h, 3, 0)))
                continue
            # v3 (UTF-8, never filtered for Python 2's 'L' suffix): the same text where that can matter
            if family in ('keys', 'shape') or (family in ('syntax', 'padding') and any(
                    c in h for c in '\\\xe9\xff\x85\xa0')):
                try:
                    cases.append((family + '-v3', npy(h, 3, 0)))
                except UnicodeEncodeError:
                    pass
    if not args.only_mutations:
        cases += version_headers() + utf8_headers()
    cases += mutated_headers(rng, args.mutations)
    cases += benign_headers(rng, args.benign)
    cases += descr_fuzz_headers(rng, args.descr_fuzz)
    # one record per distinct byte string
    seen = set()
    unique = []
    for family, b in cases:
        if b not in seen:
            seen.add(b)
            unique.append((family, b))
    crashing = set(npy(dict_header(descr=repr(d)), 1, 0) for d in CRASHING_DESCRS)
    for d in [] if args.only_mutations else CRASHING_DESCRS:
        b = npy(dict_header(descr=repr(d)), 1, 0)
        if b not in seen:
            seen.add(b)
            unique.append(('descr-crash', b))
    v124 = [verdict_in_child(sys.executable, b) if b in crashing else verdict(b) for _, b in unique]
    child = subprocess.run([NUMPY23, os.path.abspath(__file__), '--verdicts'],
                           input=''.join(base64.b64encode(b).decode() + '\n' for _, b in unique if b not in crashing),
                           capture_output=True, text=True, check=True)
    rest = iter(json.loads(x) for x in child.stdout.splitlines())
    v23 = [verdict_in_child(NUMPY23, b) if b in crashing else next(rest) for _, b in unique]
    assert len(v23) == len(unique)
    v23_version = subprocess.run([NUMPY23, '-c', 'import numpy; print(numpy.__version__)'],
                                 capture_output=True, text=True, check=True).stdout.strip()
    accepted = sum(1 for v in v124 if 'e' not in v)
    differ = sum(1 for a, b in zip(v124, v23) if a != b)
    with open(out_path, 'w', encoding='utf8') as f:
        f.write(json.dumps({'seed': args.seed, 'mutations': args.mutations, 'numpy124': numpy.__version__, 'numpy23': v23_version,
                            'python': sys.version.split()[0], 'headers': len(unique),
                            'np124_accepts': accepted, 'np23_differs': differ}) + '\n')
        for i, ((family, b), a, c) in enumerate(zip(unique, v124, v23)):
            rec = {'family': family}
            if len(b) > 1000:  # the long headers are repetitive: stored deflated (zlib)
                rec['npyz'] = base64.b64encode(zlib.compress(b, 9)).decode()
            else:
                rec['npy'] = base64.b64encode(b).decode()
            rec['np124'] = a
            if c != a:
                rec['np23'] = c
            f.write(json.dumps(rec, ensure_ascii=True) + '\n')
    print('%d headers, numpy 1.24 accepts %d, numpy 2.3 differs on %d -> %s (%d bytes)'
          % (len(unique), accepted, differ, out_path, os.path.getsize(out_path)))


if __name__ == '__main__':
    main()
