package io.imagegate.requestlog;

import java.util.ArrayList;
import java.util.List;

/**
 * A request's attempts as the {@code attempts} column keeps them: {@code channel/number/outcome/latency_ms} each,
 * separated by spaces, e.g. {@code main/1/transient/812 main/2/ok/9031}. Channel names
 * ({@code [a-z0-9._-]}, checked at start-up) and outcome labels ({@code [a-z_]}) hold neither separator.
 */
final class AttemptsColumn {

    private AttemptsColumn() {
    }

    /** NULL for a request that made no attempt. */
    static String write(List<LoggedAttempt> attempts) {
        if (attempts.isEmpty()) {
            return null;
        }
        StringBuilder column = new StringBuilder(attempts.size() * 24);
        for (LoggedAttempt attempt : attempts) {
            column.append(column.isEmpty() ? "" : " ").append(attempt.channel()).append('/')
                    .append(attempt.number()).append('/').append(attempt.outcome()).append('/')
                    .append(attempt.latencyMillis());
        }
        return column.toString();
    }

    static List<LoggedAttempt> read(String column) {
        if (column == null || column.isEmpty()) {
            return List.of();
        }
        List<LoggedAttempt> attempts = new ArrayList<>();
        for (String attempt : column.split(" ")) {
            String[] parts = attempt.split("/", 4);
            attempts.add(new LoggedAttempt(parts[0], Integer.parseInt(parts[1]), parts[2], Long.parseLong(parts[3])));
        }
        return attempts;
    }

    /**
     * A LIKE pattern for {@code ' ' || attempts} that matches a request with an attempt on {@code channel}, with
     * LIKE's wildcards in the name escaped by {@code \}: a channel may be named {@code eu_main}.
     */
    static String pattern(String channel) {
        String escaped = channel.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "% " + escaped + "/%";
    }
}
