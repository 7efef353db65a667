package io.sluice.bench.run;

/** Reads the value that follows an option on the command lines of the bench's programs. */
public final class OptionValue {
    private OptionValue() {
    }

    /**
     * @param i the index the value should be at, one past the option's
     * @throws IllegalArgumentException naming the option if its value is missing
     */
    public static String at(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /**
     * @param i the index the value should be at, one past the option's
     * @return the value there, a whole number from {@code min} to {@code max}
     * @throws IllegalArgumentException naming the option and the value if it is missing, not a whole number, or out of range
     */
    public static long wholeNumber(String[] args, int i, String option, long min, long max) {
        String value = at(args, i, option);
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number: \"" + value + "\"");
        }
        if (number < min || number > max) {
            throw new IllegalArgumentException(option + " must be from " + min + " to " + max + ": " + number);
        }
        return number;
    }
}
