package io.imagegate.web;

import io.imagegate.routing.Channel;
import io.imagegate.routing.ChannelProbe;
import io.imagegate.routing.Router;
import io.imagegate.web.AdminConsole.Posted;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The admin console's channels: their live state from {@link Router}, "reset" (closed breaker, back in rotation)
 * and "test" (one generation through that channel alone, by {@link ChannelProbe}, charged to no one).
 */
@ConditionalOnWebApplication
@Controller
class AdminConsoleChannelsController {

    private static final String SCOPE = "channels";

    private final AdminConsole console;
    private final Router router;
    private final ChannelProbe probe;
    private final Pages pages;
    private final OnceShown<AdminChannelsPage.TestResult> results;

    AdminConsoleChannelsController(AdminConsole console, Router router, ChannelProbe probe, Pages pages,
            Clock clock) {
        this.console = console;
        this.router = router;
        this.probe = probe;
        this.pages = pages;
        this.results = new OnceShown<>(clock);
    }

    @GetMapping("/admin/channels")
    ResponseEntity<String> channels(HttpServletRequest request) {
        Optional<WebSession> session = console.session(request);
        if (session.isEmpty()) {
            return AdminConsole.signIn();
        }
        return pages.ok("admin/channels.jte", new AdminChannelsPage(AdminChannelsPage.newFrame(),
                AdminChrome.of(session.get(), "/admin/channels"),
                router.channels().stream().map(c -> AdminChannelsPage.Row.of(c.status(), router.modelsOf(c))).toList(),
                results.take(session.get(), SCOPE)));
    }

    @PostMapping("/admin/channels/{name}/reset")
    ResponseEntity<String> reset(HttpServletRequest request, @PathVariable String name) {
        console.post(request, AdminChannelsPage.newFrame());
        channel(name, request).reset();
        return AdminConsole.seeOther("/admin/channels#channel-" + name);
    }

    /** Runs while the operator waits (up to the model's deadline), then shows the outcome once. */
    @PostMapping("/admin/channels/{name}/test")
    ResponseEntity<String> test(HttpServletRequest request, @PathVariable String name) {
        Posted posted = console.post(request, AdminChannelsPage.newFrame());
        Channel channel = channel(name, request);
        results.put(posted.session(), SCOPE, AdminChannelsPage.TestResult.of(probe.probe(channel,
                Optional.empty())));
        return AdminConsole.seeOther("/admin/channels#test-result");
    }

    private Channel channel(String name, HttpServletRequest request) {
        return router.channel(name).orElseThrow(() -> new PageRefused(ErrorPage.notFound(request.getRequestURI())));
    }
}
