package io.imagegate.web;

/** An error page: a heading, what happened in plain words, and where to go instead. */
public record ErrorPage(Frame frame, int status, String heading, String message, String path) {

    public static ErrorPage notFound(String path) {
        return new ErrorPage(Frame.outside("Page not found"), 404, "Page not found",
                "There is no page at this address. If you typed it, check it; otherwise the models are a good"
                        + " place to start.", path);
    }

    public static ErrorPage noSuchModel(String id) {
        return new ErrorPage(Frame.of("Model not found", Section.MODELS), 404, "Model not found",
                "This gateway has no model called “" + id + "”. The catalog lists every model it serves.",
                "/models/" + id);
    }

    /** A state change whose CSRF token is missing or not its session's: a forged form, or one from an old page. */
    public static ErrorPage staleForm(Frame frame, String path) {
        return new ErrorPage(frame, 403, "This form cannot be sent",
                "It did not carry this session's security token, so the gateway did not act on it. This happens"
                        + " when a form is older than your sign-in, or when another site tried to send it. Go back,"
                        + " reload the page, and try again.", path);
    }

    /** A form body the gateway cannot read: not a form, too large, or badly encoded. */
    public static ErrorPage badForm(Frame frame, String path, String why) {
        return new ErrorPage(frame, 400, "This form could not be read", why, path);
    }

    public static ErrorPage failed(String path) {
        return new ErrorPage(Frame.outside("Something went wrong"), 500, "Something went wrong",
                "The gateway could not build this page. Try again in a moment; if it keeps happening, the"
                        + " gateway's log says why.", path);
    }
}
