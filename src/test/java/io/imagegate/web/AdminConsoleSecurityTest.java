package io.imagegate.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The admin console's guards over plain HTTP, as a forger would try them: no state change without the session's
 * CSRF token, the session cookie's attributes, and no data without a session.
 */
class AdminConsoleSecurityTest extends GatewayTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");

    private record Signed(String cookie, String csrf) {
    }

    @Test
    void signingInSetsAnHttpOnlyStrictCookieScopedToTheConsole() {
        Response response = signInResponse(ADMIN_TOKEN);

        assertThat(response.status()).isEqualTo(303);
        assertThat(response.header("location")).isEqualTo("/admin/accounts");
        String cookie = response.header("set-cookie");
        assertThat(cookie).startsWith("imagegate_admin=").contains("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/admin").doesNotContain("Secure");
    }

    @Test
    void aWrongTokenIsTheFormAgainWithA401AndNoCookie() {
        Response response = signInResponse("not-the-admin-token-at-all");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("set-cookie")).isNull();
        assertThat(text(response)).contains("That is not this gateway's admin token").contains("Admin token");
    }

    @Test
    void aSignInFromAnotherSitesPageIsRefused() {
        Response response = http.send(form("/admin/sign-in", "token=" + ADMIN_TOKEN)
                .header("Origin", "https://evil.example"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("set-cookie")).isNull();
    }

    @Test
    void aSignInThatTheBrowserSaysCameFromAnotherSiteIsRefused() {
        Response response = http.send(form("/admin/sign-in", "token=" + ADMIN_TOKEN)
                .header("Sec-Fetch-Site", "cross-site").header("Origin", "null"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("set-cookie")).isNull();
    }

    @Test
    void theAccountsPageWithoutASessionSendsToSignInAndShowsNoData() {
        String id = admin.createAccount("Secret holdings ltd", "9.00");

        Response list = http.get("/admin/accounts");
        Response one = http.get("/admin/accounts/" + id);

        for (Response response : new Response[] {list, one}) {
            assertThat(response.status()).isEqualTo(303);
            assertThat(response.header("location")).isEqualTo("/admin");
            assertThat(text(response)).doesNotContain("Secret holdings");
        }
        assertThat(text(http.get("/admin"))).contains("Admin token").doesNotContain("Secret holdings");
    }

    @Test
    void aCreditWithoutTheCsrfTokenIsA403PageAndChangesNothing() {
        String id = admin.createAccount("csrf test", "5.00");
        Signed signed = signIn();

        Response response = http.send(form("/admin/accounts/" + id + "/credit", "amount=100.00")
                .header("Cookie", signed.cookie()));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("content-type")).startsWith("text/html");
        assertThat(text(response)).contains("This form cannot be sent");
        assertThat(admin.balance(id)).isEqualTo("5.00");
    }

    @Test
    void aCreditWithAnotherSessionsTokenIsA403AndChangesNothing() {
        String id = admin.createAccount("csrf test", "5.00");
        Signed mine = signIn();
        Signed theirs = signIn();

        Response response = http.send(form("/admin/accounts/" + id + "/credit",
                "csrf_token=" + theirs.csrf() + "&amount=100.00").header("Cookie", mine.cookie()));

        assertThat(response.status()).isEqualTo(403);
        assertThat(admin.balance(id)).isEqualTo("5.00");
    }

    @Test
    void aCreditWithTheTokenButWithoutASessionIsA403AndChangesNothing() {
        String id = admin.createAccount("csrf test", "5.00");
        Signed signed = signIn();

        Response response = http.send(form("/admin/accounts/" + id + "/credit",
                "csrf_token=" + signed.csrf() + "&amount=100.00"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(admin.balance(id)).isEqualTo("5.00");
    }

    @Test
    void aCreditWithItsSessionsTokenIsMadeAndRedirectsToTheAccount() {
        String id = admin.createAccount("csrf test", "5.00");
        Signed signed = signIn();

        Response response = http.send(form("/admin/accounts/" + id + "/credit",
                "csrf_token=" + signed.csrf() + "&amount=2.50&note=" + URLEncoder.encode("goodwill",
                        StandardCharsets.UTF_8)).header("Cookie", signed.cookie()));

        assertThat(response.status()).isEqualTo(303);
        assertThat(response.header("location")).isEqualTo("/admin/accounts/" + id);
        assertThat(admin.balance(id)).isEqualTo("7.50");
    }

    @Test
    void everyOtherStateChangeWithoutTheTokenIsA403AndChangesNothing() {
        var key = admin.newKey("4.00");
        String prices = admin.get("/admin/v1/prices/nano-banana").json().toString();
        long accounts = jdbc.sql("SELECT COUNT(*) FROM accounts").query(Long.class).single();
        Signed signed = signIn();

        for (String[] post : new String[][] {
                {"/admin/accounts", "name=forged&balance=1000"},
                {"/admin/accounts/" + key.accountId() + "/disabled", "disabled=true"},
                {"/admin/accounts/" + key.accountId() + "/keys", "max_concurrent=5"},
                {"/admin/keys/" + key.id() + "/revoke", ""},
                {"/admin/keys/" + key.id() + "/limits", "requests_per_minute=1"},
                {"/admin/prices/nano-banana", "price_1K=0"},
                {"/admin/channels/sandbox/reset", ""},
                {"/admin/sign-out", ""}}) {
            Response response = http.send(form(post[0], post[1]).header("Cookie", signed.cookie()));
            assertThat(response.status()).as(post[0]).isEqualTo(403);
        }

        assertThat(jdbc.sql("SELECT COUNT(*) FROM accounts").query(Long.class).single()).isEqualTo(accounts);
        assertThat(admin.account(key.accountId()).get("disabled").asBoolean()).isFalse();
        assertThat(admin.get("/admin/v1/keys?account_id=" + key.accountId()).json().get("data")).hasSize(1);
        assertThat(admin.get("/admin/v1/keys?account_id=" + key.accountId()).json().get("data").get(0)
                .get("requests_per_minute").isNull()).isTrue();
        assertThat(admin.get("/admin/v1/prices/nano-banana").json().toString()).isEqualTo(prices);
        assertThat(http.post("/v1/images/generations", "{\"model\":\"nano-banana\",\"prompt\":\"a fox\"}",
                key.header()).status()).as("the key still works").isEqualTo(200);
        assertThat(http.get("/admin/accounts", java.util.Map.of("Cookie", signed.cookie())).status())
                .as("still signed in").isEqualTo(200);
    }

    @Test
    void anUnknownAccountIsAnHtml404() {
        Signed signed = signIn();

        Response response = http.get("/admin/accounts/acct_nope", java.util.Map.of("Cookie", signed.cookie()));

        assertThat(response.status()).isEqualTo(404);
        assertThat(text(response)).contains("Page not found");
    }

    @Test
    void afterSignOutTheSessionOpensNothing() {
        Signed signed = signIn();

        Response out = http.send(form("/admin/sign-out", "csrf_token=" + signed.csrf())
                .header("Cookie", signed.cookie()));
        Response after = http.get("/admin/accounts", java.util.Map.of("Cookie", signed.cookie()));

        assertThat(out.status()).isEqualTo(303);
        assertThat(out.header("set-cookie")).contains("Max-Age=0");
        assertThat(after.status()).isEqualTo(303);
        assertThat(after.header("location")).isEqualTo("/admin");
    }

    @Test
    void theConsolesPathsLeaveTheJsonApiToItsBearerToken() {
        Signed signed = signIn();

        Response api = http.get("/admin/v1/accounts", java.util.Map.of("Cookie", signed.cookie()));

        assertThat(api.status()).as("a console cookie is not the admin token").isEqualTo(401);
        assertThat(api.header("content-type")).startsWith("application/json");
    }

    private Signed signIn() {
        Response response = signInResponse(ADMIN_TOKEN);
        assertThat(response.status()).isEqualTo(303);
        String cookie = response.header("set-cookie").split(";", 2)[0];
        Response page = http.get("/admin/accounts", java.util.Map.of("Cookie", cookie));
        assertThat(page.status()).isEqualTo(200);
        Matcher csrf = CSRF.matcher(text(page));
        assertThat(csrf.find()).as("the page carries its CSRF token").isTrue();
        return new Signed(cookie, csrf.group(1));
    }

    private Response signInResponse(String token) {
        return http.send(form("/admin/sign-in", "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))
                .header("Origin", "http://localhost:" + port));
    }

    private HttpRequest.Builder form(String path, String body) {
        return HttpRequest.newBuilder(URI.create(http.base() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html");
    }

    private static String text(Response response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
