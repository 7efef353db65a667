package io.sluice.bench;

/** Reads the value that follows an option on the command lines of the bench's programs. */
final class OptionValue {
    private OptionValue() {
    }

    /**
     * @param i the index the value should be at, one past the option's
     * @throws IllegalArgumentException naming the option if its value is missing
     */
    static String at(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
