package dev.zaiko.connector;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.zaiko.connector.smaregi.SmaregiConnector;
import dev.zaiko.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Smaregi's completion notice of a bulk stock update, posted to the signed URL the push handed out
 * ({@link SmaregiConnector#CALLBACK_PATH}{@code {channel}?nonce=…&signature=…}). The URL is the only
 * proof (Smaregi sends no key): a channel without a Smaregi connector, a signature that is not the
 * one Zaiko made for this channel under its {@code callbackSecret}, or no signature at all are all
 * answered alike, "not found", and change nothing. A genuine notice becomes the connector's health:
 * every update done is a success, an update Smaregi failed is the connector's last error in
 * Smaregi's words, shown on the dashboard. (The drift check reads the till back and pushes again
 * whatever did not land.)
 * <p>
 * The query's signature is a key: it is never logged or echoed.
 */
@Service
class ReceivingSmaregiCallbacks {

    private static final Logger log = LoggerFactory.getLogger(ReceivingSmaregiCallbacks.class);

    private final ConnectorAccounts accounts;

    ReceivingSmaregiCallbacks(ConnectorAccounts accounts) {
        this.accounts = accounts;
    }

    /**
     * @param received how many bulk updates the notice reports
     * @param failed   how many of them Smaregi failed
     */
    public record Outcome(int received, int failed) {
    }

    /**
     * @param query the callback URL's query parameters ({@code nonce}, {@code signature})
     * @throws NotFoundException when the URL is not one Zaiko handed out for this channel
     */
    Outcome receive(String channel, Map<String, String> query, byte[] body) {
        Optional<List<SmaregiConnector.CallbackResult>> read = accounts.connectorOf(channel)
                .filter(SmaregiConnector.class::isInstance).map(SmaregiConnector.class::cast)
                .flatMap(connector -> accounts.account(channel).flatMap(a -> connector.readCallback(a, query, body)));
        if (read.isEmpty()) {
            log.info("A Smaregi callback for channel {} was refused: not a URL Zaiko handed out", channel);
            throw new NotFoundException("Nothing awaits a notice at this address.");
        }
        List<SmaregiConnector.CallbackResult> results = read.get();
        List<SmaregiConnector.CallbackResult> failures = results.stream().filter(r -> !r.succeeded()).toList();
        if (!failures.isEmpty()) {
            String message = "Smaregi failed the bulk stock update " + failures.stream()
                    .map(f -> f.requestId() + (f.problems().isEmpty() ? "" : ": " + String.join("; ", f.problems())))
                    .reduce((a, b) -> a + " | " + b).orElse("");
            accounts.failed(channel, message);
            log.warn("Channel {}: {}", channel, message);
        } else if (!results.isEmpty()) {
            accounts.succeeded(channel);
        } else {
            log.warn("Channel {}: a signed Smaregi callback named no bulk update Zaiko could read", channel);
        }
        return new Outcome(results.size(), failures.size());
    }
}
