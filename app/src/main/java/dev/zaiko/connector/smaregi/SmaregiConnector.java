package dev.zaiko.connector.smaregi;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import dev.zaiko.connector.ConnectorAccount;
import dev.zaiko.connector.ConnectorHttp;
import dev.zaiko.connector.Platform;
import dev.zaiko.connector.PlatformClient;
import dev.zaiko.connector.PlatformConnector;
import tools.jackson.databind.JsonNode;

/**
 * Smaregi POS (スマレジ, the physical store's till) through the Smaregi Platform API
 * (https://developers.smaregi.dev/platform-api-reference/common).
 * <p>
 * Settings: {@code contractId} (契約ID), {@code storeId} (店舗ID, the store whose stock Zaiko sets)
 * and {@code callbackBaseUrl} (Zaiko's public https address Smaregi can reach, for the bulk
 * update's completion notice). Credentials: {@code clientId} and {@code clientSecret} of the
 * Smaregi app (client credentials grant), and {@code callbackSecret} (a random secret Zaiko keeps to
 * sign the callback URLs it hands to Smaregi). Mapping: {@code productId} (商品ID) per SKU.
 * <p>
 * Limits: {@code PATCH /pos/stock/bulk} takes at most 100 stock rows per request
 * (https://developers.smaregi.dev/platform-api-reference/apis/pos/operations/patchstockbulk). The
 * Platform API has been rate-limited per contract since 2024-05-14, counted per second, with the
 * figures in the common specification's レート制限 section
 * (https://developers.smaregi.dev/apidoc/common/#section/レート制限), which asks clients to keep out
 * of throttling rather than lean on it; one bulk request a second (6,000 rows a minute, far more than
 * a till's changes) stays well inside it, and a 429 is honoured with its {@code Retry-After}.
 * <p>
 * The bulk update is asynchronous: Smaregi answers 202 with a {@code requestId} and later POSTs the
 * result to the {@code callbackUrl} given in the request. Zaiko gives a URL of its own,
 * {@code {callbackBaseUrl}/api/connector/smaregi/callback/{channel}?nonce=…&signature=…}, where the
 * signature is an HMAC-SHA256 of the channel and a fresh nonce under {@code callbackSecret}: the
 * documentation names no signature on these notices (only {@code Content-Type}), so the URL itself is
 * the proof, and {@link #readCallback} checks it before reading the body.
 */
@Component
public class SmaregiConnector implements PlatformConnector {

    static final int MAX_BATCH = 100;
    /** The path Zaiko serves the bulk update's completion notice on (the core's controller). */
    public static final String CALLBACK_PATH = "/api/connector/smaregi/callback/";

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,15}");
    private static final Pattern CONTRACT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Clock clock;

    public SmaregiConnector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Platform platform() {
        return Platform.SMAREGI;
    }

    @Override
    public Limits limits() {
        return new Limits(1.0, 1, MAX_BATCH);
    }


    /**
     * Till sales must reach the other channels within seconds: one 取引一覧 call every 10 seconds per
     * store (with its details in the same answer) is a small share of the contract's per-second rate.
     */
    @Override
    public java.time.Duration tillSalePullEvery() {
        return java.time.Duration.ofSeconds(10);
    }

    @Override
    public List<Field> fields() {
        return List.of(Field.setting("contractId", true), Field.setting("storeId", true),
                Field.setting("callbackBaseUrl", true), Field.credential("clientId", true),
                Field.credential("clientSecret", true), Field.credential("callbackSecret", true));
    }

    @Override
    public List<FieldProblem> validate(ConnectorAccount account) {
        List<FieldProblem> problems = new ArrayList<>();
        String contract = account.setting("contractId");
        if (blank(contract)) problems.add(new FieldProblem("settings.contractId", "The Smaregi contract id is required"));
        else if (!CONTRACT.matcher(contract).matches()) {
            problems.add(new FieldProblem("settings.contractId", "Letters, digits, - and _ only"));
        }
        String store = account.setting("storeId");
        if (blank(store)) problems.add(new FieldProblem("settings.storeId", "The Smaregi store id is required"));
        else if (!DIGITS.matcher(store).matches()) {
            problems.add(new FieldProblem("settings.storeId", "The store id is a number"));
        }
        String callback = account.setting("callbackBaseUrl");
        if (blank(callback)) {
            problems.add(new FieldProblem("settings.callbackBaseUrl",
                    "Zaiko's public address is required: Smaregi reports bulk updates to it"));
        } else if (!callback.matches("https?://\\S+") || URI.create(callback).getHost() == null) {
            problems.add(new FieldProblem("settings.callbackBaseUrl", "Must be an http(s) URL"));
        }
        for (String name : List.of("clientId", "clientSecret", "callbackSecret")) {
            if (blank(account.credential(name))) {
                problems.add(new FieldProblem("credentials." + name, "Required"));
            }
        }
        return problems;
    }

    @Override
    public PlatformClient client(ConnectorAccount account, ConnectorHttp http) {
        return new SmaregiClient(account, http, clock);
    }

    /**
     * The completion notice of a bulk update, as Zaiko received it on {@link #CALLBACK_PATH}
     * {@code {channel}}: empty when the URL's signature is not the one Zaiko gave (then answer 404
     * and change nothing); else each {@code requestId} the notice names (the 202's
     * {@code requestId}) with Smaregi's words where it reports a failure.
     *
     * @param query the callback URL's query parameters ({@code nonce}, {@code signature})
     */
    public Optional<List<CallbackResult>> readCallback(ConnectorAccount account, Map<String, String> query, byte[] body) {
        String nonce = query.get("nonce");
        String signature = query.get("signature");
        if (nonce == null || signature == null || account.credential("callbackSecret") == null) return Optional.empty();
        byte[] expected = sign(account.credential("callbackSecret"), account.channel(), nonce)
                .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) return Optional.empty();
        JsonNode json;
        try {
            json = SmaregiClient.JSON.readTree(body);
        } catch (RuntimeException e) {
            return Optional.of(List.of());
        }
        List<CallbackResult> results = new ArrayList<>();
        for (JsonNode entry : json.isArray() ? json : SmaregiClient.JSON.createArrayNode().add(json)) {
            JsonNode id = entry.path("requestId");
            if (id.isMissingNode() || id.isNull()) continue;
            List<String> problems = new ArrayList<>();
            for (String field : List.of("errors", "error", "errorMessage", "message", "detail")) {
                JsonNode value = entry.path(field);
                if (value.isString() && !value.asString().isBlank()) problems.add(value.asString());
                if (value.isArray()) for (JsonNode item : value) problems.add(item.isString() ? item.asString() : item.toString());
            }
            results.add(new CallbackResult(id.asString(), problems.isEmpty(), problems));
        }
        return Optional.of(results);
    }

    /**
     * @param requestId the {@code requestId} Smaregi answered the bulk update with (the push's reference)
     * @param succeeded false when the notice carries an error for it
     * @param problems  Smaregi's words for the failure, else empty
     */
    public record CallbackResult(String requestId, boolean succeeded, List<String> problems) {
    }

    /** The callback URL for one bulk update: the channel's path with a fresh nonce and its signature. */
    static String callbackUrl(ConnectorAccount account, String nonce) {
        String base = account.setting("callbackBaseUrl");
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        return base + CALLBACK_PATH
                + java.net.URLEncoder.encode(account.channel(), StandardCharsets.UTF_8).replace("+", "%20") + "?nonce=" + nonce + "&signature="
                + sign(account.credential("callbackSecret"), account.channel(), nonce);
    }

    static String sign(String secret, String channel, String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((channel + "\n" + nonce).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
