package io.imagegate.admin;

import io.imagegate.http.ApiException;
import io.imagegate.http.ErrorCode;
import io.imagegate.http.JsonObject;
import io.imagegate.routing.Channel;
import io.imagegate.routing.ChannelProbe;
import io.imagegate.routing.ChannelStatus;
import io.imagegate.routing.Router;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The upstream channels: state, recent success rate and latency, last error; putting one back in rotation; and
 * testing one with a generation of its own.
 */
@RestController
public class AdminChannelsController {

    private final Router router;
    private final ChannelProbe probe;

    public AdminChannelsController(Router router, ChannelProbe probe) {
        this.router = router;
        this.probe = probe;
    }

    record ChannelList(String object, List<ChannelStatus> data) {
    }

    /** A probe's answer: {@code image} when {@code ok}, {@code error} when not. */
    record TestView(boolean ok, String channel, String model, String size, long latencyMs, ImageView image,
            ErrorView error) {

        static TestView of(ChannelProbe.Result result) {
            return switch (result) {
                case ChannelProbe.Result.Delivered d -> new TestView(true, d.channel(), d.model(),
                        d.size().toString(), d.latencyMillis(), new ImageView(
                                d.format().name().toLowerCase(Locale.ROOT), d.width(), d.height()), null);
                case ChannelProbe.Result.Failed f -> new TestView(false, f.channel(), f.model(), f.size().toString(),
                        f.latencyMillis(), null, new ErrorView(f.kind(), f.message()));
            };
        }
    }

    record ImageView(String format, int width, int height) {
    }

    record ErrorView(String kind, String message) {
    }

    @GetMapping("/admin/v1/channels")
    ChannelList channels() {
        return new ChannelList("list", router.channels().stream().map(Channel::status).toList());
    }

    /** After fixing a rejected credential (or to retry an open channel now): closed breaker, back in rotation. */
    @PostMapping("/admin/v1/channels/{name}/reset")
    ChannelStatus reset(@PathVariable String name) {
        Channel channel = channel(name);
        channel.reset();
        return channel.status();
    }

    /**
     * One generation through this channel only, charged to no one and stored nowhere ({@link ChannelProbe}):
     * 200 whether the channel delivered or not, since the test itself ran; {@code ok} says which. The body is
     * optional: {@code {"model": "…"}} tests that model instead of the one with the smallest size.
     */
    @PostMapping("/admin/v1/channels/{name}/test")
    TestView test(@PathVariable String name, HttpServletRequest http) throws IOException {
        Channel channel = channel(name);
        Optional<String> model = model(http);
        List<String> served = router.modelsOf(channel);
        if (model.isPresent() && !served.contains(model.get())) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "Channel " + name + " does not serve '" + model.get()
                    + "'; it serves " + String.join(", ", served) + ".", "model");
        }
        return TestView.of(probe.probe(channel, model));
    }

    /** A POST without a body (curl -X POST sends none) tests the default model. */
    private static Optional<String> model(HttpServletRequest http) throws IOException {
        if (http.getContentLengthLong() <= 0 && http.getHeader(HttpHeaders.TRANSFER_ENCODING) == null) {
            return Optional.empty();
        }
        JsonObject body = JsonObject.read(http.getInputStream());
        body.rejectUnknown(Set.of("model"), "for a channel test");
        return body.optionalString("model");
    }

    private Channel channel(String name) {
        return router.channel(name).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "No channel is named '" + name + "'. GET /admin/v1/channels lists them."));
    }
}
