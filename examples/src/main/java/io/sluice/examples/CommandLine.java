package io.sluice.examples;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The examples' command-line options: {@code --name value} pairs and bare flags, checked against
 * what a program accepts. Every mistake is an {@link IllegalArgumentException} that names the
 * option and the bad value, for the program to print with its usage.
 */
public final class CommandLine {
    private final Map<String, String> values;
    private final Set<String> flags;

    private CommandLine(Map<String, String> values, Set<String> flags) {
        this.values = values;
        this.flags = flags;
    }

    /**
     * @param args the program's arguments
     * @param options the options that take a value, e.g. {@code --seconds}
     * @param flags the options that take none, e.g. {@code --help}
     * @return the parsed command line
     * @throws IllegalArgumentException for an unknown option, a missing value, or a value given twice
     */
    public static CommandLine parse(String[] args, Set<String> options, Set<String> flags) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (flags.contains(arg)) {
                seen.add(arg);
            } else if (options.contains(arg)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                if (values.put(arg, args[++i]) != null) {
                    throw new IllegalArgumentException(arg + " given twice");
                }
            } else {
                throw new IllegalArgumentException("unknown option: " + arg);
            }
        }
        return new CommandLine(values, seen);
    }

    /** {@return whether the flag was given} */
    public boolean has(String flag) {
        return flags.contains(flag);
    }

    /**
     * @return the option's value as a whole number in {@code [min, max]}, or {@code fallback} if absent
     * @throws IllegalArgumentException if it is not a number or out of range
     */
    public long number(String option, long fallback, long min, long max) {
        String text = values.get(option);
        if (text == null) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number: " + text);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be from " + min + " to " + max + ": " + value);
        }
        return value;
    }

    /** {@return the option's value, or {@code fallback} if absent} */
    public String text(String option, String fallback) {
        return values.getOrDefault(option, fallback);
    }

    /**
     * @return the value the option names among {@code choices}, or {@code fallback} if absent
     * @throws IllegalArgumentException if it names none of them
     */
    public <T> T choice(String option, T fallback, Map<String, T> choices) {
        String text = values.get(option);
        if (text == null) {
            return fallback;
        }
        T chosen = choices.get(text);
        if (chosen == null) {
            throw new IllegalArgumentException(option + " must be one of " + choices.keySet() + ": " + text);
        }
        return chosen;
    }
}
