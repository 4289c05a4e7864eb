package dev.zaiko.channel;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;


/**
 * The {@code Zaiko-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}
 * keyed with the endpoint's secret (UTF-8). While a rotated secret overlaps, a second {@code v1=}
 * keyed with the replaced secret follows the first: a receiver accepts the delivery when any
 * {@code v1} matches a secret it holds. See docs/channel-sync.md for checking it.
 */
public final class WebhookSignature {

    public static final String HEADER = "Zaiko-Signature";

    private WebhookSignature() {
    }

    public static String header(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds + "." + body);
    }

    /** @param previousSecret the replaced secret while it still overlaps, else null */
    public static String header(String secret, String previousSecret, long unixSeconds, String body) {
        String header = header(secret, unixSeconds, body);
        return previousSecret == null ? header : header + ",v1=" + hmac(previousSecret, unixSeconds + "." + body);
    }

    public static String hmac(String secret, String text) {
        return HexFormat.of().formatHex(dev.zaiko.platform.Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8),
                text.getBytes(StandardCharsets.UTF_8)));
    }
}
