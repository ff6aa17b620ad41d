package io.imagegate.config;

import java.util.Optional;

/**
 * A setting that cannot work, or a file in the data directory that is missing or damaged, found at start-up.
 * The message names the setting or file and the fix; {@link InvalidConfigurationAnalyzer} prints it as the
 * reason the gateway did not start, with the action when one is given.
 */
public class InvalidConfiguration extends IllegalStateException {

    private final String action;

    public InvalidConfiguration(String message) {
        this(message, (String) null);
    }

    public InvalidConfiguration(String message, Throwable cause) {
        super(message, cause);
        this.action = null;
    }

    /** @param action what the operator does next, when it is not "fix the setting named in the message" */
    public InvalidConfiguration(String message, String action) {
        super(message);
        this.action = action;
    }

    public Optional<String> action() {
        return Optional.ofNullable(action);
    }
}
