package io.sluice.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what stages log through {@code System.Logger} (backed by java.util.logging here),
 * instead of printing it: tests assert on it, and the build output stays readable.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final boolean parentHandlers;
    private final Handler handler;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(String name) {
        logger = Logger.getLogger(name);
        parentHandlers = logger.getUseParentHandlers();
        handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        logger.setUseParentHandlers(false);
    }

    /** Captures the consumer package's log: stage failures, skips and retries. */
    public static LogCapture consumers() {
        return new LogCapture("io.sluice.consumer");
    }

    /** {@return whether a record at {@code level} has a message containing {@code text}} */
    public boolean logged(Level level, String text) {
        return records.stream().anyMatch(r -> r.getLevel().equals(level) && r.getMessage().contains(text));
    }

    public List<LogRecord> records() {
        return records;
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(parentHandlers);
    }
}
