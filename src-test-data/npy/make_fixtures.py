#!/usr/bin/env python3
"""Makes the small .npy/.npz fixtures of Signet's tests (numpy from Debian's python3-numpy).
Run from this directory: /usr/bin/python3 make_fixtures.py"""
import io, zipfile
import numpy as np
from numpy.lib import format as fmt

def save(name, arr, version=None):
    with open(name, 'wb') as f:
        fmt.write_array(f, arr, version=version, allow_pickle=True)

save('f4_2x3.npy', np.arange(6, dtype='<f4').reshape(2, 3))
save('f8_nan.npy', np.array([[1.0, 2.0], [np.nan, 4.0]], dtype='<f8'))
save('i8_fortran.npy', np.asfortranarray(np.arange(6, dtype='<i8').reshape(2, 3)))
save('f4_fortran_inf.npy', np.asfortranarray(np.array([[0, 1, 2], [3, np.inf, 5]], dtype='<f4')))
save('be_i4.npy', np.array([1, -2, 300], dtype='>i4'))
save('M8ns.npy', np.array(['2020-01-01', 'NaT'], dtype='<M8[ns]'))
save('U7.npy', np.array(['a', 'hello', 'µ€'], dtype='<U7'))
save('S3.npy', np.array([b'ab', b'xyz'], dtype='|S3'))
save('v2_u1.npy', np.arange(4, dtype='u1'), version=(2, 0))
save('v3_U2.npy', np.array(['ä', 'b'], dtype='<U2'), version=(3, 0))
save('empty_f4.npy', np.zeros((0, 3), dtype='<f4'))
save('scalar_f8.npy', np.array(3.5))
save('object.npy', np.array([1, 'a', None], dtype=object))
# broken files
good = open('f4_2x3.npy', 'rb').read()
open('bad_magic.npy', 'wb').write(b'\x93NUMPZ' + good[6:])
open('truncated.npy', 'wb').write(good[:-5])
open('lying_header.npy', 'wb').write(good.replace(b"(2, 3)", b"(9, 3)"))
open('absurd_shape.npy', 'wb').write(good.replace(b"(2, 3)", b"(-1, 3)"))
open('short.npy', 'wb').write(good[:7])
np.savez('stored.npz', x=np.arange(6, dtype='<f4').reshape(2, 3), y=np.array([1, 2], dtype='<i8'))
np.savez_compressed('deflated.npz', x=np.array([[0, 1, np.nan]], dtype='<f4'), y=np.array([1, 2], dtype='<i8'))
# .npz: np.savez stores entries (mapped in place by Signet), np.savez_compressed deflates them (streamed)
np.savez('stored_nan.npz', x=np.array([[0, 1, np.nan], [3, 4, 5]], dtype='<f4'), y=np.array([1, 2], dtype='<i8'))
np.savez('stored_fortran.npz', x=np.asfortranarray(np.array([[0, 1, 2], [3, np.inf, 5]], dtype='<f4')))
np.savez('stored_mixed.npz', x=np.arange(6, dtype='<f4').reshape(2, 3))
with zipfile.ZipFile('stored_mixed.npz', 'a', compression=zipfile.ZIP_DEFLATED) as z:
    buf = io.BytesIO()
    fmt.write_array(buf, np.array([1, 2, 3], dtype='<i8'))
    z.writestr('y.npy', buf.getvalue())


def zip64(src, dst):
    """Rewrites a stored archive's central directory the way archives past 4 GiB / 65535 entries are
    written: sizes and offsets 0xFFFFFFFF with a ZIP64 extra field, a ZIP64 end record and its locator,
    0xFFFF/0xFFFFFFFF in the classic end record."""
    import struct
    b = open(src, 'rb').read()
    e = b.rindex(b'PK\x05\x06')
    n, dsize, doff = struct.unpack('<HII', b[e + 10:e + 20])
    out = bytearray(b[:doff])
    p = doff
    cd = bytearray()
    for _ in range(n):
        h = bytearray(b[p:p + 46])
        nl, xl, cl = struct.unpack('<HHH', h[28:34])
        csize, usize = struct.unpack('<II', h[20:28])
        local = struct.unpack('<I', h[42:46])[0]
        name = b[p + 46:p + 46 + nl]
        extra = struct.pack('<HHQQQ', 1, 24, usize, csize, local)
        h[20:28] = struct.pack('<II', 0xFFFFFFFF, 0xFFFFFFFF)
        h[42:46] = struct.pack('<I', 0xFFFFFFFF)
        h[30:32] = struct.pack('<H', len(extra))
        cd += h + name + extra + b[p + 46 + nl + xl:p + 46 + nl + xl + cl]
        p += 46 + nl + xl + cl
    out += cd
    z64 = len(out)
    out += struct.pack('<IQHHIIQQQQ', 0x06064b50, 44, 45, 45, 0, 0, n, n, len(cd), doff)
    out += struct.pack('<IIQI', 0x07064b50, 0, z64, 1)
    out += struct.pack('<IHHHHIIH', 0x06054b50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    open(dst, 'wb').write(bytes(out))
    with np.load(dst) as check:
        assert sorted(check.files) == sorted(np.load(src).files)


zip64('stored_nan.npz', 'zip64_stored.npz')
# a stored entry whose .npy header promises more data than the entry holds
np.savez('stored_lying.npz', x=np.arange(6, dtype='<f4').reshape(2, 3))
raw = open('stored_lying.npz', 'rb').read()
open('stored_lying.npz', 'wb').write(raw.replace(b"(2, 3)", b"(9, 3)"))
