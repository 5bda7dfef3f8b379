package io.signet.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * numpy 1.24's {@code _filter_header} for version 1.0 and 2.0 headers: Python's pure tokenizer
 * ({@code tokenize.generate_tokens}), the Python 2 {@code L} suffix dropped after numbers, and
 * {@code tokenize.untokenize} in full mode. numpy 1.24 parses the text this returns, not the header
 * itself; numpy 2.3 parses the header first and this text only after a {@code SyntaxError}, so a
 * header both accept is one whose filtered text parses (see {@link NpyHeaderParser}).
 *
 * <p>The round trip is not the identity: whitespace between tokens becomes spaces (a form feed that
 * Python's C tokenizer reads as an indentation reset becomes an indentation), a last line of only
 * whitespace is dropped, backslash continuations are rewritten, and a line starting with a carriage
 * return is one token whose position makes {@code untokenize} fail when Python appends the implicit
 * final NEWLINE. Those quirks decide numpy 1.24's verdict, so they are ported as they are, with the
 * Python source's structure (tokenize.py of Python 3.11, the interpreter numpy 1.24 runs on in Debian).
 *
 * <p>Each output character remembers the input index it came from ({@link #source}), for error
 * offsets. Inputs are at most {@code maxHeaderChars} long, so the token list is small.
 */
final class PyTokenizeFilter {
    // token types
    private static final int NUMBER = 1;
    private static final int NEWLINE = 2;
    private static final int NL = 3;
    private static final int COMMENT = 4;
    private static final int STRING = 5;
    private static final int NAME = 6;
    private static final int OP = 7;
    private static final int ERRORTOKEN = 8;
    private static final int INDENT = 9;
    private static final int DEDENT = 10;
    private static final int ENDMARKER = 11;
    private static final int TABSIZE = 8;

    private static final String[] PREFIXES = {"", "B", "BR", "Br", "F", "FR", "Fr", "R", "RB", "RF", "Rb", "Rf",
        "U", "b", "bR", "br", "f", "fR", "fr", "r", "rB", "rF", "rb", "rf", "u"};
    private static final Pattern PSEUDO_TOKEN;
    private static final java.util.Set<String> TRIPLE_QUOTED = new java.util.HashSet<>();
    private static final java.util.Set<String> SINGLE_QUOTED = new java.util.HashSet<>();
    private static final Pattern SINGLE = Pattern.compile("[^'\\\\]*(?:\\\\.[^'\\\\]*)*'", Pattern.DOTALL);
    private static final Pattern DOUBLE = Pattern.compile("[^\"\\\\]*(?:\\\\.[^\"\\\\]*)*\"", Pattern.DOTALL);
    private static final Pattern SINGLE3 = Pattern.compile("[^'\\\\]*(?:(?:\\\\.|'(?!''))[^'\\\\]*)*'''",
        Pattern.DOTALL);
    private static final Pattern DOUBLE3 = Pattern.compile("[^\"\\\\]*(?:(?:\\\\.|\"(?!\"\"))[^\"\\\\]*)*\"\"\"",
        Pattern.DOTALL);

    static {
        for (final String p : PREFIXES) {
            TRIPLE_QUOTED.add(p + "'''");
            TRIPLE_QUOTED.add(p + "\"\"\"");
            SINGLE_QUOTED.add(p + "'");
            SINGLE_QUOTED.add(p + "\"");
        }
        final String whitespace = "[ \\f\\t]*";
        final String comment = "#[^\\r\\n]*";
        final String name = "\\w+";
        final String hex = "0[xX](?:_?[0-9a-fA-F])+";
        final String bin = "0[bB](?:_?[01])+";
        final String oct = "0[oO](?:_?[0-7])+";
        final String dec = "(?:0(?:_?0)*|[1-9](?:_?[0-9])*)";
        final String intnumber = group(hex, bin, oct, dec);
        final String exponent = "[eE][-+]?[0-9](?:_?[0-9])*";
        final String pointfloat = group("[0-9](?:_?[0-9])*\\.(?:[0-9](?:_?[0-9])*)?", "\\.[0-9](?:_?[0-9])*")
            + maybe(exponent);
        final String expfloat = "[0-9](?:_?[0-9])*" + exponent;
        final String floatnumber = group(pointfloat, expfloat);
        final String imagnumber = group("[0-9](?:_?[0-9])*[jJ]", floatnumber + "[jJ]");
        final String number = group(imagnumber, floatnumber, intnumber);
        final String prefix = group(PREFIXES);
        final String triple = group(prefix + "'''", prefix + "\"\"\"");
        final String[] ops = {"~", "}", "|=", "|", "{", "^=", "^", "]", "[", "@=", "@", ">>=", ">>", ">=", ">", "==",
            "=", "<=", "<<=", "<<", "<", ";", ":=", ":", "/=", "//=", "//", "/", "...", ".", "->", "-=", "-", ",",
            "+=", "+", "*=", "**=", "**", "*", ")", "(", "&=", "&", "%=", "%", "!="};
        final String[] quoted = new String[ops.length];
        for (int i = 0; i < ops.length; i++) {
            quoted[i] = Pattern.quote(ops[i]);
        }
        final String funny = group("\\r?\\n", group(quoted));
        final String contStr = group(prefix + "'[^\\n'\\\\]*(?:\\\\.[^\\n'\\\\]*)*" + group("'", "\\\\\\r?\\n"),
            prefix + "\"[^\\n\"\\\\]*(?:\\\\.[^\\n\"\\\\]*)*" + group("\"", "\\\\\\r?\\n"));
        final String pseudoExtras = group("\\\\\\r?\\n|\\z", comment, triple);
        PSEUDO_TOKEN = Pattern.compile(whitespace + group(pseudoExtras, number, funny, contStr, name),
            Pattern.UNICODE_CHARACTER_CLASS | Pattern.DOTALL);
    }

    private static String group(final String... choices) {
        return "(" + String.join("|", choices) + ")";
    }

    private static String maybe(final String choice) {
        return group(choice) + "?";
    }

    /** A token: a slice {@code [from, to)} of the input, at Python's (row, column) positions. */
    private static final class Tok {
        final int type;
        final int srow;
        final int scol;
        final int erow;
        final int ecol;
        final int from;
        final int to;

        Tok(final int type, final int srow, final int scol, final int erow, final int ecol, final int from,
            final int to) {
            this.type = type;
            this.srow = srow;
            this.scol = scol;
            this.erow = erow;
            this.ecol = ecol;
            this.from = from;
            this.to = to;
        }
    }

    /** Python raised (TokenError, IndentationError, or untokenize's ValueError) at input index {@code at}. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final int at;

        Failure(final int at, final String what) {
            super(what, null, false, false);
            this.at = at;
        }
    }

    private final char[] in;
    private final int n;
    private final List<Tok> toks = new ArrayList<>();
    private char[] out;
    private int[] src;
    private int len;

    private PyTokenizeFilter(final char[] in, final int n) {
        this.in = in;
        this.n = n;
        this.out = new char[n + 16];
        this.src = new int[n + 16];
    }

    /**
     * Runs the filter over {@code in[0, n)} (a latin-1 decoded header).
     *
     * @return the filtered text; {@code source(i)} maps its characters back to input indices
     */
    static PyTokenizeFilter run(final char[] in, final int n) throws Failure {
        final PyTokenizeFilter f = new PyTokenizeFilter(in, n);
        f.tokenize();
        f.untokenize();
        return f;
    }

    char[] text() {
        return out;
    }

    int length() {
        return len;
    }

    /** The input index the output character {@code i} came from (the next token's start for added spaces). */
    int source(final int i) {
        return src[i];
    }

    // ---- tokenize.py _tokenize -------------------------------------------------------------------

    // Long on purpose: a line-for-line port of CPython's tokenize.py _tokenize (one loop, shared state: line,
    // paren level, continued strings and lines), kept in that shape so it reads against the original; split,
    // the state would move into fields and the correspondence would be lost.
    private void tokenize() throws Failure {
        int lnum = 0;
        int parenlev = 0;
        boolean continued = false;
        // a string continued over lines: its start, end pattern, and whether it needs a backslash
        int contFrom = -1;
        int contRow = 0;
        int contCol = 0;
        Pattern endprog = null;
        boolean needcont = false;
        final List<Integer> indents = new ArrayList<>();
        indents.add(0);
        int lineStart = 0;
        int lineEnd = 0; // exclusive; the line includes its '\n'
        int lastStart = 0;
        int lastEnd = 0;
        final String whole = new String(in, 0, n);
        final Matcher m = PSEUDO_TOKEN.matcher(whole);
        while (true) {
            lastStart = lineStart;
            lastEnd = lineEnd;
            lineStart = lineEnd;
            lineEnd = lineStart;
            while (lineEnd < n && in[lineEnd] != '\n') {
                lineEnd++;
            }
            if (lineEnd < n) {
                lineEnd++;
            }
            final int max = lineEnd - lineStart;
            lnum++;
            int pos = 0;
            if (contFrom >= 0) {
                if (max == 0) {
                    throw new Failure(contFrom, "EOF in multi-line string");
                }
                final Matcher e = endprog.matcher(whole).region(lineStart, lineEnd);
                if (e.lookingAt()) {
                    pos = e.end() - lineStart;
                    toks.add(new Tok(STRING, contRow, contCol, lnum, pos, contFrom, lineStart + pos));
                    contFrom = -1;
                    needcont = false;
                } else if (needcont && !endsWith(lineStart, lineEnd, "\\\n") && !endsWith(lineStart, lineEnd, "\\\r\n")) {
                    toks.add(new Tok(ERRORTOKEN, contRow, contCol, lnum, max, contFrom, lineEnd));
                    contFrom = -1;
                    continue;
                } else {
                    continue;
                }
            } else if (parenlev == 0 && !continued) {
                if (max == 0) {
                    break;
                }
                int column = 0;
                while (pos < max) {
                    final char c = in[lineStart + pos];
                    if (c == ' ') {
                        column++;
                    } else if (c == '\t') {
                        column = (column / TABSIZE + 1) * TABSIZE;
                    } else if (c == '\f') {
                        column = 0;
                    } else {
                        break;
                    }
                    pos++;
                }
                if (pos == max) {
                    break;
                }
                final char c = in[lineStart + pos];
                if (c == '#' || c == '\r' || c == '\n') {
                    if (c == '#') {
                        int end = lineEnd;
                        while (end > lineStart + pos && (in[end - 1] == '\r' || in[end - 1] == '\n')) {
                            end--;
                        }
                        toks.add(new Tok(COMMENT, lnum, pos, lnum, end - lineStart, lineStart + pos, end));
                        pos = end - lineStart;
                    }
                    toks.add(new Tok(NL, lnum, pos, lnum, max, lineStart + pos, lineEnd));
                    continue;
                }
                if (column > indents.get(indents.size() - 1)) {
                    indents.add(column);
                    toks.add(new Tok(INDENT, lnum, 0, lnum, pos, lineStart, lineStart + pos));
                }
                while (column < indents.get(indents.size() - 1)) {
                    if (!indents.contains(column)) {
                        throw new Failure(lineStart + pos, "unindent does not match any outer indentation level");
                    }
                    indents.remove(indents.size() - 1);
                    toks.add(new Tok(DEDENT, lnum, pos, lnum, pos, lineStart + pos, lineStart + pos));
                }
            } else {
                if (max == 0) {
                    throw new Failure(Math.max(0, n - 1), "EOF in multi-line statement");
                }
                continued = false;
            }
            while (pos < max) {
                m.region(lineStart + pos, lineEnd);
                if (m.lookingAt()) {
                    final int start = m.start(1) - lineStart;
                    final int end = m.end(1) - lineStart;
                    pos = end;
                    if (start == end) {
                        continue;
                    }
                    final int from = lineStart + start;
                    final int to = lineStart + end;
                    final char initial = in[from];
                    final String token = whole.substring(from, to);
                    if ((initial >= '0' && initial <= '9')
                        || (initial == '.' && !token.equals(".") && !token.equals("..."))) {
                        toks.add(new Tok(NUMBER, lnum, start, lnum, end, from, to));
                    } else if (initial == '\r' || initial == '\n') {
                        toks.add(new Tok(parenlev > 0 ? NL : NEWLINE, lnum, start, lnum, end, from, to));
                    } else if (initial == '#') {
                        toks.add(new Tok(COMMENT, lnum, start, lnum, end, from, to));
                    } else if (isTripleQuoted(token)) {
                        endprog = token.endsWith("'''") ? SINGLE3 : DOUBLE3;
                        final Matcher e = endprog.matcher(whole).region(lineStart + pos, lineEnd);
                        if (e.lookingAt()) {
                            pos = e.end() - lineStart;
                            toks.add(new Tok(STRING, lnum, start, lnum, pos, from, lineStart + pos));
                        } else {
                            contFrom = from;
                            contRow = lnum;
                            contCol = start;
                            break;
                        }
                    } else if (isSingleQuoteStart(token)) {
                        if (token.charAt(token.length() - 1) == '\n') {
                            contFrom = from;
                            contRow = lnum;
                            contCol = start;
                            endprog = quoteOf(token) == '\'' ? SINGLE : DOUBLE;
                            needcont = true;
                            break;
                        }
                        toks.add(new Tok(STRING, lnum, start, lnum, end, from, to));
                    } else if (Character.isUnicodeIdentifierStart(initial) || initial == '_') {
                        toks.add(new Tok(NAME, lnum, start, lnum, end, from, to));
                    } else if (initial == '\\') {
                        continued = true;
                    } else {
                        if (initial == '(' || initial == '[' || initial == '{') {
                            parenlev++;
                        } else if (initial == ')' || initial == ']' || initial == '}') {
                            parenlev--;
                        }
                        toks.add(new Tok(OP, lnum, start, lnum, end, from, to));
                    }
                } else {
                    toks.add(new Tok(ERRORTOKEN, lnum, pos, lnum, pos + 1, lineStart + pos, lineStart + pos + 1));
                    pos++;
                }
            }
        }
        // the implicit NEWLINE when the input does not end in one
        if (lastEnd > lastStart && in[lastEnd - 1] != '\r' && in[lastEnd - 1] != '\n' && !strippedStartsWithHash(lastStart,
            lastEnd)) {
            final int w = lastEnd - lastStart;
            toks.add(new Tok(NEWLINE, lnum - 1, w, lnum - 1, w + 1, lastEnd, lastEnd));
        }
        for (int i = 1; i < indents.size(); i++) {
            toks.add(new Tok(DEDENT, lnum, 0, lnum, 0, n, n));
        }
        toks.add(new Tok(ENDMARKER, lnum, 0, lnum, 0, n, n));
    }

    private boolean endsWith(final int from, final int to, final String s) {
        if (to - from < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (in[to - s.length() + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@code last_line.strip().startswith("#")} with Python's str.isspace for latin-1. */
    private boolean strippedStartsWithHash(final int from, final int to) {
        for (int i = from; i < to; i++) {
            if (!isPySpace(in[i])) {
                return in[i] == '#';
            }
        }
        return false;
    }

    private static boolean isPySpace(final char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f) || c == 0x85 || c == 0xa0
            || (c > 0xff && Character.isWhitespace(c));
    }

    private static boolean isTripleQuoted(final String token) {
        return TRIPLE_QUOTED.contains(token);
    }

    /** {@code initial in single_quoted or token[:2] in single_quoted or token[:3] in single_quoted}. */
    private static boolean isSingleQuoteStart(final String token) {
        for (int k = 1; k <= 3 && k <= token.length(); k++) {
            if (SINGLE_QUOTED.contains(token.substring(0, k))) {
                return true;
            }
        }
        return false;
    }

    private static char quoteOf(final String token) {
        for (int i = 0; i < token.length(); i++) {
            final char c = token.charAt(i);
            if (c == '\'' || c == '"') {
                return c;
            }
        }
        return '\'';
    }

    // ---- numpy's _filter_header and tokenize.py Untokenizer.untokenize ----------------------------

    private void untokenize() throws Failure {
        final List<Tok> indents = new ArrayList<>();
        boolean startline = false;
        boolean lastWasNumber = false;
        int prevRow = 1;
        int prevCol = 0;
        for (final Tok t : toks) {
            if (lastWasNumber && t.type == NAME && t.to - t.from == 1 && in[t.from] == 'L') {
                continue; // numpy's loop skips its update here: "1 L L" loses both
            }
            lastWasNumber = t.type == NUMBER;
            if (t.type == ENDMARKER) {
                break;
            }
            if (t.type == INDENT) {
                indents.add(t);
                continue;
            } else if (t.type == DEDENT) {
                indents.remove(indents.size() - 1);
                prevRow = t.erow;
                prevCol = t.ecol;
                continue;
            } else if (t.type == NEWLINE || t.type == NL) {
                startline = true;
            } else if (startline && !indents.isEmpty()) {
                final Tok indent = indents.get(indents.size() - 1);
                if (t.scol >= indent.to - indent.from) {
                    append(indent.from, indent.to);
                    prevCol = indent.to - indent.from;
                }
                startline = false;
            }
            // add_whitespace
            if (t.srow < prevRow || t.srow == prevRow && t.scol < prevCol) {
                throw new Failure(Math.min(t.from, n - 1), "untokenize: start (" + t.srow + "," + t.scol
                    + ") precedes previous end (" + prevRow + "," + prevCol + ")");
            }
            final int rowOffset = t.srow - prevRow;
            for (int i = 0; i < rowOffset; i++) {
                put('\\', t.from);
                put('\n', t.from);
            }
            if (rowOffset != 0) {
                prevCol = 0;
            }
            for (int i = prevCol; i < t.scol; i++) {
                put(' ', t.from);
            }
            append(t.from, t.to);
            prevRow = t.erow;
            prevCol = t.ecol;
            if (t.type == NEWLINE || t.type == NL) {
                prevRow++;
                prevCol = 0;
            }
        }
    }

    private void append(final int from, final int to) {
        for (int i = from; i < to; i++) {
            put(in[i], i);
        }
    }

    private void put(final char c, final int from) {
        if (len == out.length) {
            out = java.util.Arrays.copyOf(out, out.length * 2);
            src = java.util.Arrays.copyOf(src, src.length * 2);
        }
        out[len] = c;
        src[len] = from;
        len++;
    }
}
