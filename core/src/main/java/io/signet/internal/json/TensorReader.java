package io.signet.internal.json;

import io.signet.json.Limits;

import io.signet.internal.json.DecodedTensor;
import io.signet.internal.json.Deviations;
import io.signet.internal.json.Json;
import io.signet.internal.json.PyValueReader;
import io.signet.internal.json.RawJsonParser;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonTokenId;
import io.signet.py.PyRepr;
import io.signet.tensor.DType;
import io.signet.internal.tensor.NpDatetime;
import io.signet.internal.tensor.NpCast;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Streams one JSON value into a {@link DecodedTensor} as {@code np.array(value, dtype=D)} would
 * build it: numbers are cast element by element straight into off-heap memory while the shape is
 * tracked per depth; raggedness, wrong depth and values numpy cannot cast are reported where they
 * occur, with numpy's sentence.
 *
 * <p>Each element is cast by numpy 1.24's one table ({@link NpCast}, which the value model's casts
 * use too): floats truncate into integers, strings go through Python's {@code int()}/{@code float()},
 * {@code null} is NaN for floats, any value's truthiness for bool, {@code str()} for str. Where numpy
 * would silently wrap an integer into a narrower dtype (300 into uint8) Signet rejects it with
 * deviation {@code narrowing-overflow}; strict reading (Signet's strict mode) also rejects truncation
 * (1.7 into int) with {@code narrowing-truncation}.
 *
 * <p>Not thread-safe: one per request in flight (a scoring context owns one); no allocation per element for
 * numeric dtypes.
 */
public final class TensorReader {
    static {
        io.signet.internal.AgronaAccess.check(); // one clear message instead of an IllegalAccessError inside Agrona
    }

    static final int K_BOOL = 0;
    static final int K_I8 = 1;
    static final int K_I16 = 2;
    static final int K_I32 = 3;
    static final int K_I64 = 4;
    static final int K_U8 = 5;
    static final int K_U16 = 6;
    static final int K_U32 = 7;
    static final int K_U64 = 8;
    static final int K_F16 = 9;
    static final int K_F32 = 10;
    static final int K_F64 = 11;
    static final int K_DT = 12;
    static final int K_TD = 13;
    static final int K_STR = 14;
    static final int K_BYTES = 15;

    private final long[] dims = new long[DecodedTensor.MAX_RANK + 1];
    private final long[] counts = new long[DecodedTensor.MAX_RANK + 1];

    private int kind;
    private DType dtype;
    /** What the casts did silently to the element just read (cleared once turned into a deviation). */
    private final NpCast.Facts facts = new NpCast.Facts();
    private long maxElements;
    private DecodedTensor out;
    private boolean rejectObjects;
    private UnsafeBuffer data;
    private long n;
    private final Deviations deviations;

    /** A reader noting deviations into its own {@link Deviations}. */
    public TensorReader() {
        this(new Deviations());
    }

    /** A reader noting deviations into the request's {@code deviations}. */
    public TensorReader(final Deviations deviations) {
        this.deviations = deviations;
    }

    /** True when {@link #read} can decode this dtype (numeric, bool, str, bytes, datetime64, timedelta64). */
    public static boolean supports(final DType dtype) {
        return kindOf(dtype) >= 0;
    }

    /** The reader kind (K_*) of a dtype, or -1 for one it cannot decode. */
    static int kindOf(final DType d) {
        final int size = d.itemSize();
        switch (d.kind()) {
            case BOOL:
                return K_BOOL;
            case INT:
                return size == 1 ? K_I8 : size == 2 ? K_I16 : size == 4 ? K_I32 : K_I64;
            case UINT:
                return size == 1 ? K_U8 : size == 2 ? K_U16 : size == 4 ? K_U32 : K_U64;
            case FLOAT:
                return size == 2 ? K_F16 : size == 4 ? K_F32 : size == 8 ? K_F64 : -1;
            case DATETIME:
                return d.unit() == null || d.unit().isEmpty() ? -1 : K_DT;
            case TIMEDELTA:
                return d.unit() == null || d.unit().isEmpty() ? -1 : K_TD;
            case STR:
                return K_STR;
            case BYTES:
                return K_BYTES;
            default:
                return -1;
        }
    }

    /**
     * Decodes the value starting at the parser's current token into {@code target}; on return the
     * parser is on the value's last token.
     *
     * @throws PayloadException (400 BAD_REQUEST, located) for values numpy cannot cast, ragged
     *                          nesting, a breached limit, or a deviation
     * @throws IOException      for malformed JSON (map with {@link Json#syntax})
     */
    public DecodedTensor read(final JsonParser p, final DType dtype, final DecodedTensor target, final boolean strict,
                              final Limits limits) throws IOException {
        return read(p, dtype, target, strict, limits, false);
    }

    /**
     * As {@link #read(JsonParser, DType, DecodedTensor, boolean, Limits)}; with {@code rejectObjects}
     * a JSON object element is an error (callers whose envelope semantics change when a list holds
     * dicts).
     */
    public DecodedTensor read(final JsonParser p, final DType dtype, final DecodedTensor target, final boolean strict,
                              final Limits limits, final boolean rejectObjects) throws IOException {
        return read(p, dtype, target, strict, limits, rejectObjects, false);
    }

    /**
     * As {@link #read(JsonParser, DType, DecodedTensor, boolean, Limits, boolean)}; with
     * {@code intOverflowRaises} a number past an integer dtype's range is numpy 2's OverflowError
     * ({@code Python integer 300 out of bounds for uint8}, 400 BAD_REQUEST) where numpy 1.24 wrapped it
     * (Signet's narrowing-overflow deviation).
     */
    public DecodedTensor read(final JsonParser p, final DType dtype, final DecodedTensor target, final boolean strict,
                              final Limits limits, final boolean rejectObjects, final boolean intOverflowRaises)
        throws IOException {
        this.rejectObjects = rejectObjects;
        this.kind = kindOf(dtype);
        if (kind < 0) {
            throw new IllegalArgumentException("unsupported dtype " + dtype);
        }
        this.dtype = dtype;
        facts.clear().noteTruncation(strict).intOverflowRaises(intOverflowRaises);
        this.maxElements = limits.maxElementsPerTensor();
        this.out = target.reset(dtype);
        this.data = target.data;
        this.n = 0;
        if (kind == K_STR || kind == K_BYTES) {
            target.putOffset(0, 0);
        }
        int t = p.currentTokenId();
        if (t == JsonTokenId.ID_START_ARRAY && p instanceof RawJsonParser && RawArrayScanner.supports(kind)) {
            if (readRaw((RawJsonParser) p, limits)) {
                return target;
            }
            this.out = target.reset(dtype); // the scanner abstained: read the same array token by token
        }
        int depth = 0;
        int rank = -1;
        int maxArrayDepth = -1;
        for (;;) {
            switch (t) {
                case JsonTokenId.ID_START_ARRAY:
                    if (rank >= 0 && depth >= rank) {
                        throw ragged(p, depth);
                    }
                    if (depth >= DecodedTensor.MAX_RANK) {
                        throw Json.badRequest(p, "Invalid input. maximum supported dimension for an ndarray is "
                            + DecodedTensor.MAX_RANK + ", found " + (depth + 1));
                    }
                    if (depth > 0) {
                        counts[depth - 1]++;
                    }
                    if (depth > maxArrayDepth) {
                        maxArrayDepth = depth;
                        dims[depth] = -1;
                    }
                    counts[depth] = 0;
                    depth++;
                    if (depth == rank) {
                        // innermost level of a known rank: the tight per-number loop
                        t = fillRow(p, depth);
                        continue;
                    }
                    break;
                case JsonTokenId.ID_END_ARRAY: {
                    depth--;
                    final long c = counts[depth];
                    if (depth == 0) {
                        dims[0] = c;
                        if (rank < 0) {
                            rank = maxArrayDepth + 1;
                        }
                        finish(rank);
                        return target;
                    }
                    if (dims[depth] < 0) {
                        dims[depth] = c;
                    } else if (dims[depth] != c) {
                        throw ragged(p, depth);
                    }
                    break;
                }
                case JsonTokenId.ID_START_OBJECT:
                case JsonTokenId.ID_NUMBER_INT:
                case JsonTokenId.ID_NUMBER_FLOAT:
                case JsonTokenId.ID_STRING:
                case JsonTokenId.ID_TRUE:
                case JsonTokenId.ID_FALSE:
                case JsonTokenId.ID_NULL:
                    if (rank < 0) {
                        if (depth <= maxArrayDepth) {
                            throw ragged(p, depth);
                        }
                        rank = depth;
                    } else if (depth != rank) {
                        throw ragged(p, depth);
                    }
                    if (depth > 0) {
                        counts[depth - 1]++;
                    }
                    element(p, t);
                    if (depth == 0) {
                        finish(0);
                        return target;
                    }
                    break;
                default:
                    throw Json.badRequest(p, "Invalid input. unexpected JSON token");
            }
            t = next(p);
        }
    }

    /**
     * The numeric array at the parser's START_ARRAY read straight from the request bytes by
     * {@link RawArrayScanner}; on success the parser is moved to the closing bracket and reads it
     * as END_ARRAY. False when the scanner abstained (nothing consumed).
     */
    private boolean readRaw(final RawJsonParser p, final Limits limits) throws IOException {
        RawArrayScanner s = raw;
        if (s == null) {
            s = raw = new RawArrayScanner();
        }
        final int levelsLeft = limits.maxNestingDepth() - p.getParsingContext().getNestingDepth() - 1;
        final int close = s.scan(p.rawInput(), p.rawPtr(), p.rawEnd(), kind, out, maxElements, levelsLeft,
            limits.maxNumberLength());
        if (close < 0) {
            return false;
        }
        p.rawSkipTo(close, s.ws);
        if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
            throw new IllegalStateException("the raw scan did not end on the array's closing bracket");
        }
        n = s.count;
        out.setShape(s.rank, s.dims);
        out.setSize(n);
        return true;
    }

    private RawArrayScanner raw;

    private static int next(final JsonParser p) throws IOException {
        if (p.nextToken() == null) {
            throw new com.fasterxml.jackson.core.io.JsonEOFException(p, null, "Unexpected end-of-input");
        }
        return p.currentTokenId();
    }

    /**
     * Reads the scalars of one innermost array; returns the first token it does not consume
     * (END_ARRAY normally; anything else goes back to the general loop, which reports it).
     */
    private int fillRow(final JsonParser p, final int depth) throws IOException {
        final int k = kind;
        final UnsafeBuffer d = data;
        final DecodedTensor o = out;
        long count = 0;
        int t;
        try {
            for (;;) {
                t = next(p);
                if (n >= maxElements) {
                    break;
                }
                if (t == JsonTokenId.ID_NUMBER_FLOAT || t == JsonTokenId.ID_NUMBER_INT) {
                    if (k == K_F32) {
                        final double v = p.getDoubleValue();
                        final float f = (float) v;
                        if (Float.isInfinite(f)) {
                            break;
                        }
                        d.putFloat(o.reserve(4), f, ByteOrder.LITTLE_ENDIAN);
                        n++;
                        count++;
                        continue;
                    }
                    if (k == K_F64) {
                        final double v = p.getDoubleValue();
                        if (Double.isInfinite(v)) {
                            break;
                        }
                        d.putDouble(o.reserve(8), v, ByteOrder.LITTLE_ENDIAN);
                        n++;
                        count++;
                        continue;
                    }
                    if (t == JsonTokenId.ID_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                        final int v = p.getIntValue();
                        switch (k) {
                            case K_U8:
                                if ((v & ~0xFF) != 0) {
                                    break;
                                }
                                d.putByte(o.reserve(1), (byte) v);
                                n++;
                                count++;
                                continue;
                            case K_I32:
                                d.putInt(o.reserve(4), v, ByteOrder.LITTLE_ENDIAN);
                                n++;
                                count++;
                                continue;
                            case K_I64:
                                d.putLong(o.reserve(8), v, ByteOrder.LITTLE_ENDIAN);
                                n++;
                                count++;
                                continue;
                            default:
                                break;
                        }
                    }
                }
                if (t == JsonTokenId.ID_END_ARRAY || t == JsonTokenId.ID_START_ARRAY
                    || t == JsonTokenId.ID_START_OBJECT && rejectObjects) {
                    break;
                }
                if (t == JsonTokenId.ID_START_OBJECT) {
                    break;
                }
                element(p, t);
                count++;
            }
        } finally {
            counts[depth - 1] += count;
        }
        if (t == JsonTokenId.ID_END_ARRAY || t == JsonTokenId.ID_START_ARRAY || t == JsonTokenId.ID_START_OBJECT) {
            return t;
        }
        // a value the fast cases declined (overflow, limit): the general path reports it
        counts[depth - 1]++;
        element(p, t);
        return next(p);
    }

    private void finish(final int rank) {
        out.setShape(rank, dims);
        out.setSize(n);
    }

    private PayloadException ragged(final JsonParser p, final int depth) {
        final StringBuilder sb = new StringBuilder("Invalid input. setting an array element with a sequence. The "
            + "requested array has an inhomogeneous shape after ");
        final int after = Math.max(1, depth);
        sb.append(after).append(" dimensions. The detected shape was (");
        for (int i = 0; i < after; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(i == 0 ? "..." : String.valueOf(dims[i]));
        }
        if (after == 1) {
            sb.append(',');
        }
        sb.append(") + inhomogeneous part.");
        return Json.badRequest(p, sb.toString());
    }

    private void element(final JsonParser p, final int t) throws IOException {
        if (n >= maxElements) {
            throw Json.badRequest(p, "Payload exceeds limit maxElementsPerTensor=" + maxElements);
        }
        try {
            switch (t) {
                case JsonTokenId.ID_NUMBER_FLOAT:
                    putDouble(p.getDoubleValue());
                    break;
                case JsonTokenId.ID_NUMBER_INT:
                    switch (p.getNumberType()) {
                        case INT:
                        case LONG:
                            putLong(p.getLongValue(), false);
                            break;
                        default:
                            putBig(p.getBigIntegerValue());
                            break;
                    }
                    break;
                case JsonTokenId.ID_TRUE:
                    putBool(true);
                    break;
                case JsonTokenId.ID_FALSE:
                    putBool(false);
                    break;
                case JsonTokenId.ID_NULL:
                    putNull();
                    break;
                case JsonTokenId.ID_STRING:
                    if (kind != K_STR || !putChars(p)) {
                        putString(p.getText());
                    }
                    break;
                default:
                    if (rejectObjects) {
                        throw Json.badRequest(p, "Invalid input. unexpected JSON object in a tensor");
                    }
                    putObject(p);
                    break;
            }
        } catch (final NpCast.Refusal e) {
            throw Json.badRequest(p, "Invalid input. " + e.getMessage());
        }
        if (facts.event() != NpCast.Facts.NONE) {
            noted(p);
        }
        n++;
    }

    /**
     * A value the cast stored silently changed (wrapped, truncated, made inf): noted in the request's
     * {@link Deviations} and reported only if the request passes everything MLflow checks, so that
     * MLflow's own error wins whenever MLflow rejects too. numpy's value is stored meanwhile.
     */
    private void noted(final JsonParser p) {
        if (deviations.first() == null) {
            deviations.note(Json.at(p, 400, PayloadException.BAD_REQUEST, "Invalid input. " + facts.sentence(),
                facts.deviation()));
        }
        facts.clear();
    }

    /** Where this reader notes deviations (the request's). */
    public Deviations deviations() {
        return deviations;
    }

    private int idx(final int size) {
        return out.reserve(size);
    }

    /** An integer element (already cast to the dtype's width) written at its width. */
    private void putInteger(final long v) {
        switch (kind) {
            case K_I8:
            case K_U8:
                data.putByte(idx(1), (byte) v);
                return;
            case K_I16:
            case K_U16:
                data.putShort(idx(2), (short) v, ByteOrder.LITTLE_ENDIAN);
                return;
            case K_I32:
            case K_U32:
                data.putInt(idx(4), (int) v, ByteOrder.LITTLE_ENDIAN);
                return;
            default:
                data.putLong(idx(8), v, ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** A float element (already cast) written at its width: float32 and float16 round here. */
    private void putFloating(final double v) {
        switch (kind) {
            case K_F64:
                data.putDouble(idx(8), v, ByteOrder.LITTLE_ENDIAN);
                return;
            case K_F32:
                data.putFloat(idx(4), (float) v, ByteOrder.LITTLE_ENDIAN);
                return;
            default:
                data.putShort(idx(2), io.signet.tensor.TensorView.toFloat16(v), ByteOrder.LITTLE_ENDIAN);
        }
    }

    private void putDouble(final double v) {
        switch (kind) {
            case K_F64:
            case K_F32:
            case K_F16:
                putFloating(NpCast.floatToFloat(v, dtype, facts));
                return;
            case K_BOOL:
                data.putByte(idx(1), (byte) (v != 0.0 ? 1 : 0));
                return;
            case K_STR:
            case K_BYTES:
                putText(PyRepr.floatRepr(v));
                return;
            case K_DT:
            case K_TD:
                throw NpCast.notConvertible(dtype, "float");
            default:
                putInteger(NpCast.floatToInt(v, dtype, facts));
        }
    }

    private void putLong(final long v, final boolean fromBool) {
        switch (kind) {
            case K_F64:
            case K_F32:
            case K_F16:
                putFloating(NpCast.intToFloat(v, dtype, facts));
                return;
            case K_BOOL:
                data.putByte(idx(1), (byte) (v != 0 ? 1 : 0));
                return;
            case K_DT:
            case K_TD:
                // numpy takes ints (and bools) as counts of the unit
                data.putLong(idx(8), v, ByteOrder.LITTLE_ENDIAN);
                return;
            case K_STR:
            case K_BYTES:
                putText(fromBool ? (v != 0 ? "True" : "False") : Long.toString(v));
                return;
            default:
                putInteger(NpCast.intToInt(v, dtype, facts));
        }
    }

    private void putBig(final BigInteger v) {
        switch (kind) {
            case K_F64:
            case K_F32:
            case K_F16:
                putFloating(NpCast.bigToFloat(v, dtype, facts));
                return;
            case K_BOOL:
                data.putByte(idx(1), (byte) (v.signum() != 0 ? 1 : 0));
                return;
            case K_STR:
            case K_BYTES:
                putText(v.toString());
                return;
            case K_DT:
            case K_TD:
                throw NpCast.bigToTime();
            default:
                putInteger(NpCast.bigToInt(v, dtype, facts));
        }
    }

    private void putBool(final boolean b) {
        if (kind == K_BOOL) {
            data.putByte(idx(1), (byte) (b ? 1 : 0));
            return;
        }
        putLong(b ? 1 : 0, true);
    }

    private void putNull() {
        switch (kind) {
            case K_F64:
            case K_F32:
            case K_F16:
                putFloating(Double.NaN);
                return;
            case K_BOOL:
                data.putByte(idx(1), (byte) 0);
                return;
            case K_DT:
            case K_TD:
                data.putLong(idx(8), NpDatetime.NAT, ByteOrder.LITTLE_ENDIAN);
                return;
            case K_STR:
            case K_BYTES:
                putText("None");
                return;
            default:
                throw NpCast.notConvertible(dtype, "NoneType");
        }
    }

    private void putString(final String s) {
        switch (kind) {
            case K_STR:
                putText(s);
                return;
            case K_BYTES:
                NpCast.ascii(s);
                putText(s);
                return;
            case K_BOOL:
                data.putByte(idx(1), (byte) (s.isEmpty() ? 0 : 1));
                return;
            case K_F64:
            case K_F32:
            case K_F16:
                putFloating(NpCast.strToFloat(s, dtype, facts));
                return;
            case K_DT:
                data.putLong(idx(8), NpCast.strToDatetime(s, dtype, facts), ByteOrder.LITTLE_ENDIAN);
                return;
            case K_TD:
                data.putLong(idx(8), NpCast.strToTimedelta(s, dtype, facts), ByteOrder.LITTLE_ENDIAN);
                return;
            default:
                putInteger(NpCast.strToInt(s, dtype, facts));
        }
    }

    /** A JSON object element: numpy sees a dict (its {@code str()} for str and bytes, its truth for bool). */
    private void putObject(final JsonParser p) throws IOException {
        final Object v = PyValueReader.read(p);
        switch (kind) {
            case K_STR:
                putText(PyRepr.str(v));
                return;
            case K_BYTES: {
                final String s = PyRepr.str(v);
                NpCast.ascii(s);
                putText(s);
                return;
            }
            case K_BOOL:
                data.putByte(idx(1), (byte) (((Map<?, ?>) v).isEmpty() ? 0 : 1));
                return;
            default:
                throw NpCast.notConvertible(dtype, "dict");
        }
    }

    /**
     * A str element encoded to UTF-8 straight from Jackson's character buffer (no String); false for
     * a lone surrogate, which {@link #putText} handles as before.
     */
    private boolean putChars(final JsonParser p) throws IOException {
        final char[] ch = p.getTextCharacters();
        final int off = p.getTextOffset();
        final int end = off + p.getTextLength();
        final int at = out.reserve(3 * (end - off));
        final UnsafeBuffer d = data;
        int w = at;
        int chars = 0;
        for (int i = off; i < end; i++) {
            final char c = ch[i];
            chars++;
            if (c < 0x80) {
                d.putByte(w++, (byte) c);
            } else if (c < 0x800) {
                d.putByte(w++, (byte) (0xC0 | (c >> 6)));
                d.putByte(w++, (byte) (0x80 | (c & 0x3F)));
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= end || !Character.isLowSurrogate(ch[i + 1])) {
                    out.dataLength = at;
                    return false;
                }
                final int cp = Character.toCodePoint(c, ch[++i]);
                d.putByte(w++, (byte) (0xF0 | (cp >> 18)));
                d.putByte(w++, (byte) (0x80 | ((cp >> 12) & 0x3F)));
                d.putByte(w++, (byte) (0x80 | ((cp >> 6) & 0x3F)));
                d.putByte(w++, (byte) (0x80 | (cp & 0x3F)));
            } else {
                d.putByte(w++, (byte) (0xE0 | (c >> 12)));
                d.putByte(w++, (byte) (0x80 | ((c >> 6) & 0x3F)));
                d.putByte(w++, (byte) (0x80 | (c & 0x3F)));
            }
        }
        out.dataLength = w;
        out.noteChars(chars);
        out.putOffset(n + 1, w);
        return true;
    }

    private void putText(final String s) {
        final byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.noteChars(s.codePointCount(0, s.length()));
        putBytes(b, b.length);
    }

    private void putBytes(final byte[] b, final int len) {
        if (kind == K_BYTES) {
            out.noteChars(len);
        }
        final int at = out.reserve(len);
        data.putBytes(at, b, 0, len);
        out.putOffset(n + 1, (long) at + len);
    }
}
