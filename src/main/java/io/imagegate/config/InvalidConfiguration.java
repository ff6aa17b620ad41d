package io.imagegate.config;

/**
 * A setting that cannot work, found at start-up. The message names the setting and the fix;
 * {@link InvalidConfigurationAnalyzer} prints it as the reason the gateway did not start.
 */
public class InvalidConfiguration extends IllegalStateException {

    public InvalidConfiguration(String message) {
        super(message);
    }
}
