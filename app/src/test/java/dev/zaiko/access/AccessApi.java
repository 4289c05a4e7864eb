package dev.zaiko.access;

import java.util.Map;

import dev.zaiko.support.ShopApi;
import tools.jackson.databind.JsonNode;

/** A test client that can call as nobody, as a given token, or as a signed-in console user. */
class AccessApi extends ShopApi {

    AccessApi(int port) {
        super(port);
    }

    static AccessApi anonymous(int port) {
        AccessApi api = new AccessApi(port);
        api.useToken(null);
        return api;
    }

    static AccessApi withToken(int port, String token) {
        AccessApi api = new AccessApi(port);
        api.useToken(token);
        return api;
    }

    /** A new token of the given scope, made by the admin test client. */
    static String token(ShopApi admin, String name, String scope) {
        JsonNode created = admin.ok(admin.post("/api/access/tokens",
                JSON.createObjectNode().put("name", name).put("scope", scope)));
        return created.path("token").asString();
    }

    /** Signs in through the form as a browser does; the answer is the form's redirect. */
    Response trySignIn(String username, String password) {
        page("/login");
        return postForm("/login", Map.of("username", username, "password", password));
    }
}
