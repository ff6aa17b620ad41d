package io.imagegate.web;

/** A page request refused with its own error page (a 403 for a missing CSRF token, a 400 for a bad form). */
public final class PageRefused extends RuntimeException {

    private final transient ErrorPage page;

    public PageRefused(ErrorPage page) {
        super(page.heading(), null, false, false);
        this.page = page;
    }

    public ErrorPage page() {
        return page;
    }
}
