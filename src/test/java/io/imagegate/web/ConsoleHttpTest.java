package io.imagegate.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The account console's sessions over plain HTTP, as a browser (or a forger) would send them. */
class ConsoleHttpTest extends GatewayTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");

    @Test
    void signingInSetsAStrictHttpOnlyCookieScopedToTheConsoleAndRedirectsToIt() {
        Key key = admin.newKey();

        Response signedIn = signIn(key.secret(), null);

        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(303);
        assertThat(signedIn.header("location")).isEqualTo("/console");
        String cookie = signedIn.header("set-cookie");
        assertThat(cookie).startsWith("imagegate_console=").contains("HttpOnly", "SameSite=Strict", "Path=/console")
                .doesNotContain("Secure").doesNotContain(key.secret());
        Response console = get("/console", cookieOf(signedIn));
        assertThat(console.status()).isEqualTo(200);
        assertThat(text(console)).contains("Sign out", "$10.00").doesNotContain(key.secret());
    }

    @Test
    void anUnknownOrRevokedKeyIsRefusedWith401AndNoCookie() {
        Key key = admin.newKey();
        admin.delete("/admin/v1/keys/" + key.id());

        for (String secret : new String[] {"ig_not-a-key-at-all", key.secret()}) {
            Response refused = signIn(secret, null);

            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("set-cookie")).isNull();
            assertThat(text(refused)).contains("Sign-in failed", "API key");
        }
        assertThat(text(signIn(key.secret(), null))).contains("revoked");
    }

    @Test
    void aSignInPostedFromAnotherSiteIsRefused() {
        Key key = admin.newKey();

        Response forged = signIn(key.secret(), "https://evil.example");

        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.header("set-cookie")).isNull();
        assertThat(signIn(key.secret(), "null").status()).as("an opaque origin, no Sec-Fetch-Site").isEqualTo(403);
        assertThat(signIn(key.secret(), http.base()).status()).as("its own origin").isEqualTo(303);
    }

    @Test
    void signingOutWithoutTheCsrfTokenIsRefusedAndWithItEndsTheSession() {
        Key key = admin.newKey();
        String cookie = cookieOf(signIn(key.secret(), null));
        String csrf = csrfOf(get("/console", cookie));

        Response forged = post("/console/sign-out", "", cookie, null);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(text(forged)).contains("This form cannot be sent");
        assertThat(text(get("/console", cookie))).as("still signed in").contains("Sign out");

        Response out = post("/console/sign-out", "csrf_token=" + csrf, cookie, null);
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.header("set-cookie")).startsWith("imagegate_console=;").contains("Max-Age=0");
        assertThat(text(get("/console", cookie))).as("the old cookie is worth nothing")
                .contains("API key").doesNotContain("Sign out");
    }

    @Test
    void revokingTheKeyEndsItsConsoleSessionAtTheNextPageView() {
        Key key = admin.newKey();
        String cookie = cookieOf(signIn(key.secret(), null));
        assertThat(text(get("/console", cookie))).contains("Sign out");

        admin.delete("/admin/v1/keys/" + key.id());

        Response after = get("/console", cookie);
        assertThat(text(after)).contains("revoked").doesNotContain("Sign out");
        assertThat(after.header("set-cookie")).contains("Max-Age=0");
    }

    private Response signIn(String secret, String origin) {
        return post("/console/sign-in", "api_key=" + URLEncoder.encode(secret, StandardCharsets.UTF_8), null, origin);
    }

    private Response post(String path, String form, String cookie, String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.base() + path))
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "text/html");
        if (cookie != null) {
            request.header("cookie", cookie);
        }
        if (origin != null) {
            request.header("origin", origin);
        }
        return http.send(request);
    }

    private Response get(String path, String cookie) {
        return http.send(HttpRequest.newBuilder(URI.create(http.base() + path)).GET()
                .header("accept", "text/html").header("cookie", cookie));
    }

    private static String cookieOf(Response signedIn) {
        String header = signedIn.header("set-cookie");
        assertThat(header).as(signedIn.toString()).isNotNull();
        return header.substring(0, header.indexOf(';'));
    }

    private static String csrfOf(Response page) {
        Matcher m = CSRF.matcher(text(page));
        assertThat(m.find()).as("a CSRF field on the page").isTrue();
        return m.group(1);
    }

    private static String text(Response response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
