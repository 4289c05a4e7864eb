package dev.zaiko.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chaos run's HTTP client: JSON in and out with the bench's admin token, on one Zaiko process.
 * A request the server never answered (connection refused or reset, because it was killed) throws
 * {@link Unanswered}: the caller must treat its effect as unknown, never as done.
 */
final class ChaosClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** No answer came: the request may or may not have taken effect. */
    static final class Unanswered extends RuntimeException {
        Unanswered(String message, Throwable cause) {
            super(message, cause);
        }
    }

    record Reply(int status, String body) {
        JsonNode json() {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        }

        boolean ok() {
            return status / 100 == 2;
        }
    }

    private final String base;
    private final HttpClient http;

    ChaosClient(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply post(String path, JsonNode json) {
        return post(path, JSON.writeValueAsString(json));
    }

    /** The answer's JSON, or an exception naming the call when it is not a 2xx. */
    JsonNode ok(Reply reply, String what) {
        if (!reply.ok()) throw new IllegalStateException(what + " answered " + reply.status() + ": " + reply.body());
        return reply.json();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", ZaikoServer.AUTHORIZATION).header("Accept", "application/json");
    }

    private Reply send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new Unanswered(built.method() + " " + built.uri().getPath() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unanswered(built.method() + " " + built.uri().getPath() + ": interrupted", e);
        }
    }
}
