package io.sluice.bench.report;

/**
 * A strict JSON (RFC 8259) syntax check for the reports' tests: accepts a document exactly when a
 * conforming parser would, and says where it is not JSON. No JSON library is on the bench's path.
 */
public final class JsonSyntax {
    private final String text;
    private int at;

    private JsonSyntax(String text) {
        this.text = text;
    }

    /** Throws {@link IllegalArgumentException}, naming the offset, unless {@code text} is one JSON value. */
    public static void check(String text) {
        JsonSyntax syntax = new JsonSyntax(text);
        syntax.space();
        syntax.value();
        syntax.space();
        if (syntax.at != text.length()) {
            throw syntax.error("text after the value");
        }
    }

    private void value() {
        if (at >= text.length()) {
            throw error("a value expected");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    private void object() {
        at++;
        space();
        if (peek('}')) {
            at++;
            return;
        }
        while (true) {
            space();
            string();
            space();
            expect(':');
            space();
            value();
            space();
            if (peek(',')) {
                at++;
            } else {
                expect('}');
                return;
            }
        }
    }

    private void array() {
        at++;
        space();
        if (peek(']')) {
            at++;
            return;
        }
        while (true) {
            space();
            value();
            space();
            if (peek(',')) {
                at++;
            } else {
                expect(']');
                return;
            }
        }
    }

    private void string() {
        expect('"');
        while (true) {
            if (at >= text.length()) {
                throw error("an unterminated string");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return;
            }
            if (c < 0x20) {
                throw error("an unescaped control character in a string");
            }
            if (c == '\\') {
                char e = at < text.length() ? text.charAt(at++) : 0;
                if (e == 'u') {
                    for (int i = 0; i < 4; i++) {
                        if (at >= text.length() || Character.digit(text.charAt(at++), 16) < 0) {
                            throw error("a bad \\u escape");
                        }
                    }
                } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                    throw error("a bad escape");
                }
            }
        }
    }

    private void number() {
        int start = at;
        if (peek('-')) {
            at++;
        }
        if (peek('0')) {
            at++;
        } else if (digits() == 0) {
            throw error("a value expected (NaN and Infinity are not JSON)");
        }
        if (peek('.')) {
            at++;
            if (digits() == 0) {
                throw error("digits after the decimal point");
            }
        }
        if (peek('e') || peek('E')) {
            at++;
            if (peek('+') || peek('-')) {
                at++;
            }
            if (digits() == 0) {
                throw error("digits in the exponent");
            }
        }
        if (at == start) {
            throw error("a value expected");
        }
    }

    private int digits() {
        int start = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at - start;
    }

    private void literal(String word) {
        if (!text.startsWith(word, at)) {
            throw error(word + " expected");
        }
        at += word.length();
    }

    private void space() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("'" + c + "' expected");
        }
        at++;
    }

    private IllegalArgumentException error(String what) {
        int from = Math.max(0, at - 20);
        int to = Math.min(text.length(), at + 20);
        return new IllegalArgumentException("not JSON at offset " + at + ": " + what + " near «" + text.substring(from, to) + "»");
    }
}
