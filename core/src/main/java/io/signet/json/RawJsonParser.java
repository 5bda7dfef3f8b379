package io.signet.json;

import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;

/**
 * Jackson's own UTF-8 byte-array parser, with the one extra door a signature-guided reader needs:
 * when a numeric tensor array starts, {@link RawArrayScanner} may read its bytes directly (the
 * signature says what every element must be) and then move the parser to the array's closing
 * bracket, which Jackson reads as the next token and so closes the array context itself. Every
 * other token, every error and every location stays Jackson's.
 *
 * <p>UTF-8 only, every string and name checked as it is met ({@link Utf8JsonParser}): the
 * streaming paths never read a body twice, and numbers, which the raw scanners read, are never
 * rescanned.
 *
 * <p>Public for Signet's own signature-guided readers (the {@code dataframe_split} row scanner);
 * not an API for embedders. Created by {@link Json#rawFactory}.
 */
public final class RawJsonParser extends Utf8JsonParser {
    RawJsonParser(final IOContext ctxt, final int features, final ObjectCodec codec, final ByteQuadsCanonicalizer sym,
                  final byte[] input, final int start, final int end, final Limits limits) {
        super(ctxt, features, codec, sym, input, start, end, true, limits, false);
    }

    public byte[] rawInput() {
        return _inputBuffer;
    }

    /** Index of the next unread byte: right after {@code [} when the current token is START_ARRAY. */
    public int rawPtr() {
        return _inputPtr;
    }

    public int rawEnd() {
        return _inputEnd;
    }

    /**
     * Continues at {@code ptr} (an array's closing bracket), after the line breaks the scanner's
     * {@code skipped} whitespace crossed.
     */
    public void rawSkipTo(final int ptr, final RawWhitespace skipped) {
        _inputPtr = ptr;
        if (skipped.newlines > 0) {
            _currInputRow += skipped.newlines;
            _currInputRowStart = skipped.lineStart;
        }
    }
}
