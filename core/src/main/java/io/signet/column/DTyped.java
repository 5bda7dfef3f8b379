package io.signet.column;

import io.signet.tensor.DType;

/**
 * A list-like that carries a numpy dtype (a decoded 1-D ndarray): {@code pd.DataFrame(dict)} keeps
 * that dtype for the column instead of inferring one from the Python values.
 */
interface DTyped {
    /** The array's dtype. */
    DType dtype();

    /** The array's number of dimensions (a list is 1-D; a 0-d array, numpy's {@code array('a')}, is 0). */
    default int ndim() {
        return 1;
    }

    /** A 0-d array's element as numpy hands it out (the object itself for dtype object); null otherwise. */
    default Object item() {
        return null;
    }
}
