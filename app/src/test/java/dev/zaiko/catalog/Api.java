package dev.zaiko.catalog;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A thin JSON client for the running application, plus sample product bodies. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    Api(int port) {
        this.base = "http://localhost:" + port;
    }

    record Response(int status, String contentType, String location, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String detail() {
            return json().path("detail").asString();
        }
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Response post(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text(body))));
    }

    Response put(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(text(body))));
    }

    private static String text(Object body) {
        return body instanceof String s ? s : JSON.writeValueAsString(body);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null),
                    response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A SKU no other test uses, so tests sharing one database never see each other's products. */
    static String uniqueSku(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** A complete, valid product body. */
    static ObjectNode tent(String sku) {
        ObjectNode body = JSON.createObjectNode();
        body.put("sku", sku);
        body.putObject("name").put("ja", "ドームテント 4人用").put("en", "Dome tent for 4");
        body.put("category", "tent");
        body.putArray("purposeTags").add("camping").add("shelter");
        ObjectNode attributes = body.putObject("attributes");
        attributes.putObject("capacity").put("value", 4).put("unit", "persons");
        attributes.putObject("height").put("value", 1500).put("unit", "mm");
        attributes.putObject("material").put("value", "polyester");
        body.put("price", 29800);
        body.put("supplier", "Yamanami Outdoor");
        body.put("leadTimeDays", 14);
        return body;
    }
}
