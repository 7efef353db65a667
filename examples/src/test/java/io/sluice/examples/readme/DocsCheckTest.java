package io.sluice.examples.readme;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The documentation holds together: every Java block in the README and docs/ is quoted from a
 * compiled example, every relative link and {@code #anchor} leads somewhere, every result
 * file the docs cite is in the tree, and every figure the README quotes is on the benchmarks page.
 */
class DocsCheckTest {
    /** The repository root, seen from this module's directory (where the build runs its tests). */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
    /** A Markdown link's target: {@code ](target)}, without a title. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern RESULT_PATH = Pattern.compile("bench/results/[A-Za-z0-9_./-]*[A-Za-z0-9_/]");
    private static final Pattern FENCE = Pattern.compile("```.*?```", Pattern.DOTALL);
    /** A figure with decimals (a ratio, a time), standing alone: not part of a longer number. */
    private static final Pattern FIGURE = Pattern.compile("(?<![\\d.])\\d+\\.\\d+(?![\\d.]*\\d)");
    /** How the README's performance paragraph begins; it runs to the next blank line. */
    private static final String PERFORMANCE_PARAGRAPH = "Where it stands against them";

    private static List<Path> docs() {
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every part of an example between {@code // docs:start} and {@code // docs:end}, dedented. */
    private static Set<String> quotedSnippets() throws IOException {
        Set<String> snippets = new LinkedHashSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList())) {
                String text = Files.readString(source);
                int start;
                int from = 0;
                while ((start = text.indexOf("// docs:start\n", from)) >= 0) {
                    int lineStart = text.lastIndexOf('\n', start) + 1;
                    int indent = start - lineStart;
                    int end = text.indexOf("// docs:end", start);
                    assertTrue(end > start, source + ": a docs:start without its docs:end");
                    String quoted = text.substring(start + "// docs:start\n".length(), end - indent);
                    snippets.add(quoted.lines()
                            .map(line -> line.length() >= indent ? line.substring(indent) : line.strip())
                            .collect(Collectors.joining("\n", "", "\n")));
                    from = end;
                }
            }
        }
        return snippets;
    }

    /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens; repeats numbered. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : FENCE.matcher(markdown).replaceAll("").split("\n")) {
            if (!line.startsWith("#")) {
                continue;
            }
            String heading = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
            String slug = heading.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            int n = seen.merge(slug, 1, Integer::sum);
            anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
        }
        return anchors;
    }

    @Test
    void anAnchorIsTheHeadingAsGitHubSpellsIt() {
        assertEquals(Set.of("4b-record-rings-flat-records-on-the-same-sequencing", "javautilconcurrentflow-adapters",
                        "1p1c-busy-spin-by-regime", "1p1c-busy-spin-by-regime-1"),
                anchors("## 4b. Record rings: flat records on the same sequencing\n### `java.util.concurrent.Flow` adapters\n"
                        + "## 1P1C busy spin, by regime\n```sh\n# not a heading\n```\n## 1P1C busy spin, by regime\n"));
    }

    @Test
    void everyJavaBlockInTheDocsIsQuotedFromACompiledExample() throws IOException {
        Set<String> snippets = quotedSnippets();
        List<String> unquoted = new ArrayList<>();
        for (Path doc : docs()) {
            Matcher block = JAVA_BLOCK.matcher(read(doc));
            while (block.find()) {
                if (!snippets.contains(block.group(1))) {
                    String first = block.group(1).lines().findFirst().orElse("");
                    unquoted.add(ROOT.relativize(doc) + ": the block starting \"" + first + "\"");
                }
            }
        }
        assertEquals(List.of(), unquoted, "Java blocks that are not an example's // docs:start part, verbatim");
    }

    @Test
    void everyRelativeLinkAndAnchorLeadsSomewhere() {
        List<String> broken = new ArrayList<>();
        for (Path doc : docs()) {
            String text = read(doc);
            Matcher link = LINK.matcher(FENCE.matcher(text).replaceAll(""));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http:, https:, mailto:
                }
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                Path file = path.isEmpty() ? doc : doc.getParent().resolve(path).normalize();
                if (!Files.exists(file)) {
                    broken.add(ROOT.relativize(doc) + ": " + target + " (no such file)");
                } else if (hash >= 0 && !anchors(read(file)).contains(target.substring(hash + 1))) {
                    broken.add(ROOT.relativize(doc) + ": " + target + " (no such heading in " + ROOT.relativize(file) + ")");
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void everyResultFileTheDocsCiteIsInTheTree() {
        List<String> missing = new ArrayList<>();
        for (Path doc : docs()) {
            Matcher cited = RESULT_PATH.matcher(read(doc));
            while (cited.find()) {
                if (!Files.exists(ROOT.resolve(cited.group()))) {
                    missing.add(ROOT.relativize(doc) + ": " + cited.group());
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyFigureInTheReadmesPerformanceParagraphIsOnTheBenchmarksPage() {
        String readme = read(ROOT.resolve("README.md"));
        int start = readme.indexOf(PERFORMANCE_PARAGRAPH);
        assertTrue(start >= 0, "README.md has no paragraph beginning \"" + PERFORMANCE_PARAGRAPH + "\"");
        int end = readme.indexOf("\n\n", start);
        String paragraph = readme.substring(start, end < 0 ? readme.length() : end);
        assertTrue(paragraph.lines().count() <= 6,
                "the README's performance paragraph runs to " + paragraph.lines().count() + " lines");
        String benchmarks = read(ROOT.resolve("docs/BENCHMARKS.md"));
        List<String> quoted = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        Matcher figure = FIGURE.matcher(paragraph);
        while (figure.find()) {
            quoted.add(figure.group());
            if (!Pattern.compile("(?<![\\d.])" + Pattern.quote(figure.group()) + "(?![\\d]|\\.\\d)").matcher(benchmarks).find()) {
                absent.add(figure.group());
            }
        }
        assertTrue(quoted.size() >= 5, "expected the paragraph's figures, found " + quoted);
        assertEquals(List.of(), absent, "figures the README quotes that docs/BENCHMARKS.md does not hold");
    }

    @Test
    void theBenchmarksPageStaysWithinTwoHundredAndFiftyLines() {
        long lines = read(ROOT.resolve("docs/BENCHMARKS.md")).lines().count();
        assertTrue(lines <= 250, "docs/BENCHMARKS.md has " + lines + " lines");
    }
}
