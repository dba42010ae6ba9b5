package io.floe.conf.parse;

import io.floe.conf.Location;
import java.util.Arrays;

/**
 * A cursor over config text that knows the line of every position, so each parsed piece can say where
 * it started even when values span several lines.
 */
final class TextScanner {
    private final String text;
    private final String fileName;
    private final int firstLine;
    private final int[] lineStarts;
    private int pos;

    /** {@code firstLine} is the line number of the first character (text embedded in a YAML scalar starts late). */
    TextScanner(String text, String fileName, int firstLine) {
        this.text = text;
        this.fileName = fileName;
        this.firstLine = firstLine;
        this.lineStarts = computeLineStarts(text);
    }

    private static int[] computeLineStarts(String text) {
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, n);
    }

    String fileName() {
        return fileName;
    }

    int pos() {
        return pos;
    }

    boolean eof() {
        return pos >= text.length();
    }

    /** The character at the cursor, or 0 at the end. */
    char peek() {
        return peek(0);
    }

    char peek(int ahead) {
        int i = pos + ahead;
        return i < text.length() ? text.charAt(i) : 0;
    }

    boolean startsWith(String s) {
        return text.startsWith(s, pos);
    }

    char next() {
        return text.charAt(pos++);
    }

    void skip(int n) {
        pos = Math.min(text.length(), pos + n);
    }

    int line() {
        return lineAt(pos);
    }

    int lineAt(int position) {
        int idx = Arrays.binarySearch(lineStarts, position);
        int zeroBased = idx >= 0 ? idx : -idx - 2;
        return firstLine + zeroBased;
    }

    Location location() {
        return new Location(fileName, line());
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    void skipBlanks() {
        while (!eof() && isBlank(peek())) {
            pos++;
        }
    }

    boolean atNewlineOrEof() {
        return eof() || peek() == '\n' || peek() == '\r';
    }

    /**
     * True when only blanks and an optional comment remain on this line. A '#' directly at the cursor counts
     * as a comment here because callers use this after a closing quote, bracket or '>', as Fluentd does.
     */
    boolean atLineEnd() {
        int i = pos;
        while (i < text.length() && isBlank(text.charAt(i))) {
            i++;
        }
        return i >= text.length() || text.charAt(i) == '\n' || text.charAt(i) == '\r' || text.charAt(i) == '#';
    }

    /** Skips blanks, an optional comment and the newline; false (nothing consumed) if other text remains. */
    boolean consumeLineEnd() {
        if (!atLineEnd()) {
            return false;
        }
        skipBlanks();
        skipToNewline();
        if (!eof()) {
            pos++;
        }
        return true;
    }

    /** Moves to the next '\n' (not consuming it). */
    void skipToNewline() {
        while (!eof() && peek() != '\n') {
            pos++;
        }
    }

    /** Skips whitespace, blank lines and comment lines between directives. */
    void skipSpacing() {
        while (!eof()) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else if (c == '#') {
                skipToNewline();
            } else {
                return;
            }
        }
    }

    /** The text from the cursor to the end of the line, for error messages. */
    String restOfLine() {
        int end = text.indexOf('\n', pos);
        return text.substring(pos, end < 0 ? text.length() : end).strip();
    }

    String substring(int from, int to) {
        return text.substring(from, to);
    }
}
