package io.signet.internal.json;

import io.signet.json.Limits;

import io.signet.internal.json.DecodedTensor;
import io.signet.internal.json.Json;
import com.fasterxml.jackson.core.JsonParser;
import io.signet.enforce.Mode;
import io.signet.py.PyRepr;
import io.signet.serving.ScoringResponse;
import io.signet.serving.ScoringServer;
import io.signet.tensor.DType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TensorReaderPropertiesTest {
    static final DType[] DTYPES = {DType.BOOL, DType.INT8, DType.INT16, DType.INT32, DType.INT64, DType.UINT8,
        DType.UINT16, DType.UINT32, DType.UINT64, DType.FLOAT16, DType.FLOAT32, DType.FLOAT64};

    /** A random tensor: dtype, shape, and its values as exact JSON literals plus expected bits. */
    static final class Case {
        final DType dtype;
        final long[] shape;
        final String[] literals;
        final long[] expectedBits;

        Case(final DType dtype, final long[] shape, final String[] literals, final long[] expectedBits) {
            this.dtype = dtype;
            this.shape = shape;
            this.literals = literals;
            this.expectedBits = expectedBits;
        }

        String json() {
            final StringBuilder sb = new StringBuilder();
            nest(sb, 0, new int[]{0});
            return sb.toString();
        }

        private void nest(final StringBuilder sb, final int d, final int[] at) {
            if (d == shape.length) {
                sb.append(literals[at[0]++]);
                return;
            }
            sb.append('[');
            for (long i = 0; i < shape[d]; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                nest(sb, d + 1, at);
            }
            sb.append(']');
        }

        @Override
        public String toString() {
            return dtype + PyRepr.shape(shape) + " " + json();
        }
    }

    static Case random(final DType dt, final long[] shape, final long seed) {
        long n = 1;
        for (final long s : shape) {
            n *= s;
        }
        final Random r = new Random(seed);
        final String[] lit = new String[(int) n];
        final long[] bits = new long[(int) n];
        for (int i = 0; i < n; i++) {
            final int edge = r.nextInt(8);
            switch (dt.kind()) {
                case BOOL: {
                    final boolean b = r.nextBoolean();
                    lit[i] = b ? "true" : "false";
                    bits[i] = b ? 1 : 0;
                    break;
                }
                case INT:
                case UINT: {
                    final int bitsN = dt.itemSize() * 8;
                    long v;
                    if (dt.kind() == DType.Kind.INT) {
                        final long min = bitsN == 64 ? Long.MIN_VALUE : -(1L << (bitsN - 1));
                        final long max = bitsN == 64 ? Long.MAX_VALUE : (1L << (bitsN - 1)) - 1;
                        v = edge == 0 ? min : edge == 1 ? max : edge == 2 ? 0 : bitsN == 64 ? r.nextLong()
                            : min + (long) (r.nextDouble() * (max - min));
                    } else {
                        final long max = bitsN == 64 ? Long.MAX_VALUE : (1L << bitsN) - 1;
                        v = edge == 0 ? 0 : edge == 1 ? max : (long) (r.nextDouble() * max);
                    }
                    lit[i] = Long.toString(v);
                    bits[i] = v;
                    break;
                }
                default: {
                    final double d;
                    if (dt.itemSize() == 2) {
                        final float h = io.signet.tensor.TensorView.fromFloat16((short) r.nextInt(0x7C00));
                        d = r.nextBoolean() ? h : -h;
                    } else if (dt.itemSize() == 4) {
                        final float f = edge == 0 ? Float.MAX_VALUE : edge == 1 ? Float.MIN_VALUE
                            : Float.intBitsToFloat(r.nextInt(0x7F800000)) * (r.nextBoolean() ? 1 : -1);
                        d = f;
                    } else {
                        d = edge == 0 ? Double.MAX_VALUE : edge == 1 ? Double.MIN_VALUE
                            : Double.longBitsToDouble(r.nextLong() & 0x7FEFFFFFFFFFFFFFL) * (r.nextBoolean() ? 1 : -1);
                    }
                    lit[i] = edge == 3 ? "NaN" : edge == 4 ? "Infinity" : edge == 5 ? "-Infinity" : Double.toString(d);
                    final double e = edge == 3 ? Double.NaN : edge == 4 ? Double.POSITIVE_INFINITY
                        : edge == 5 ? Double.NEGATIVE_INFINITY : d;
                    bits[i] = Double.doubleToLongBits(e);
                }
            }
        }
        return new Case(dt, shape, lit, bits);
    }

    @Provide
    Arbitrary<Case> tensors() {
        final Arbitrary<DType> dts = Arbitraries.of(DTYPES);
        final Arbitrary<long[]> shapes = Arbitraries.longs().between(0, 4).array(long[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(dts, shapes, Arbitraries.longs()).as(TensorReaderPropertiesTest::random);
    }

    @Property(tries = 300)
    void jsonTensorsRoundTripToTheSameOffHeapValues(@ForAll("tensors") final Case c) throws Exception {
        final Limits limits = Limits.DEFAULT;
        try (DecodedTensor t = new DecodedTensor();
             JsonParser p = Json.factory(limits).createParser(c.json())) {
            p.nextToken();
            new TensorReader().read(p, c.dtype, t, false, limits);
            // JSON cannot show dimensions after an empty one: np.array([]) is (0,), np.array([[], []]) is (2, 0)
            int rank = c.shape.length;
            for (int i = 0; i < c.shape.length; i++) {
                if (c.shape[i] == 0) {
                    rank = i + 1;
                    break;
                }
            }
            assertEquals(rank, t.rank(), c.toString());
            for (int i = 0; i < rank; i++) {
                assertEquals(c.shape[i], t.dim(i), c.toString());
            }
            assertEquals(c.literals.length, t.size());
            for (int i = 0; i < c.literals.length; i++) {
                if (c.dtype.kind() == DType.Kind.FLOAT) {
                    final double want = Double.longBitsToDouble(c.expectedBits[i]);
                    final double got = t.getDouble(i);
                    if (Double.isNaN(want)) {
                        assertTrue(Double.isNaN(got), c.toString());
                    } else {
                        assertEquals(c.dtype.itemSize() == 4 ? (double) (float) want : want, got, c + " at " + i);
                    }
                } else {
                    assertEquals(c.expectedBits[i], t.getLong(i), c + " at " + i);
                }
            }
        }
    }

    static final String SIG = "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1, 2]}}]";

    @Property(tries = 400)
    void truncatedOrMutatedPayloadsGiveALocated400(@ForAll @IntRange(min = 0, max = 10_000) final int where,
                                                  @ForAll @IntRange(min = 0, max = 255) final int newByte,
                                                  @ForAll final boolean truncate) {
        final String valid = "{\"inputs\": [[1.5, -2e3], [NaN, 4]], \"params\": {\"k\": [1, \"x\"]}}";
        final byte[] b = valid.getBytes(StandardCharsets.UTF_8);
        final int at = where % b.length;
        final byte[] body;
        if (truncate) {
            body = java.util.Arrays.copyOf(b, at);
        } else {
            body = b.clone();
            body[at] = (byte) newByte;
        }
        final ScoringServer s = new ScoringServer(io.signet.serving.ScoringServerTestAccess.sig(SIG));
        final ScoringResponse r = s.invoke(body, "application/json");
        if (!r.ok()) {
            assertEquals(400, r.status(), r.toString());
            assertNotNull(r.errorCode(), r.toString());
            assertNotNull(r.location(), r.toString());
        }
    }

    @Property(tries = 100)
    void raggedNestingIsAlwaysReported(@ForAll("tensors") final Case c) throws Exception {
        if (c.shape.length < 2 || c.shape[0] < 2) {
            return;
        }
        for (final long d : c.shape) {
            if (d == 0) {
                return;
            }
        }
        // drop the last element of the first row: ragged at depth 1
        final String json = c.json();
        final List<String> rows = new ArrayList<>();
        rows.add(json);
        final String broken = json.replaceFirst("\\], \\[", "], [[0], ");
        try (DecodedTensor t = new DecodedTensor();
             JsonParser p = Json.factory(Limits.DEFAULT).createParser(broken)) {
            p.nextToken();
            try {
                new TensorReader().read(p, c.dtype, t, false, Limits.DEFAULT);
                throw new AssertionError("accepted " + broken);
            } catch (PayloadException e) {
                assertEquals(400, e.status());
                assertNotNull(e.pointer());
            }
        }
    }
}
