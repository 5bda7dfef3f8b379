package io.signet.infer;

import io.signet.tensor.DType;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * infer_signature's np.array(example) is the value model's one discovery (py.Numpy.array). Expected
 * dtypes are numpy 1.24.2's (Debian's, MLflow 2.17.2's oracle): np.array([1, 2**63]).dtype is float64,
 * np.array([-1, 2**63]) float64, np.array([2**63]) uint64, np.array([True, 2**63]) uint64. infer's own
 * copy of the discovery answered uint64, object, uint64 and uint64.
 */
class ExamplesDiscoveryTest {
    private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);

    @Test
    void pythonIntsPastInt64AreDiscoveredAsNumpyDoes() {
        assertEquals(DType.FLOAT64, Examples.npArray(List.of(1L, TWO_63)).dtype);
        assertEquals(DType.FLOAT64, Examples.npArray(List.of(-1L, TWO_63)).dtype);
        assertEquals(DType.UINT64, Examples.npArray(List.of(TWO_63)).dtype);
        assertEquals(DType.UINT64, Examples.npArray(List.of(true, TWO_63)).dtype);
        assertEquals(DType.STR, Examples.npArray(List.of("a", 1L)).dtype); // <U21 in numpy: 'string' for MLflow
        assertArrayEquals(new long[] {2, 3}, Examples.npArray(List.of(List.of(1L, 2L, 3L), List.of(4L, 5L, 6L))).shape);
    }

    @Test
    void raggedNestingIsNumpysValueError() {
        final InferenceException e = assertThrows(InferenceException.class,
            () -> Examples.npArray(List.of(List.of(1L, 2L), List.of(3L))));
        assertEquals("setting an array element with a sequence. The requested array has an inhomogeneous shape "
            + "after 1 dimensions. The detected shape was (2,) + inhomogeneous part.", e.getMessage());
    }
}
