package io.sluice.bench.report;

/** Text for the reports' HTML: what a name or a machine description holds is shown, never read as markup. */
public final class HtmlText {
    private HtmlText() {
    }

    /** {@return {@code text} with {@code & < > "} as character references, safe in element text and quoted attributes} */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
