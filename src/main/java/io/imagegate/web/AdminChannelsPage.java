package io.imagegate.web;

import io.imagegate.routing.ChannelProbe;
import io.imagegate.routing.ChannelStatus;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The upstream channels as an operator checks them: state, recent success rate and latency, last error; and the
 * outcome of the test just run, shown once on the page the test redirected to.
 */
public record AdminChannelsPage(Frame frame, AdminChrome chrome, List<Row> channels, Optional<TestResult> tested) {

    public record Row(String name, String provider, String models, String state, boolean healthy, String success,
            String latency, String load, Optional<String> lastError, String resetAction, String testAction) {

        static Row of(ChannelStatus s, List<String> served) {
            String state = s.state().replace('_', ' ') + s.disabledReason().map(r -> ": " + r).orElse("");
            String success = s.successRate().map(r -> Math.round(r * 100) + "% of " + s.recentCalls())
                    .orElse("no calls yet");
            String latency = s.latencyP50Millis().map(p50 -> p50 + " ms p50"
                    + s.latencyP90Millis().map(p90 -> ", " + p90 + " ms p90").orElse("")).orElse("no data yet");
            Optional<String> error = s.lastError().map(e -> e.kind() + ": " + e.detail() + " ("
                    + AdminConsole.time(e.at()) + ")");
            return new Row(s.name(), s.provider(), String.join(", ", served), state, s.state().equals("closed"),
                    success, latency, s.inFlight() + " of " + s.maxConcurrency() + " in flight", error,
                    "/admin/channels/" + s.name() + "/reset", "/admin/channels/" + s.name() + "/test");
        }
    }

    /** A channel test's outcome in plain words. */
    public record TestResult(String channel, boolean ok, String summary) {

        static TestResult of(ChannelProbe.Result result) {
            return switch (result) {
                case ChannelProbe.Result.Delivered d -> new TestResult(d.channel(), true, "Delivered a "
                        + d.width() + "×" + d.height() + " " + d.format().name().toLowerCase(Locale.ROOT)
                        + " image of " + d.model() + " (asked for " + d.size() + ") in " + d.latencyMillis()
                        + " ms.");
                case ChannelProbe.Result.Failed f -> new TestResult(f.channel(), false, "Failed after "
                        + f.latencyMillis() + " ms asking " + f.model() + " for " + f.size() + ": " + f.kind()
                        + " — " + f.message());
            };
        }
    }

    static Frame newFrame() {
        return Frame.of("Channels · Admin", Section.ADMIN);
    }
}
