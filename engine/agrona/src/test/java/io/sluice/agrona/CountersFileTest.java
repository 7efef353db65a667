package io.sluice.agrona;

import io.sluice.testkit.Await;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A reader that comes before the writer has finished gets "not ready", never "not a counters file". */
class CountersFileTest {
    @TempDir
    Path directory;

    /** What the writer leaves between sizing the file and writing its header: the right length, all zeros. */
    private Path halfMade(String name) throws IOException {
        Path path = directory.resolve(name);
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(4096);
        }
        return path;
    }

    @Test
    void aFileWhoseHeaderIsNotWrittenYetIsNotReady() throws IOException {
        Path path = halfMade("half.counters");
        CountersFileNotReadyException e = assertThrows(CountersFileNotReadyException.class, () -> CountersFile.open(path));
        assertTrue(e.getMessage().contains("not initialised yet") && e.getMessage().contains("half.counters"), e.getMessage());
        assertEquals(path, e.path());
    }

    @Test
    void aFileThatDoesNotExistYetIsNotReady() {
        Path path = directory.resolve("later.counters");
        CountersFileNotReadyException e = assertThrows(CountersFileNotReadyException.class, () -> CountersFile.open(path));
        assertTrue(e.getMessage().contains("later.counters"), e.getMessage());
    }

    @Test
    void anEmptyFileIsNotReady() throws IOException {
        Path path = directory.resolve("empty.counters");
        assertTrue(path.toFile().createNewFile());
        assertThrows(CountersFileNotReadyException.class, () -> CountersFile.open(path));
    }

    @Test
    void openingWithATimeoutWaitsForTheWriterToCreateTheFile() throws Exception {
        Path path = directory.resolve("awaited.counters");
        AtomicReference<Object> opened = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try (CountersFile file = CountersFile.open(path, Duration.ofSeconds(60))) {
                opened.set(file.writerPid());
            } catch (Throwable t) {
                opened.set(t);
            }
        }, "reader");
        reader.start();
        Await.parked(reader); // it found no file and waits
        try (CountersFile written = CountersFile.create(path, 8)) {
            Await.joined(reader);
            assertEquals(written.writerPid(), opened.get());
        }
    }

    @Test
    void openingWithATimeoutGivesUpNamingTheFileAndTheTimeout() throws IOException {
        Path path = halfMade("never.counters");
        CountersFileNotReadyException e = assertThrows(CountersFileNotReadyException.class,
                () -> CountersFile.open(path, Duration.ofMillis(30)));
        assertTrue(e.getMessage().contains("never.counters") && e.getMessage().contains("30 ms"), e.getMessage());
    }

    @Test
    void aCompleteFileThatIsNotACountersFileIsStillRejectedAsSuch() throws IOException {
        Path path = halfMade("other.bin");
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.writeInt(0x12345678);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CountersFile.open(path, Duration.ofSeconds(60)));
        assertTrue(e.getMessage().contains("not a Sluice counters file"), e.getMessage());
    }

    @Test
    void aNegativeTimeoutIsRejectedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CountersFile.open(directory.resolve("x"), Duration.ofMillis(-1)));
        assertTrue(e.getMessage().contains("timeout"), e.getMessage());
    }

    @Test
    void sluiceStatWaitsForAFileThatIsBeingCreated() throws Exception {
        Path path = directory.resolve("slow.counters");
        Process child = new ProcessBuilder(javaCommand(true, "--count", "1", "--wait", "60000", path.toString()))
                .redirectErrorStream(true).start();
        try {
            // The child may look before or after this: either way it must print the file, not fail.
            try (CountersFile written = CountersFile.create(path, 8)) {
                assertTrue(child.waitFor(60, TimeUnit.SECONDS), "SluiceStat ended");
                String output = output(child);
                assertEquals(0, child.exitValue(), output);
                assertTrue(output.contains("sluice counters of pid " + written.writerPid()), output);
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void sluiceStatGivesUpOnAFileThatNeverAppearsWithAClearMessage() throws Exception {
        Path path = directory.resolve("absent.counters");
        Process child = new ProcessBuilder(javaCommand(true, "--wait", "100", path.toString()))
                .redirectErrorStream(true).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "SluiceStat ended");
        String output = output(child);
        assertEquals(2, child.exitValue(), output);
        assertTrue(output.contains("absent.counters") && output.contains("100 ms"), output);
    }

    @Test
    void sluiceStatWithoutAgronasFlagNamesTheFlag() throws Exception {
        Path path = directory.resolve("flagless.counters");
        try (CountersFile written = CountersFile.create(path, 8)) {
            Process child = new ProcessBuilder(javaCommand(false, "--count", "1", path.toString()))
                    .redirectErrorStream(true).start();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "SluiceStat ended");
            String output = output(child);
            assertEquals(2, child.exitValue(), output);
            assertTrue(output.contains(SluiceStat.AGRONA_FLAG), output);
            assertTrue(!output.contains("Exception in thread"), "no raw stack trace:\n" + output);
            assertTrue(written.path().toFile().isFile());
        }
    }

    private static String output(Process child) throws IOException {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            return out.lines().collect(Collectors.joining("\n"));
        }
    }

    /** A child JVM running SluiceStat from where this module's classes and Agrona were loaded. */
    private static List<String> javaCommand(boolean withAgronaFlag, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> paths = new ArrayList<>();
        for (Class<?> c : new Class<?>[] {SluiceStat.class, org.agrona.concurrent.status.CountersReader.class}) {
            paths.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        List<String> command = new ArrayList<>();
        command.add(java);
        if (withAgronaFlag) {
            command.addAll(List.of(SluiceStat.AGRONA_FLAG.split(" ")));
        }
        command.addAll(List.of("-cp", String.join(File.pathSeparator, paths), SluiceStat.class.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
