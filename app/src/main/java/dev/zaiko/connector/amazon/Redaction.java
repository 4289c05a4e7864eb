package dev.zaiko.connector.amazon;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

import dev.zaiko.connector.ConnectorAccount;

/**
 * Removes every credential value (and the access token of the moment) from a text before it
 * becomes an exception's message: whatever a platform or a library echoes, no secret leaves in it.
 */
final class Redaction implements UnaryOperator<String> {

    private final List<String> secrets;

    Redaction(ConnectorAccount account) {
        this.secrets = account.credentials().values().stream().filter(Objects::nonNull)
                .filter(s -> s.length() >= 4).toList();
    }

    @Override
    public String apply(String text) {
        if (text == null) return null;
        String out = text;
        for (String secret : secrets) out = out.replace(secret, "[redacted]");
        return out.replaceAll("Atz[a-r]\\|[^\\s\"',]+", "[redacted]"); // LWA tokens start Atza| / Atzr|
    }
}
