package dev.zaiko.connector;

import java.util.ArrayList;
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
 * one Zaiko made for this channel under its {@code callbackSecret}, no signature at all, or a
 * genuine signature on a nonce no push of this channel was handed out with are all answered alike,
 * "not found", and change nothing. Each nonce is taken once ({@link FollowingAsyncPushes}): the same
 * notice again (Smaregi may deliver it twice; anyone may replay it) is answered 200 with nothing
 * received and changes nothing. Only the entries naming the {@code requestId} Smaregi answered that
 * push with count; another is ignored with a warning. A genuine notice becomes the connector's health:
 * an update done is a success, an update Smaregi failed is the connector's last error in Smaregi's
 * words, shown on the dashboard, and the SKUs that request carried are pushed again (those whose
 * value was not superseded meanwhile).
 * <p>
 * The query's signature is a key: it is never logged or echoed.
 */
@Service
class ReceivingSmaregiCallbacks {

    private static final Logger log = LoggerFactory.getLogger(ReceivingSmaregiCallbacks.class);
    private static final String NOT_FOUND = "Nothing awaits a notice at this address.";

    private final ConnectorAccounts accounts;
    private final FollowingAsyncPushes async;

    ReceivingSmaregiCallbacks(ConnectorAccounts accounts, FollowingAsyncPushes async) {
        this.accounts = accounts;
        this.async = async;
    }

    /**
     * @param received how many bulk updates the notice reports (0 for a notice taken before)
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
            throw new NotFoundException(NOT_FOUND);
        }
        String nonce = query.get("nonce");
        Optional<FollowingAsyncPushes.Awaiting> awaiting = async.find(channel, nonce);
        if (awaiting.isEmpty()) {
            log.info("A Smaregi callback for channel {} was refused: no push of the channel was handed that URL",
                    channel);
            throw new NotFoundException(NOT_FOUND);
        }
        if (awaiting.get().answered()) {
            log.info("Channel {}: a Smaregi notice came again for a bulk update answered already: nothing changed",
                    channel);
            return new Outcome(0, 0);
        }
        String requestId = awaiting.get().requestId();
        List<SmaregiConnector.CallbackResult> results = new ArrayList<>();
        for (SmaregiConnector.CallbackResult r : read.get()) {
            if (r.requestId().equals(requestId)) results.add(r);
            else log.warn("Channel {}: a Smaregi notice named the bulk update {} at the URL handed out with {}: ignored",
                    channel, r.requestId(), requestId);
        }
        if (results.isEmpty()) {
            log.warn("Channel {}: a signed Smaregi callback named no bulk update Zaiko could read", channel);
            return new Outcome(0, 0);
        }
        List<SmaregiConnector.CallbackResult> failures = results.stream().filter(r -> !r.succeeded()).toList();
        if (!async.answer(channel, nonce, failures.isEmpty())) {
            return new Outcome(0, 0); // the same notice, delivered twice at once: the other delivery took it
        }
        if (!failures.isEmpty()) {
            String message = "Smaregi failed the bulk stock update " + failures.stream()
                    .map(f -> f.requestId() + (f.problems().isEmpty() ? "" : ": " + String.join("; ", f.problems())))
                    .reduce((a, b) -> a + " | " + b).orElse("");
            accounts.failed(channel, message);
            log.warn("Channel {}: {}", channel, message);
        } else {
            accounts.succeeded(channel);
        }
        return new Outcome(results.size(), failures.size());
    }
}
