package dev.zaiko.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an order request asked for, to tell a replay of {@code (channel, externalRef)} from a
 * different order under the same reference. Compared as a canonical form, so that how the JSON
 * was written (field order, an omitted field versus its default, spaces around a name) does not
 * matter, only what it asks for:
 * <ul>
 * <li>the request as the application reads it (every field of {@link OrderRequest}, so a field
 * added there is covered without change here), without {@code channel} and {@code externalRef}
 * (they are the key);</li>
 * <li>texts stripped; null, blank and absent are the same; a field equal to its default
 * ({@link #DEFAULTS}) is left out; object members sorted by name; lines kept in their order;</li>
 * <li>the customer's name, email and phone as SHA-256 digests salted with the order number, so
 * the form holds no personal data of its own.</li>
 * </ul>
 * The form is stored with the order next to its SHA-256 ({@code hash}); equal hashes mean the
 * same order, and the forms name what differs.
 *
 * @param hash SHA-256 of {@code form}, lower-case hex
 * @param form the canonical form, compact JSON
 */
record RequestFingerprint(String hash, String form) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> KEY = Set.of("channel", "externalRef");
    private static final Set<String> PERSONAL = Set.of("customer.name", "customer.email", "customer.phone");
    /** What the order records for an absent field: a field equal to it is the same as an absent one. */
    static final Map<String, String> DEFAULTS = Map.of("express", "false", "gift", "false", "b2b", "false",
            "shippingFee", "0", "customer.locale", "\"ja\"", "payment.pointsUsed", "0",
            "payment.giftBalanceUsed", "0", "payment.couponDiscount", "0");

    /** @param orderNumber the order the request is (or would be) recorded as: it salts the personal digests */
    static RequestFingerprint of(OrderRequest request, OrderNumber orderNumber) {
        JsonNode canonical = canonical("", JSON.valueToTree(request), orderNumber.digits());
        String form = JSON.writeValueAsString(canonical == null ? JsonNodeFactory.instance.objectNode() : canonical);
        return new RequestFingerprint(sha256(form), form);
    }

    boolean sameAs(RequestFingerprint other) {
        return hash.equals(other.hash);
    }

    /**
     * The fields whose values differ, as JSON paths like the field errors of a 400 ({@code
     * payment.amount}, {@code lines[0].quantity}; {@code lines} alone when the number of lines differs).
     */
    List<String> differencesFrom(RequestFingerprint other) {
        List<String> out = new ArrayList<>();
        diff("", JSON.readTree(form), JSON.readTree(other.form), out);
        return out;
    }

    private static JsonNode canonical(String path, JsonNode node, String salt) {
        if (node == null || node.isNull() || node.isMissingNode()) return null;
        if (node.isObject()) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            for (String name : new TreeSet<>(node.propertyNames())) {
                String at = path.isEmpty() ? name : path + "." + name;
                if (path.isEmpty() && KEY.contains(name)) continue;
                JsonNode value = canonical(at, node.get(name), salt);
                if (value == null || value.toString().equals(DEFAULTS.get(at))) continue;
                sorted.set(name, PERSONAL.contains(at) ? JsonNodeFactory.instance.stringNode(
                        "sha256:" + sha256(salt + ":" + value.stringValue())) : value);
            }
            return sorted.isEmpty() ? null : sorted;
        }
        if (node.isArray()) {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : node) {
                JsonNode value = canonical(path + "[]", item, salt);
                items.add(value == null ? JsonNodeFactory.instance.nullNode() : value);
            }
            return items;
        }
        if (node.isString()) {
            String text = node.stringValue().strip();
            return text.isEmpty() ? null : JsonNodeFactory.instance.stringNode(text);
        }
        return node;
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a == null || b == null) {
            if (a != b) out.add(path);
            return;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> names = new TreeSet<>(a.propertyNames());
            names.addAll(b.propertyNames());
            for (String name : names) diff(path.isEmpty() ? name : path + "." + name, a.get(name), b.get(name), out);
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) diff(path + "[" + i + "]", a.get(i), b.get(i), out);
        } else if (!a.equals(b)) {
            out.add(path);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
