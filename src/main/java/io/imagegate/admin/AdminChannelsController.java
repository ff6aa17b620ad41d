package io.imagegate.admin;

import io.imagegate.http.ApiException;
import io.imagegate.http.ErrorCode;
import io.imagegate.routing.Channel;
import io.imagegate.routing.ChannelStatus;
import io.imagegate.routing.Router;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The upstream channels: state, recent success rate and latency, last error; and putting one back in rotation. */
@RestController
public class AdminChannelsController {

    private final Router router;

    public AdminChannelsController(Router router) {
        this.router = router;
    }

    record ChannelList(String object, List<ChannelStatus> data) {
    }

    @GetMapping("/admin/v1/channels")
    ChannelList channels() {
        return new ChannelList("list", router.channels().stream().map(Channel::status).toList());
    }

    /** After fixing a rejected credential (or to retry an open channel now): closed breaker, back in rotation. */
    @PostMapping("/admin/v1/channels/{name}/reset")
    ChannelStatus reset(@PathVariable String name) {
        Channel channel = router.channel(name).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "No channel is named '" + name + "'. GET /admin/v1/channels lists them."));
        channel.reset();
        return channel.status();
    }
}
