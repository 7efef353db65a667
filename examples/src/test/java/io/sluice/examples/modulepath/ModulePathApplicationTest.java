package io.sluice.examples.modulepath;

import io.sluice.RingBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's module-path application ({@code src/modulepath}: {@code module app { requires io.sluice; }})
 * compiles and runs against the core artifact alone: in a reactor build that is the freshly
 * packaged {@code sluice-core} jar, the one this module's class path resolved.
 */
class ModulePathApplicationTest {
    private static final Path APP_SOURCES = Paths.get("src", "modulepath");

    @TempDir
    Path work;

    private static Path core() throws URISyntaxException {
        return Paths.get(RingBuffer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void coreModuleRequiresNothingBeyondTheJdk() throws URISyntaxException {
        ModuleDescriptor descriptor = ModuleFinder.of(core()).find("io.sluice").orElseThrow().descriptor();
        Set<String> required = descriptor.requires().stream()
                .map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toCollection(TreeSet::new));
        // jdk.jfr for the JFR events, java.management for the MBeans of io.sluice.jmx: both in every JDK.
        assertEquals(Set.of("java.base", "java.management", "jdk.jfr"), required, "modules io.sluice requires, from " + core());
    }

    @Test
    void applicationRequiringOnlyTheCoreCompilesAndRunsOnTheModulePath() throws Exception {
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> sources;
        try (Stream<Path> files = Files.walk(APP_SOURCES)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).collect(Collectors.toList());
        }
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        List<String> javacArgs = new ArrayList<>(List.of(
                "-d", classes.toString(), "--module-path", core().toString(), "-Xlint:all", "-Werror"));
        javacArgs.addAll(sources);
        int compiled = ToolProvider.getSystemJavaCompiler()
                .run(null, diagnostics, diagnostics, javacArgs.toArray(new String[0]));
        assertEquals(0, compiled, "javac against " + core() + ":\n" + diagnostics.toString(StandardCharsets.UTF_8));

        String output = run(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", core() + File.pathSeparator + classes, "-m", "app/app.Main");
        assertEquals("sum = 5050 from module io.sluice", output.strip());
    }

    private String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // A bound on a hung child, not a guess at how long a healthy one takes: it prints and exits.
        boolean exited = process.waitFor(2, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(exited, "the module-path application did not exit; output so far:\n" + output);
        assertEquals(0, process.exitValue(), "exit status of " + String.join(" ", command) + ":\n" + output);
        return output;
    }
}
