package io.bulwark.admin.settings;

import java.util.List;

/** A settings change refused as a whole; the message lists every problem. Answered 400. */
public class InvalidSettingsException extends IllegalArgumentException {
    private final List<String> problems;

    public InvalidSettingsException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One sentence per problem. */
    public List<String> problems() {
        return problems;
    }
}
