package io.imagegate.support;

import io.imagegate.support.Http.Response;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Creates accounts and keys through the admin API, the way an operator would. */
public final class Admin {

    private final Http http;
    private final Map<String, String> auth;

    public Admin(Http http, String token) {
        this.http = http;
        this.auth = Map.of("Authorization", "Bearer " + token);
    }

    public record Key(String id, String secret, String accountId) {

        public Map<String, String> header() {
            return Map.of("x-api-key", secret);
        }
    }

    public Response post(String path, String body) {
        return http.post(path, body, auth);
    }

    public Response get(String path) {
        return http.get(path, auth);
    }

    public Response delete(String path) {
        return http.delete(path, auth);
    }

    public Response put(String path, String body) {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base() + path))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "application/json")
                .header("Authorization", auth.get("Authorization")));
    }

    public Response patch(String path, String body) {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base() + path))
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "application/json")
                .header("Authorization", auth.get("Authorization")));
    }

    public String createAccount(String name, String balance) {
        Response response = post("/admin/v1/accounts", "{\"name\":\"" + name + "\",\"balance\":\"" + balance + "\"}");
        if (response.status() != 201) {
            throw new AssertionError("account not created: " + response);
        }
        return response.json().get("id").asString();
    }

    public Key createKey(String accountId, String... models) {
        String allowList = models.length == 0 ? "" : ",\"models\":[\"" + String.join("\",\"", models) + "\"]";
        return createKeyWith(accountId, allowList);
    }

    /** A fresh account holding {@code balance}, and a key with more fields, e.g. {@code "max_concurrent": 1}. */
    public Key newLimitedKey(String balance, String keyFields) {
        return createKeyWith(createAccount("test", balance), "," + keyFields);
    }

    private Key createKeyWith(String accountId, String moreFields) {
        Response response = post("/admin/v1/keys", "{\"account_id\":\"" + accountId + "\"" + moreFields + "}");
        if (response.status() != 201) {
            throw new AssertionError("key not created: " + response);
        }
        return new Key(response.json().get("id").asString(), response.json().get("key").asString(), accountId);
    }

    /** A fresh account with a balance and a key for every model. */
    public Key newKey() {
        return createKey(createAccount("test", "10.00"));
    }

    /** A fresh account holding exactly {@code balance}, and a key for it. */
    public Key newKey(String balance) {
        return createKey(createAccount("test", balance));
    }

    /** {@code GET /admin/v1/accounts/{id}} as JSON: balance, held, available, disabled. */
    public JsonNode account(String accountId) {
        Response response = get("/admin/v1/accounts/" + accountId);
        if (response.status() != 200) {
            throw new AssertionError("account not read: " + response);
        }
        return response.json();
    }

    public String balance(String accountId) {
        return account(accountId).get("balance").asString();
    }

    /** Waits (30 s at most) until the account holds {@code amount}: a request in flight has placed its hold. */
    public void awaitHeld(String accountId, String amount) throws InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        while (java.time.Instant.now().isBefore(deadline)) {
            if (account(accountId).get("held").asString().equals(amount)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the request never placed its hold: " + account(accountId));
    }

    /** Fails unless {@code GET /admin/v1/reconcile} finds every balance equal to its ledger. */
    public void assertBooksBalance() {
        Response response = get("/admin/v1/reconcile");
        if (response.status() != 200 || !response.json().get("ok").asBoolean()) {
            throw new AssertionError("books do not balance: " + response);
        }
    }

    /** The account's ledger entries, newest first. */
    public JsonNode ledger(String accountId) {
        Response response = get("/admin/v1/accounts/" + accountId + "/ledger?limit=1000");
        if (response.status() != 200) {
            throw new AssertionError("ledger not read: " + response);
        }
        return response.json().get("data");
    }
}
