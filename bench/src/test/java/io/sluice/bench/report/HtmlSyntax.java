package io.sluice.bench.report;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A well-formedness check for the reports' HTML: every element that is opened is closed, in
 * order, void elements ({@code meta}, {@code br}, ...) and self-closed SVG elements excepted;
 * attribute values are quoted; a bare {@code <} or {@code &} in text is refused. Enough to catch
 * a name that injects markup or a table that is never closed; not a full HTML5 parser.
 */
public final class HtmlSyntax {
    private static final Set<String> VOID = Set.of("meta", "br", "hr", "img", "input", "link", "col", "wbr");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\\s+[a-zA-Z][a-zA-Z0-9:-]*=\"[^\"<]*\")*)\\s*(/?)>");
    private static final Pattern REFERENCE = Pattern.compile("&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);");

    private HtmlSyntax() {
    }

    /** Throws {@link IllegalArgumentException}, naming the offset, unless {@code html} is well formed. */
    public static void check(String html) {
        Deque<String> open = new ArrayDeque<>();
        int at = 0;
        if (html.regionMatches(true, 0, "<!doctype html>", 0, 15)) {
            at = 15;
        }
        while (at < html.length()) {
            char c = html.charAt(at);
            if (c == '<') {
                Matcher tag = TAG.matcher(html).region(at, html.length());
                if (!tag.lookingAt()) {
                    throw error(html, at, "a '<' that starts no well-formed tag");
                }
                String name = tag.group(2).toLowerCase(Locale.ROOT);
                if (!tag.group(1).isEmpty()) {
                    if (open.isEmpty() || !open.peek().equals(name)) {
                        throw error(html, at, "</" + name + "> closes " + (open.isEmpty() ? "nothing" : "<" + open.peek() + ">"));
                    }
                    open.pop();
                } else if (tag.group(4).isEmpty() && !VOID.contains(name)) {
                    open.push(name);
                }
                if (name.equals("style") && tag.group(1).isEmpty()) {
                    int end = html.indexOf("</style>", tag.end());
                    if (end < 0) {
                        throw error(html, at, "an unclosed <style>");
                    }
                    at = end;
                    continue;
                }
                at = tag.end();
            } else if (c == '&') {
                Matcher reference = REFERENCE.matcher(html).region(at, html.length());
                if (!reference.lookingAt()) {
                    throw error(html, at, "a bare '&'");
                }
                at = reference.end();
            } else {
                at++;
            }
        }
        if (!open.isEmpty()) {
            throw error(html, html.length(), "<" + open.peek() + "> never closed");
        }
    }

    private static IllegalArgumentException error(String html, int at, String what) {
        int from = Math.max(0, at - 30);
        int to = Math.min(html.length(), at + 30);
        return new IllegalArgumentException("not well-formed at offset " + at + ": " + what + " near «" + html.substring(from, to) + "»");
    }
}
