package io.sluice.bench.run;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of a fresh JVM that runs one of the bench's programs: this JDK's
 * {@code java}, and a class path made of where the given classes were loaded from. That works
 * wherever the parent runs, under {@code exec:java} (whose own class path is Maven's), under
 * Surefire, or from the shaded jar; and no flag of the parent's is passed on unless asked for.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * @param jvmArgs flags for the child JVM
     * @param main the class whose {@code main} runs
     * @param args its arguments
     * @param needed classes whose code sources (jar or folder) the child needs besides {@code main}'s
     */
    public static List<String> command(List<String> jvmArgs, Class<?> main, List<String> args, Class<?>... needed) {
        Set<String> path = new LinkedHashSet<>();
        path.add(location(main));
        for (Class<?> c : needed) {
            path.add(location(c));
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, path));
        command.add(main.getName());
        command.addAll(args);
        return command;
    }

    private static String location(Class<?> c) {
        var source = c.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("cannot tell where " + c.getName() + " was loaded from");
        }
        try {
            return Path.of(source.getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("not a file location for " + c.getName() + ": " + source.getLocation(), e);
        }
    }
}
