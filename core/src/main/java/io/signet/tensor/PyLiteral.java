package io.signet.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code ast.literal_eval} on a {@code .npy} header's text, as Python 3.11 (the interpreter of
 * both numpy oracles) decides it: the C tokenizer's rules (indentation of the first token, blank and
 * comment lines, backslash continuations, 200 nested brackets, number and string literal syntax with
 * every escape), the expression grammar, and literal_eval's node rules (one unary sign on a number, a
 * real plus or minus an imaginary constant, {@code set()}, hashable dict keys and set elements).
 *
 * <p>Any construct outside that subset is refused at its position: whether Python would raise
 * {@code SyntaxError}, {@code ValueError} or {@code TypeError} there, numpy refuses the header, so only
 * the verdict and the location matter. Input is an array of code points (at most numpy's 10,000); the
 * parser never recurses deeper than the 200 bracket levels Python allows.
 */
final class PyLiteral {
    /** The largest bracket depth Python's tokenizer accepts (MAXLEVEL). */
    static final int MAX_LEVEL = 200;

    // value types
    static final byte STR = 1;
    static final byte BYTES = 2;
    static final byte INT = 3;
    static final byte BOOL = 4;
    static final byte FLOAT = 5;
    static final byte COMPLEX = 6;
    static final byte NONE = 7;
    static final byte ELLIPSIS = 8;
    static final byte TUPLE = 9;
    static final byte LIST = 10;
    static final byte SET = 11;
    static final byte DICT = 12;
    private static final byte SET_NAME = 13;
    // AST node kinds, for literal_eval's checks
    private static final byte CONST = 1;
    private static final byte UNARY = 2;
    private static final byte BINOP = 3;
    private static final byte DISPLAY = 4;
    private static final byte CALL = 5;
    private static final byte NAME_NODE = 6;

    /** A literal value with the facts the header checks need. */
    static final class Value {
        byte type;
        byte node;
        /** Index of the value's first character in the parsed text. */
        int at;
        String str;
        long intValue;
        /** An int outside the long range (its sign is {@link #intValue}'s). */
        boolean big;
        boolean bool;
        boolean hashable = true;
        /** Elements (TUPLE, LIST, SET) or keys and values interleaved (DICT). */
        List<Value> items;
    }

    /** Python refused the text at index {@code at}. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final int at;

        Refusal(final int at, final String what) {
            super(what, null, false, false);
            this.at = at;
        }
    }

    // token kinds
    private static final int T_END = 0;
    private static final int T_NEWLINE = 1;
    private static final int T_NUMBER = 2;
    private static final int T_STRING = 3;
    private static final int T_NAME = 4;
    private static final int T_OP = 5;
    private static final int T_ELLIPSIS = 6;

    private final int[] t;
    private final int n;
    private int pos;
    private int level;
    private boolean atbol = true;
    // the current token
    private int kind;
    private int start;
    private int end;
    private int op;
    private final Value num = new Value();
    private boolean strBytes;
    private boolean strRaw;
    private boolean strF;
    private int bodyFrom;
    private int bodyTo;

    private PyLiteral(final int[] t, final int n) {
        this.t = t;
        this.n = n;
    }

    /**
     * Evaluates {@code text[0, n)} as {@code ast.literal_eval} does (after its {@code lstrip(" \t")}:
     * pass the stripped text; carriage returns must already be translated to newlines, as Python's
     * string tokenizer does).
     */
    static Value eval(final int[] text, final int n) throws Refusal {
        final PyLiteral p = new PyLiteral(text, n);
        p.advance();
        final Value v = p.value();
        if (p.isOp(',')) {
            throw new Refusal(p.start, "the header is a tuple, not a dict");
        }
        while (p.kind == T_NEWLINE) {
            p.advance();
        }
        if (p.kind != T_END) {
            throw new Refusal(p.start, "unexpected text after the header's literal");
        }
        return v;
    }

    // ---- parser ---------------------------------------------------------------------------------

    private boolean isOp(final int c) {
        return kind == T_OP && op == c;
    }

    private void expect(final int c, final String what) throws Refusal {
        if (!isOp(c)) {
            throw new Refusal(start, "expected " + what);
        }
        advance();
    }

    /** An expression that is a value (the bare name {@code set} is one only when called). */
    private Value value() throws Refusal {
        final Value v = expression();
        if (v.type == SET_NAME) {
            throw new Refusal(v.at, "not a literal: a name");
        }
        return v;
    }

    /** sum: factor (('+' | '-') factor)*, with literal_eval's "real +/- imaginary" rule. */
    private Value expression() throws Refusal {
        Value left = factor();
        while (isOp('+') || isOp('-')) {
            final int at = start;
            advance();
            final Value right = factor();
            final boolean leftOk = (left.node == CONST || left.node == UNARY) && (left.type == INT
                || left.type == FLOAT);
            if (!leftOk || right.node != CONST || right.type != COMPLEX) {
                throw new Refusal(at, "not a literal: only a real number plus or minus an imaginary one is");
            }
            final Value c = new Value();
            c.type = COMPLEX;
            c.node = BINOP;
            c.at = left.at;
            left = c;
        }
        return left;
    }

    private Value factor() throws Refusal {
        if (isOp('+') || isOp('-')) {
            final boolean minus = isOp('-');
            final int at = start;
            advance();
            if (isOp('+') || isOp('-')) {
                throw new Refusal(start, "not a literal: a sign applies to a number only once");
            }
            final Value operand = primary();
            if (operand.node != CONST || (operand.type != INT && operand.type != FLOAT && operand.type != COMPLEX)) {
                throw new Refusal(at, "not a literal: a sign applies to a number only");
            }
            final Value v = new Value();
            v.type = operand.type;
            v.node = UNARY;
            v.at = at;
            if (operand.type == INT) {
                v.big = operand.big || (minus && operand.intValue == Long.MIN_VALUE);
                v.intValue = minus ? -operand.intValue : operand.intValue;
                if (operand.big && minus) {
                    v.intValue = operand.intValue < 0 ? 1 : -1;
                }
            }
            return v;
        }
        return primary();
    }

    private Value primary() throws Refusal {
        Value a = atom();
        while (kind == T_OP && (op == '(' || op == '[' || op == '.')) {
            if (op != '(' || a.type != SET_NAME) {
                throw new Refusal(start, "not a literal: calls, subscripts and attributes are not");
            }
            advance();
            expect(')', "')': only set() is a literal call");
            final Value s = new Value();
            s.type = SET;
            s.node = CALL;
            s.at = a.at;
            s.hashable = false;
            s.items = new ArrayList<>(0);
            a = s;
        }
        return a;
    }

    private Value atom() throws Refusal {
        final int at = start;
        switch (kind) {
            case T_NUMBER: {
                final Value v = new Value();
                v.type = num.type;
                v.node = CONST;
                v.at = at;
                v.intValue = num.intValue;
                v.big = num.big;
                advance();
                return v;
            }
            case T_STRING:
                return strings();
            case T_ELLIPSIS: {
                advance();
                return constant(ELLIPSIS, at);
            }
            case T_NAME: {
                final Value v;
                if (nameIs("True") || nameIs("False")) {
                    v = constant(BOOL, at);
                    v.bool = nameIs("True");
                } else if (nameIs("None")) {
                    v = constant(NONE, at);
                } else if (nameIs("set")) {
                    v = constant(SET_NAME, at);
                    v.node = NAME_NODE;
                } else {
                    throw new Refusal(at, "not a literal: a name or keyword");
                }
                advance();
                return v;
            }
            case T_OP:
                if (op == '(') {
                    return parenthesized(at);
                }
                if (op == '[') {
                    advance();
                    final Value v = display(LIST, at);
                    elements(v, ']');
                    return v;
                }
                if (op == '{') {
                    return braces(at);
                }
                throw new Refusal(at, "expected a value");
            default:
                throw new Refusal(at, kind == T_END ? "the header ends inside its literal" : "expected a value");
        }
    }

    private boolean nameIs(final String s) {
        if (end - start != s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (t[start + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static Value constant(final byte type, final int at) {
        final Value v = new Value();
        v.type = type;
        v.node = CONST;
        v.at = at;
        return v;
    }

    private static Value display(final byte type, final int at) {
        final Value v = new Value();
        v.type = type;
        v.node = DISPLAY;
        v.at = at;
        v.hashable = type == TUPLE;
        v.items = new ArrayList<>();
        return v;
    }

    private Value parenthesized(final int at) throws Refusal {
        advance();
        if (isOp(')')) {
            advance();
            return display(TUPLE, at);
        }
        final Value first = expression();
        if (isOp(')')) {
            advance();
            return first; // parentheses make no node: (set)() is a call of set
        }
        if (first.type == SET_NAME) {
            throw new Refusal(first.at, "not a literal: a name");
        }
        if (!isOp(',')) {
            throw new Refusal(start, "expected ',' or ')'");
        }
        final Value v = display(TUPLE, at);
        v.items.add(first);
        v.hashable = first.hashable;
        while (isOp(',')) {
            advance();
            if (isOp(')')) {
                break;
            }
            final Value e = value();
            v.items.add(e);
            v.hashable &= e.hashable;
        }
        expect(')', "',' or ')'");
        return v;
    }

    /** Comma-separated expressions up to {@code close} (the opener is consumed), a trailing comma allowed. */
    private void elements(final Value v, final int close) throws Refusal {
        while (!isOp(close)) {
            final Value e = value();
            if (v.type == SET && !e.hashable) {
                throw new Refusal(e.at, "unhashable set element");
            }
            v.items.add(e);
            if (!isOp(',')) {
                break;
            }
            advance();
        }
        expect(close, "',' or '" + (char) close + "'");
    }

    private Value braces(final int at) throws Refusal {
        advance();
        if (isOp('}')) {
            advance();
            return display(DICT, at);
        }
        final Value first = value();
        if (!isOp(':')) {
            final Value s = display(SET, at);
            if (!first.hashable) {
                throw new Refusal(first.at, "unhashable set element");
            }
            s.items.add(first);
            if (isOp(',')) {
                advance();
                elements(s, '}');
            } else {
                expect('}', "',' or '}'");
            }
            return s;
        }
        final Value d = display(DICT, at);
        Value key = first;
        while (true) {
            expect(':', "':'");
            if (!key.hashable) {
                throw new Refusal(key.at, "unhashable dict key");
            }
            d.items.add(key);
            d.items.add(value());
            if (!isOp(',')) {
                break;
            }
            advance();
            if (isOp('}')) {
                break;
            }
            key = value();
        }
        expect('}', "',' or '}'");
        return d;
    }

    /** Adjacent string literals concatenated; bytes and str do not mix; f-strings are not literals. */
    private Value strings() throws Refusal {
        final int at = start;
        final boolean bytes = strBytes;
        final StringBuilder sb = new StringBuilder();
        boolean f = false;
        while (kind == T_STRING) {
            if (strBytes != bytes) {
                throw new Refusal(start, "cannot mix bytes and nonbytes literals");
            }
            f |= strF;
            decode(sb);
            advance();
        }
        if (f) {
            throw new Refusal(at, "not a literal: an f-string");
        }
        final Value v = constant(bytes ? BYTES : STR, at);
        v.str = sb.toString();
        return v;
    }

    /** The current string token's value appended to {@code sb} (bytes as chars 0-255). */
    private void decode(final StringBuilder sb) throws Refusal {
        if (strBytes) {
            for (int i = bodyFrom; i < bodyTo; i++) {
                if (t[i] >= 0x80) {
                    throw new Refusal(i, "bytes can only contain ASCII literal characters");
                }
            }
        }
        if (strRaw) {
            for (int i = bodyFrom; i < bodyTo; i++) {
                sb.appendCodePoint(t[i]);
            }
            return;
        }
        int i = bodyFrom;
        while (i < bodyTo) {
            final int c = t[i];
            if (c != '\\') {
                sb.appendCodePoint(c);
                i++;
                continue;
            }
            final int e = t[i + 1]; // a string body never ends in an unpaired backslash
            i += 2;
            switch (e) {
                case '\n':
                    break;
                case '\\':
                case '\'':
                case '"':
                    sb.append((char) e);
                    break;
                case 'a':
                    sb.append('\u0007');
                    break;
                case 'b':
                    sb.append('\b');
                    break;
                case 'f':
                    sb.append('\f');
                    break;
                case 'n':
                    sb.append('\n');
                    break;
                case 'r':
                    sb.append('\r');
                    break;
                case 't':
                    sb.append('\t');
                    break;
                case 'v':
                    sb.append('\u000b');
                    break;
                case 'x':
                    sb.appendCodePoint(hex(i, 2, "\\xXX"));
                    i += 2;
                    break;
                default:
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        int k = 0;
                        while (k < 2 && i < bodyTo && t[i] >= '0' && t[i] <= '7') {
                            v = v * 8 + t[i] - '0';
                            i++;
                            k++;
                        }
                        sb.appendCodePoint(strBytes ? v & 0xFF : v);
                    } else if (!strBytes && e == 'u') {
                        sb.appendCodePoint(hex(i, 4, "\\uXXXX"));
                        i += 4;
                    } else if (!strBytes && e == 'U') {
                        final int cp = hex(i, 8, "\\UXXXXXXXX");
                        if (cp < 0 || cp > Character.MAX_CODE_POINT) {
                            throw new Refusal(i - 2, "illegal Unicode character in a \\U escape");
                        }
                        sb.appendCodePoint(cp);
                        i += 8;
                    } else if (!strBytes && e == 'N') {
                        i = named(sb, i);
                    } else {
                        sb.append('\\').appendCodePoint(e); // an invalid escape stays as it is
                    }
                    break;
            }
        }
    }

    private int hex(final int at, final int digits, final String form) throws Refusal {
        long v = 0;
        for (int k = 0; k < digits; k++) {
            final int c = at + k < bodyTo ? t[at + k] : -1;
            final int d = Character.digit(c, 16);
            if (c < 0 || c > 0x7f || d < 0) {
                throw new Refusal(at - 2, "truncated " + form + " escape");
            }
            v = v * 16 + d;
        }
        return v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    /** {@code \N{name}}: names Java knows for a non-control character (Python's aliases are refused). */
    private int named(final StringBuilder sb, final int at) throws Refusal {
        if (at >= bodyTo || t[at] != '{') {
            throw new Refusal(at - 2, "malformed \\N character escape");
        }
        int close = at + 1;
        while (close < bodyTo && t[close] != '}') {
            close++;
        }
        if (close >= bodyTo || close == at + 1 || close - at > 256) {
            throw new Refusal(at - 2, "malformed \\N character escape");
        }
        final String name = new String(t, at + 1, close - at - 1);
        int cp = -1;
        if (name.strip().equals(name)) {
            try {
                cp = Character.codePointOf(name);
            } catch (final IllegalArgumentException e) {
                cp = -1;
            }
        }
        if (cp < 0 || Character.getType(cp) == Character.CONTROL) {
            throw new Refusal(at - 2, "unknown Unicode character name");
        }
        sb.appendCodePoint(cp);
        return close + 1;
    }

    // ---- tokenizer (Python's C tokenizer, for the literal subset) -------------------------------

    private int peek(final int k) {
        return pos + k < n ? t[pos + k] : -1;
    }

    private void advance() throws Refusal {
        while (true) {
            boolean blank = false;
            if (atbol) {
                atbol = false;
                int col = 0;
                int contCol = 0;
                while (true) {
                    final int c = peek(0);
                    if (c == ' ') {
                        col++;
                    } else if (c == '\t') {
                        col = (col / 8 + 1) * 8;
                    } else if (c == '\f') {
                        col = 0;
                    } else if (c == '\\') {
                        contCol = contCol != 0 ? contCol : col;
                        continuation();
                        continue;
                    } else {
                        break;
                    }
                    pos++;
                }
                final int c = peek(0);
                blank = c == '#' || c == '\n';
                if (!blank && level == 0 && (contCol != 0 ? contCol : col) != 0) {
                    throw new Refusal(Math.min(pos, n - 1), "unexpected indent");
                }
            }
            int c = skipSpaces();
            if (c == '#') {
                while (pos < n && t[pos] != '\n') {
                    pos++;
                }
                c = peek(0);
            }
            start = pos;
            if (c < 0) {
                if (level > 0) {
                    throw new Refusal(Math.max(0, n - 1), "the header ends inside brackets");
                }
                kind = T_END;
                end = pos;
                return;
            }
            if (c == '\n') {
                pos++;
                atbol = true;
                if (blank || level > 0) {
                    continue;
                }
                kind = T_NEWLINE;
                end = pos;
                return;
            }
            token(c);
            return;
        }
    }

    private int skipSpaces() throws Refusal {
        while (true) {
            final int c = peek(0);
            if (c == ' ' || c == '\t' || c == '\f') {
                pos++;
            } else if (c == '\\') {
                continuation();
            } else {
                return c;
            }
        }
    }

    /** A backslash: the line continues (a newline must follow, and something after it). */
    private void continuation() throws Refusal {
        final int at = pos;
        if (peek(1) != '\n') {
            throw new Refusal(at, "unexpected character after line continuation character");
        }
        if (peek(2) < 0) {
            throw new Refusal(at, "unexpected end after line continuation character");
        }
        pos += 2;
    }

    private void token(final int c) throws Refusal {
        if (isIdentifierStart(c)) {
            // string prefixes: b, r, u, f and their combinations, as Python's tokenizer takes them
            boolean b = false;
            boolean r = false;
            boolean u = false;
            boolean f = false;
            int p = pos;
            while (p < n) {
                final int x = t[p];
                if (!(b || u || f) && (x == 'b' || x == 'B')) {
                    b = true;
                } else if (!(b || u || r || f) && (x == 'u' || x == 'U')) {
                    u = true;
                } else if (!(r || u) && (x == 'r' || x == 'R')) {
                    r = true;
                } else if (!(f || b || u) && (x == 'f' || x == 'F')) {
                    f = true;
                } else {
                    break;
                }
                p++;
                if (p < n && (t[p] == '"' || t[p] == '\'')) {
                    pos = p;
                    string(b, r, f);
                    return;
                }
            }
            int q = pos;
            while (q < n && isIdentifierChar(t[q])) {
                if (t[q] >= 0x80) {
                    throw new Refusal(q, "not a literal: a non-ASCII name");
                }
                q++;
            }
            kind = T_NAME;
            end = q;
            pos = q;
            return;
        }
        if (c >= '0' && c <= '9' || c == '.' && peek(1) >= '0' && peek(1) <= '9') {
            number();
            return;
        }
        if (c == '.' && peek(1) == '.' && peek(2) == '.') {
            kind = T_ELLIPSIS;
            pos += 3;
            end = pos;
            return;
        }
        if (c == '\'' || c == '"') {
            string(false, false, false);
            return;
        }
        switch (c) {
            case '(':
            case '[':
            case '{':
                if (level >= MAX_LEVEL) {
                    throw new Refusal(pos, "too many nested parentheses (Python allows " + MAX_LEVEL + ")");
                }
                level++;
                break;
            case ')':
            case ']':
            case '}':
                if (level == 0) {
                    throw new Refusal(pos, "unmatched '" + (char) c + "'");
                }
                level--;
                break;
            case ',':
            case ':':
            case '+':
            case '-':
                break;
            default:
                throw new Refusal(pos, c < 0x20 || c == 0x7f || c >= 0x80 && c <= 0xa0
                    ? "invalid character U+" + String.format("%04X", c) : "not a literal: '" + (char) c + "'");
        }
        kind = T_OP;
        op = c;
        pos++;
        end = pos;
    }

    private static boolean isIdentifierStart(final int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80;
    }

    private static boolean isIdentifierChar(final int c) {
        return isIdentifierStart(c) || c >= '0' && c <= '9';
    }

    private void string(final boolean b, final boolean r, final boolean f) throws Refusal {
        final int quote = t[pos];
        final int at = start;
        int p = pos + 1;
        int size = 1;
        if (p + 1 < n && t[p] == quote && t[p + 1] == quote) {
            size = 3;
            p += 2;
        }
        final int from = p;
        int closing = 0;
        while (closing != size) {
            if (p >= n) {
                throw new Refusal(at, size == 3 ? "unterminated triple-quoted string" : "unterminated string");
            }
            final int c = t[p++];
            if (size == 1 && c == '\n') {
                throw new Refusal(at, "unterminated string");
            }
            if (c == quote) {
                closing++;
            } else {
                closing = 0;
                if (c == '\\') {
                    p++;
                }
            }
        }
        if (p > n) {
            throw new Refusal(at, "unterminated string");
        }
        kind = T_STRING;
        strBytes = b;
        strRaw = r;
        strF = f;
        bodyFrom = from;
        bodyTo = p - size;
        pos = p;
        end = p;
    }

    /** Python's number literal syntax; ints keep their value (or "big"), floats and imaginaries their type. */
    private void number() throws Refusal {
        final int at = pos;
        num.type = INT;
        num.big = false;
        num.intValue = 0;
        int c = t[pos];
        if (c == '0' && (peek(1) == 'x' || peek(1) == 'X' || peek(1) == 'o' || peek(1) == 'O' || peek(1) == 'b'
            || peek(1) == 'B')) {
            final int radix = peek(1) == 'x' || peek(1) == 'X' ? 16 : peek(1) == 'o' || peek(1) == 'O' ? 8 : 2;
            pos += 2;
            int digits = 0;
            while (true) {
                if (peek(0) == '_') {
                    pos++;
                }
                final int d = digitOf(peek(0), radix);
                if (d < 0) {
                    if (digits == 0 || t[pos - 1] == '_') {
                        throw new Refusal(at, "invalid " + (radix == 16 ? "hexadecimal" : radix == 8 ? "octal"
                            : "binary") + " literal");
                    }
                    break;
                }
                accumulate(d, radix);
                digits++;
                pos++;
            }
            if (peek(0) >= '0' && peek(0) <= '9') {
                throw new Refusal(pos, "invalid digit in a " + radix + "-based literal");
            }
            endOfNumber(at);
            return;
        }
        boolean fraction = false;
        if (c == '.') {
            fraction = true;
        } else {
            // integer part: a run of digits with single underscores between them
            final int intFrom = pos;
            decimalTail(at);
            final boolean leadingZeros = t[intFrom] == '0' && hasNonZero(intFrom, pos);
            c = peek(0);
            if (c == '.') {
                fraction = true;
            } else if (c == 'e' || c == 'E' || c == 'j' || c == 'J') {
                // a float or an imaginary: leading zeros are fine there
            } else {
                if (leadingZeros) {
                    throw new Refusal(at, "leading zeros in decimal integer literals are not permitted");
                }
                for (int i = intFrom; i < pos; i++) {
                    if (t[i] != '_') {
                        accumulate(t[i] - '0', 10);
                    }
                }
                endOfNumber(at);
                return;
            }
        }
        num.type = FLOAT;
        if (fraction) {
            pos++; // '.'
            if (peek(0) >= '0' && peek(0) <= '9') {
                decimalTail(at);
            }
        }
        c = peek(0);
        if (c == 'e' || c == 'E') {
            final int sign = peek(1);
            final int digit = sign == '+' || sign == '-' ? peek(2) : sign;
            if (digit >= '0' && digit <= '9') {
                pos += sign == '+' || sign == '-' ? 2 : 1;
                decimalTail(at);
            } else if (sign == '+' || sign == '-') {
                throw new Refusal(at, "invalid decimal literal");
            } else {
                // "1e" is the number 1 followed by a name: invalid unless the name ends the number
                if (isIdentifierChar(peek(0))) {
                    throw new Refusal(at, "invalid decimal literal");
                }
            }
        }
        if (peek(0) == 'j' || peek(0) == 'J') {
            pos++;
            num.type = COMPLEX;
        }
        endOfNumber(at);
    }

    private boolean hasNonZero(final int from, final int to) {
        for (int i = from; i < to; i++) {
            if (t[i] != '0' && t[i] != '_') {
                return true;
            }
        }
        return false;
    }

    /** Digits with single underscores between them (the first digit is at pos). */
    private void decimalTail(final int at) throws Refusal {
        while (true) {
            while (peek(0) >= '0' && peek(0) <= '9') {
                pos++;
            }
            if (peek(0) != '_') {
                return;
            }
            pos++;
            if (!(peek(0) >= '0' && peek(0) <= '9')) {
                throw new Refusal(at, "invalid decimal literal");
            }
        }
    }

    private static int digitOf(final int c, final int radix) {
        if (c < 0 || c > 0x7f) {
            return -1;
        }
        final int d = Character.digit(c, 16);
        return d >= 0 && d < radix ? d : -1;
    }

    private void accumulate(final int d, final int radix) {
        if (num.big) {
            return;
        }
        if (num.intValue > (Long.MAX_VALUE - d) / radix) {
            num.big = true;
            num.intValue = 1; // positive and too large
            return;
        }
        num.intValue = num.intValue * radix + d;
    }

    /** A number directly followed by a name character is invalid (or a keyword after it: not a literal). */
    private void endOfNumber(final int at) throws Refusal {
        if (isIdentifierChar(peek(0))) {
            throw new Refusal(at, "invalid number literal");
        }
        kind = T_NUMBER;
        start = at;
        end = pos;
    }
}
