package io.sluice.stress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CI pass over the JCStress suite: runs every test of {@code io.sluice.stress} (not the
 * canaries, not the 3+ actor tests that 2 CPUs cannot schedule) once, briefly, in one JVM
 * configuration, and fails if JCStress reports a failure — or if fewer tests ran than the jar
 * holds, since JCStress skips what it cannot schedule and exits 0 when nothing matches.
 *
 * <p>Usage: {@code java -cp jcstress.jar io.sluice.stress.QuickPass JAR WORKDIR}; exits 1 on failure.
 */
public final class QuickPass {
    /** Tests in this package itself: a class name right after it; canary and wide are subpackages. */
    static final String SELECTION = "^io\\.sluice\\.stress\\.[A-Z]";
    private static final Pattern SELECTED = Pattern.compile(SELECTION);
    private static final Pattern TEST_NAME = Pattern.compile("^JCTEST(\\d+)S");
    private static final Pattern CATEGORY = Pattern.compile(
            "^\\s*(Interesting|Failed|Error|All remaining) tests: (?:(\\d+) matching test results?|No matches)");

    private QuickPass() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: QuickPass JAR WORKDIR");
            System.exit(2);
        }
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path workDir = Path.of(args[1]);
        Files.createDirectories(workDir);
        List<String> expected = selectedTests(jar);
        System.out.println("QuickPass: " + expected.size() + " JCStress tests to run from " + jar);

        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(),
                "-m", "quick", "-iters", "1", "-time", "200", "-f", "1", "-sc", "false",
                // One JVM configuration (JCStress's auto-detected modes are off once jvmArgs is
                // given): C2 with its code-motion randomisers, the likeliest to expose a missing
                // ordering. The full run keeps every configuration.
                "-jvmArgs", "-XX:+UnlockDiagnosticVMOptions -XX:+StressLCM -XX:+StressGCM",
                "-t", SELECTION);
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                System.out.println(line);
                output.add(line);
            }
        }
        int exit = process.waitFor();
        String verdict = verdict(expected.size(), exit, output);
        if (verdict != null) {
            System.err.println("QuickPass FAILED: " + verdict);
            System.exit(1);
        }
        System.out.println("QuickPass: all " + expected.size() + " tests ran and passed");
    }

    /** The tests the pass must run: every entry of the jar's TestList that the selection matches. */
    static List<String> selectedTests(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile());
             InputStream in = file.getInputStream(file.getEntry("META-INF/TestList"));
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                Matcher m = TEST_NAME.matcher(line);
                if (m.find()) {
                    String name = line.substring(m.end(), m.end() + Integer.parseInt(m.group(1)));
                    if (SELECTED.matcher(name).find()) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }

    /** {@return why the pass failed, or null if it passed} */
    static String verdict(int expected, int exit, List<String> output) {
        if (output.stream().anyMatch(line -> line.contains("FATAL"))) {
            return "JCStress stopped: " + output.stream().filter(l -> l.contains("FATAL")).findFirst().orElse("");
        }
        int ran = 0;
        int failed = 0;
        boolean summary = false;
        for (String line : output) {
            Matcher m = CATEGORY.matcher(line);
            if (m.find()) {
                summary = true;
                int count = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
                ran += count;
                if (m.group(1).equals("Failed") || m.group(1).equals("Error")) {
                    failed += count;
                }
            }
        }
        if (!summary) {
            return "no RUN RESULTS summary in JCStress's output (exit code " + exit + ")";
        }
        if (failed > 0 || exit != 0) {
            return failed + " test(s) failed or erred (JCStress exit code " + exit + "); see the output above";
        }
        if (ran < expected) {
            return "only " + ran + " of " + expected + " tests ran: JCStress skipped some (too few CPUs for their actors?)";
        }
        return null;
    }
}
