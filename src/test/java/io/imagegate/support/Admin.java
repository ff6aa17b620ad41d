package io.imagegate.support;

import io.imagegate.support.Http.Response;
import java.util.Map;

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

    public String createAccount(String name, String balance) {
        Response response = post("/admin/v1/accounts", "{\"name\":\"" + name + "\",\"balance\":\"" + balance + "\"}");
        if (response.status() != 201) {
            throw new AssertionError("account not created: " + response);
        }
        return response.json().get("id").asString();
    }

    public Key createKey(String accountId, String... models) {
        String allowList = models.length == 0 ? "" : ",\"models\":[\"" + String.join("\",\"", models) + "\"]";
        Response response = post("/admin/v1/keys", "{\"account_id\":\"" + accountId + "\"" + allowList + "}");
        if (response.status() != 201) {
            throw new AssertionError("key not created: " + response);
        }
        return new Key(response.json().get("id").asString(), response.json().get("key").asString(), accountId);
    }

    /** A fresh account with a balance and a key for every model. */
    public Key newKey() {
        return createKey(createAccount("test", "10.00"));
    }
}
