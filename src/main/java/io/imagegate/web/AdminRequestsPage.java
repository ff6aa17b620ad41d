package io.imagegate.web;

import io.imagegate.money.Micros;
import io.imagegate.requestlog.LoggedRequest;
import java.util.List;
import java.util.Optional;

/**
 * The request log across accounts, newest first, with the filters an operator asks by; the filter form is a GET
 * form, so a filtered view is a link that can be shared and reloaded.
 */
public record AdminRequestsPage(Frame frame, AdminChrome chrome, AdminForm filters, List<Row> rows,
        Optional<String> next) {

    public record Row(String id, String when, String account, String accountHref, String key, String model,
            int status, boolean ok, String error, String channel, String cost, String latency) {

        static Row of(LoggedRequest r) {
            return new Row(r.id(), AdminConsole.time(r.created()), r.accountId(), "/admin/accounts/" + r.accountId(),
                    r.keyId(), r.model().orElse("—"), r.status(), r.status() < 400, r.errorCode().orElse(""),
                    r.channel().orElse("—"), "$" + Micros.format(r.chargedMicros()), r.totalMillis() + " ms");
        }
    }

    static Frame newFrame() {
        return Frame.of("Requests · Admin", Section.ADMIN);
    }
}
