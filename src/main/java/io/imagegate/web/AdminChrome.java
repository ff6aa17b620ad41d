package io.imagegate.web;

import java.util.List;

/**
 * The admin console's own navigation under the site header, and the sign-out form with the session's CSRF token.
 *
 * @param current the href of the page's tab, marked {@code aria-current}
 */
public record AdminChrome(String csrf, String current) {

    public record Tab(String label, String href, boolean current) {
    }

    private static final List<String[]> TABS = List.of(new String[] {"Accounts", "/admin/accounts"},
            new String[] {"Prices", "/admin/prices"}, new String[] {"Channels", "/admin/channels"},
            new String[] {"Requests", "/admin/requests"}, new String[] {"Reconcile", "/admin/reconcile"},
            new String[] {"Usage", "/admin/usage"});

    public List<Tab> tabs() {
        return TABS.stream().map(t -> new Tab(t[0], t[1], t[1].equals(current))).toList();
    }

    public String csrfField() {
        return ConsoleSessions.CSRF_FIELD;
    }

    static AdminChrome of(WebSession session, String current) {
        return new AdminChrome(session.csrfToken(), current);
    }
}
