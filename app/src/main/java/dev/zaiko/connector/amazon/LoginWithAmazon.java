package dev.zaiko.connector.amazon;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.zaiko.connector.ConnectorAccount;
import dev.zaiko.connector.ConnectorException;
import dev.zaiko.connector.ConnectorHttp;
import dev.zaiko.platform.outbound.OutboundHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Login with Amazon (LWA) access token of one account: exchanged for the stored refresh token
 * (grant {@code refresh_token}, form-encoded {@code client_id}, {@code client_secret},
 * {@code refresh_token}), valid one hour ({@code expires_in} 3600), used until {@link #MARGIN}
 * before it expires, then exchanged again. The token is kept in memory and in the account's
 * {@link ConnectorAccount.TokenStore} (encrypted there) so a new client of the same channel does not
 * ask LWA again.
 *
 * @see <a href="https://developer-docs.amazon.com/sp-api/docs/connecting-to-the-selling-partner-api">Connecting
 *      to the SP-API, step 1: request a Login with Amazon access token</a>
 */
final class LoginWithAmazon {

    /** The LWA authorization server for every SP-API region. */
    static final String TOKEN_URL = "https://api.amazon.com/auth/o2/token";
    /** A token this close to its end is not used any more: a request must not arrive with an expired one. */
    static final Duration MARGIN = Duration.ofSeconds(60);
    static final String STORED_TOKEN = "accessToken";
    static final String STORED_EXPIRY = "accessTokenExpiresAt";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConnectorAccount account;
    private final ConnectorHttp http;
    private final Clock clock;
    private final URI tokenUrl;
    private final Redaction redaction;
    private String token;
    private Instant expiresAt = Instant.MIN;

    LoginWithAmazon(ConnectorAccount account, ConnectorHttp http, Clock clock, URI tokenUrl, Redaction redaction) {
        this.account = account;
        this.http = http;
        this.clock = clock;
        this.tokenUrl = tokenUrl;
        this.redaction = redaction;
        if (account.tokens() != null) {
            Optional<String> stored = account.tokens().get(STORED_TOKEN);
            Optional<String> until = account.tokens().get(STORED_EXPIRY);
            if (stored.isPresent() && until.isPresent()) {
                try {
                    token = stored.get();
                    expiresAt = Instant.parse(until.get());
                } catch (RuntimeException unreadable) {
                    token = null;
                    expiresAt = Instant.MIN;
                }
            }
        }
    }

    /** A token valid for at least {@link #MARGIN} more. */
    synchronized String accessToken() throws ConnectorException {
        if (token == null || !clock.instant().plus(MARGIN).isBefore(expiresAt)) refresh();
        return token;
    }

    /** Forgets the token (the API called it expired or refused it): the next {@link #accessToken()} asks LWA. */
    synchronized void forget(String refused) {
        if (refused != null && refused.equals(token)) {
            token = null;
            expiresAt = Instant.MIN;
        }
    }

    private void refresh() throws ConnectorException {
        String form = "grant_type=refresh_token"
                + "&refresh_token=" + encode(account.credential("refreshToken"))
                + "&client_id=" + encode(account.credential("clientId"))
                + "&client_secret=" + encode(account.credential("clientSecret"));
        OutboundHttp.Exchange answer;
        try {
            answer = http.send("POST", tokenUrl, Map.of(
                    "Content-Type", "application/x-www-form-urlencoded;charset=UTF-8",
                    "Accept", "application/json"), form.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConnectorException.Failed(redaction.apply(
                    "Login with Amazon could not be reached: " + e.getMessage()), null);
        }
        JsonNode body = readQuietly(answer.body());
        int status = answer.status();
        if (status == 200 && body.path("access_token").isString()) {
            token = body.path("access_token").asString();
            long seconds = body.path("expires_in").asLong(3600);
            expiresAt = clock.instant().plusSeconds(seconds);
            if (account.tokens() != null) {
                account.tokens().put(STORED_TOKEN, token);
                account.tokens().put(STORED_EXPIRY, expiresAt.toString());
            }
            return;
        }
        String why = body.path("error").asString("") + " " + body.path("error_description").asString("");
        why = why.isBlank() ? "HTTP " + status : why.trim();
        if (status == 429) {
            throw new ConnectorException.Throttled("Login with Amazon asked to slow down", Duration.ofSeconds(1));
        }
        if (status == 400 || status == 401 || status == 403) {
            // invalid_grant (refresh token revoked or expired), invalid_client (client id or secret wrong)
            throw new ConnectorException.Unauthorized(redaction.apply(
                    "Login with Amazon refused the refresh token exchange: " + why));
        }
        throw new ConnectorException.Failed(redaction.apply("Login with Amazon answered " + status + ": " + why), null);
    }

    static JsonNode readQuietly(byte[] body) {
        try {
            return body.length == 0 ? JSON.missingNode() : JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.missingNode();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
