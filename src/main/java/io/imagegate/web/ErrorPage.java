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

    public static ErrorPage failed(String path) {
        return new ErrorPage(Frame.outside("Something went wrong"), 500, "Something went wrong",
                "The gateway could not build this page. Try again in a moment; if it keeps happening, the"
                        + " gateway's log says why.", path);
    }
}
