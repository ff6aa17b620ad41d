package io.imagegate.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Paths of the scripts pages load from webjars. A webjar's files sit under its version, so the path is read
 * from the webjar's own Maven properties: upgrading the dependency cannot leave a page pointing at the old one.
 */
public final class Assets {

    /** uPlot's ES module, for the consoles' charts. */
    public static final String UPLOT_JS = webjar("org.webjars.npm", "uplot") + "/dist/uPlot.esm.js";
    public static final String UPLOT_CSS = webjar("org.webjars.npm", "uplot") + "/dist/uPlot.min.css";

    private Assets() {
    }

    private static String webjar(String group, String artifact) {
        String properties = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Assets.class.getResourceAsStream(properties)) {
            if (in == null) {
                throw new IllegalStateException("webjar " + group + ":" + artifact + " is not on the classpath");
            }
            Properties read = new Properties();
            read.load(in);
            return "/webjars/" + artifact + "/" + read.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
