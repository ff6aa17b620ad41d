package io.imagegate.config;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns a setting that cannot work, buried in a bean-creation stack trace, into Spring's start-up report:
 * an {@link InvalidConfiguration}, or any {@link IllegalStateException} whose message starts by naming an
 * {@code imagegate.} setting (the convention of every start-up check in this code base).
 */
public class InvalidConfigurationAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidConfiguration || (cause instanceof IllegalStateException
                    && cause.getMessage() != null && cause.getMessage().startsWith("imagegate."))) {
                String action = cause instanceof InvalidConfiguration invalid ? invalid.action().orElse(null) : null;
                return new FailureAnalysis(cause.getMessage(), action != null ? action : "Fix the setting named"
                        + " above (in application properties, a file given with"
                        + " --spring.config.additional-location, or the environment) and start again.", cause);
            }
        }
        return null;
    }
}
