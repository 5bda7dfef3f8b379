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
