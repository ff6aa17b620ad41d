package io.imagegate.config;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns a setting that cannot work, buried in a bean-creation stack trace, into Spring's start-up report: the
 * {@link InvalidConfiguration} every start-up check in this code base throws.
 */
public class InvalidConfigurationAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidConfiguration invalid) {
                return new FailureAnalysis(invalid.getMessage(), invalid.action().orElse("Fix the setting named"
                        + " above (in application properties, a file given with"
                        + " --spring.config.additional-location, or the environment) and start again."), invalid);
            }
        }
        return null;
    }
}
