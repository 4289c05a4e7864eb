package dev.zaiko.connector;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import dev.zaiko.channel.ChannelAdapter;
import dev.zaiko.channel.MarketplaceAdapters;
import dev.zaiko.inventory.StockNetwork;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import dev.zaiko.platform.SecretBox;
import dev.zaiko.platform.outbound.OutboundTargets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The connector accounts of channels: setting one (its platform, sandbox switch, base URL, settings
 * and credentials), reading it (credentials never: only which names are set), removing it, testing
 * the connection, and the health a platform call leaves behind. Credentials are stored as one sealed
 * value ({@link SecretBox}, associated data {@code connector_account.credentials}); what a platform
 * hands out (tokens) in {@code connector_token}, sealed too.
 * <p>
 * Setting a connector makes the channel pushed by it: its {@code channel_adapter} row gets the
 * platform's name, rate and batch ({@link MarketplaceAdapters#connect}); removing it removes that row.
 * <p>
 * The platform adapters are the {@link PlatformConnector} beans, one per platform: two beans saying
 * the same platform fail the start ({@link #byPlatform}), rather than one of them being used silently.
 * (A test that wants a fake platform replaces the real adapter's bean, it does not add a second one.)
 */
@Service
public class ConnectorAccounts {

    private static final Logger log = LoggerFactory.getLogger(ConnectorAccounts.class);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };
    static final String TABLE = "connector_account";
    static final String TOKENS = "connector_token";
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final int MAX_VALUE = 8192;
    private static final int RECENT_BULK_PUSHES = 10;

    private final JdbcTemplate jdbc;
    private final SecretBox secrets;
    private final Clock clock;
    private final StockNetwork network;
    private final OutboundTargets targets;
    private final MarketplaceAdapters adapters;
    private final ConnectorHttp http;
    private final ConnectorProperties properties;
    private final Map<Platform, PlatformConnector> connectors = new LinkedHashMap<>();
    private final Map<String, Cached> clients = new ConcurrentHashMap<>();

    private record Cached(Instant version, PlatformConnector connector, PlatformClient client) {
    }

    ConnectorAccounts(JdbcTemplate jdbc, SecretBox secrets, Clock clock, StockNetwork network,
                      OutboundTargets targets, MarketplaceAdapters adapters, ConnectorHttp http,
                      List<PlatformConnector> connectors, ConnectorProperties properties) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.clock = clock;
        this.network = network;
        this.targets = targets;
        this.adapters = adapters;
        this.http = http;
        this.connectors.putAll(byPlatform(connectors));
    }

    /** What a shop fills in for each platform that has an adapter here, for forms. */
    public Map<Platform, List<PlatformConnector.Field>> fields() {
        Map<Platform, List<PlatformConnector.Field>> out = new LinkedHashMap<>();
        for (Platform p : Platform.values()) {
            PlatformConnector c = connectors.get(p);
            if (c != null) out.put(p, c.fields());
        }
        return out;
    }

    /**
     * The platform adapters by platform.
     *
     * @throws IllegalStateException when two adapters say the same platform (which one would push a
     *                               channel's stock would otherwise depend on bean order)
     */
    static Map<Platform, PlatformConnector> byPlatform(List<PlatformConnector> connectors) {
        Map<Platform, PlatformConnector> out = new LinkedHashMap<>();
        List<String> clashes = new ArrayList<>();
        for (PlatformConnector c : connectors) {
            PlatformConnector first = out.putIfAbsent(c.platform(), c);
            if (first != null) {
                clashes.add(c.platform() + " (" + first.getClass().getName() + " and " + c.getClass().getName() + ")");
            }
        }
        if (!clashes.isEmpty()) {
            throw new IllegalStateException("More than one PlatformConnector bean for the same platform: "
                    + String.join(", ", clashes) + ". Each platform must have exactly one adapter; remove or "
                    + "replace the extra bean.");
        }
        return out;
    }

    /**
     * What a client sends to set a channel's connector. {@code credentials} are merged into the
     * stored ones: a name with a value sets it, a name with null or "" removes it, a name left out
     * stays as it was (so settings can change without sending the secrets again).
     */
    public record AccountIn(String platform, Boolean sandbox, String baseUrl, Map<String, String> settings,
                            Map<String, String> credentials) {
    }

    /**
     * A channel's connector as answered: never a credential's value.
     *
     * @param credentialsSet the names of the credentials that are set
     * @param limits         the platform's documented limits the channel is pushed within
     * @param health         how its calls go
     * @param bulkPushes     the latest bulk pushes (drift repair, full push), newest first
     */
    public record ConnectorView(String channel, String platform, boolean sandbox, String baseUrl,
                                Map<String, String> settings, List<String> credentialsSet,
                                PlatformConnector.Limits limits, Health health, Instant createdAt,
                                Instant updatedAt, List<PushingInBulk.BulkPush> bulkPushes) {
    }

    /**
     * @param lastSuccessAt     the last platform call that worked (a push, a read-back, a test)
     * @param lastError         the last one that did not, in the platform's words (never a credential)
     * @param queued            SKUs waiting for their push on the instance that pushes the channel
     * @param currentRate       pushes per second over the last minute on this instance
     * @param requestsPerSecond the rate the channel is pushed at (the platform's documented limit)
     * @param lastPushedAt      the channel's last push the platform took
     * @param failures          pushes failed in a row
     * @param nextAttemptAt     when the sender tries again after a failed or throttled push
     * @param lastDriftCheckAt  the last read-back
     * @param openDrift         drift found and not yet corrected
     * @param credentialsRefusedAt when the platform last refused the credentials (also after a token
     *                          refresh: a person must renew them); null once a call worked again or the
     *                          account was set again
     * @param driftFoundLastDay SKUs found drifted in the last 24 hours
     * @param stale             the platform has not answered a call for {@code zaiko.connector.stale-after}
     *                          (counted from the account's setting when it never has)
     */
    public record Health(Instant lastSuccessAt, String lastError, Instant lastErrorAt, int queued,
                         double currentRate, double requestsPerSecond, Instant lastPushedAt, int failures,
                         Instant nextAttemptAt, Instant lastDriftCheckAt, int openDrift,
                         Instant credentialsRefusedAt, int driftFoundLastDay, boolean stale) {
    }

    public ConnectorView set(String channel, AccountIn in) {
        dev.zaiko.inventory.Channel target = network.requireChannel(channel);
        if (in == null) throw new InvalidRequestException("The body must name the platform.");
        Platform platform = platform(in.platform());
        PlatformConnector connector = connector(platform);
        if (target.kind() != platform.channelKind()) {
            throw new InvalidRequestException("connector-channel-kind", "A " + platform + " connector belongs on a "
                    + platform.channelKind() + " channel, and channel '" + channel + "' is " + target.kind() + "."
                    + (platform.channelKind() == dev.zaiko.inventory.ChannelKind.MARKETPLACE
                    ? " The platform takes the orders and their payments and gives the money back itself."
                    : " The till's sales are the shop's own."), Map.of("field", "platform"));
        }
        String baseUrl = in.baseUrl() == null || in.baseUrl().isBlank() ? null
                : targets.requireAllowed(in.baseUrl().strip(), "baseUrl").toString();
        Map<String, String> settings = new TreeMap<>();
        if (in.settings() != null) {
            in.settings().forEach((name, value) -> {
                requireName(name, "settings");
                if (value != null && !value.isBlank()) settings.put(name, requireValue(value.strip(), "settings." + name));
            });
        }
        Map<String, String> credentials = new TreeMap<>(storedCredentials(channel));
        if (in.credentials() != null) {
            in.credentials().forEach((name, value) -> {
                requireName(name, "credentials");
                if (value == null || value.isEmpty()) credentials.remove(name);
                else credentials.put(name, requireValue(value, "credentials." + name));
            });
        }
        boolean sandbox = in.sandbox() != null && in.sandbox();
        ConnectorAccount account = new ConnectorAccount(channel, platform, sandbox, baseUrl, Map.copyOf(settings),
                Map.copyOf(credentials), new StoredMapping(jdbc, channel), new StoredTokens(channel));
        List<PlatformConnector.FieldProblem> problems = connector.validate(account);
        if (!problems.isEmpty()) {
            List<Map<String, String>> errors = problems.stream()
                    .map(p -> Map.of("field", p.field(), "message", p.message())).toList();
            throw new InvalidRequestException("invalid-connector", problems.stream()
                    .map(p -> p.field() + ": " + p.message()).reduce((a, b) -> a + "; " + b).orElse(""),
                    Map.of("field", problems.get(0).field(), "errors", errors));
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("""
                insert into connector_account (channel, platform, sandbox, base_url, settings, credentials,
                    credential_names, created_at, updated_at)
                values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
                on conflict (channel) do update set platform = excluded.platform, sandbox = excluded.sandbox,
                    base_url = excluded.base_url, settings = excluded.settings, credentials = excluded.credentials,
                    credential_names = excluded.credential_names, updated_at = excluded.updated_at,
                    last_error = null, last_error_at = null, credentials_refused_at = null
                """, channel, platform.name(), sandbox, baseUrl, JSON.writeValueAsString(settings),
                credentials.isEmpty() ? null : secrets.seal(JSON.writeValueAsString(credentials), TABLE, "credentials"),
                credentials.keySet().toArray(String[]::new), now, now);
        clients.remove(channel);
        PlatformConnector.Limits limits = connector.limits();
        adapters.connect(channel, platform.name(), limits.requestsPerSecond(), limits.maxBatch());
        log.info("Connector of channel {} set: {} ({}), credentials {}", channel, platform,
                sandbox ? "sandbox" : "production", credentials.keySet());
        return view(channel);
    }

    public ConnectorView view(String channel) {
        network.requireChannel(channel);
        return views("where channel = ?", channel).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("No connector on channel '" + channel + "'."));
    }

    /** Every connected channel's connector, by channel. */
    public List<ConnectorView> views() {
        return views("order by channel");
    }

    private List<ConnectorView> views(String where, Object... args) {
        Instant now = clock.instant();
        Instant staleBefore = now.minus(properties.staleAfter());
        return jdbc.query("""
                select channel, platform, sandbox, base_url, settings::text, credential_names, last_success_at,
                    last_error, last_error_at, last_drift_check_at, created_at, updated_at,
                    (select count(*) from connector_drift d where d.channel = a.channel and d.corrected_at is null),
                    credentials_refused_at,
                    (select count(*) from connector_drift d where d.channel = a.channel and d.found_at > ?)
                from connector_account a
                """ + where, (rs, i) -> {
            String channel = rs.getString(1);
            String platformName = rs.getString(2);
            Optional<ChannelAdapter> adapter = adapters.find(channel);
            PlatformConnector c = connectors.get(Platform.valueOf(platformName));
            Instant lastSuccess = instant(rs.getTimestamp(7));
            Instant since = lastSuccess != null ? lastSuccess : instant(rs.getTimestamp(11));
            Health health = new Health(lastSuccess, rs.getString(8), instant(rs.getTimestamp(9)),
                    adapter.map(ChannelAdapter::queued).orElse(0), ConnectorAdapter.currentRate(channel, now),
                    adapter.map(ChannelAdapter::requestsPerSecond).orElse(0.0),
                    adapter.map(ChannelAdapter::lastPushedAt).orElse(null),
                    adapter.map(ChannelAdapter::failures).orElse(0),
                    adapter.map(ChannelAdapter::nextAttemptAt).orElse(null), instant(rs.getTimestamp(10)),
                    rs.getInt(13), instant(rs.getTimestamp(14)), rs.getInt(15), since.isBefore(staleBefore));
            return new ConnectorView(channel, platformName, rs.getBoolean(3), rs.getString(4),
                    JSON.readValue(rs.getString(5), STRINGS), names(rs.getArray(6)), c == null ? null : c.limits(),
                    health, instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)),
                    PushingInBulk.recent(jdbc, channel, RECENT_BULK_PUSHES));
        }, prepend(Timestamp.from(now.minus(java.time.Duration.ofHours(24))), args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] out = new Object[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    /**
     * Removes the channel's connector, its tokens, the pushes awaiting the platform's answer (their
     * callback URLs are no longer taken) and the adapter row it made; the mapping and drift stay.
     */
    public void delete(String channel) {
        network.requireChannel(channel);
        if (jdbc.update("delete from connector_account where channel = ?", channel) == 0) {
            throw new NotFoundException("No connector on channel '" + channel + "'.");
        }
        jdbc.update("delete from connector_token where channel = ?", channel);
        jdbc.update("delete from connector_async_push where channel = ?", channel);
        clients.remove(channel);
        adapters.disconnect(channel);
    }

    /** The channels that have a connector. */
    public List<String> channels() {
        return jdbc.queryForList("select channel from connector_account order by channel", String.class);
    }

    public boolean connected(String channel) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from connector_account where channel = ?)", Boolean.class, channel));
    }

    /** Calls the platform once with the channel's account; the answer is also the channel's health. */
    public PlatformClient.ConnectionCheck test(String channel) {
        network.requireChannel(channel);
        Session session = session(channel)
                .orElseThrow(() -> new NotFoundException("No connector on channel '" + channel + "'."));
        PlatformClient.ConnectionCheck check;
        try {
            check = session.client().testConnection();
        } catch (RuntimeException e) {
            check = new PlatformClient.ConnectionCheck(false, e.getClass().getSimpleName());
        }
        if (check.ok()) succeeded(channel);
        else failed(channel, check.message());
        return check;
    }

    /** The channel's connector and a client over its current account (one client as long as the account is unchanged). */
    record Session(PlatformConnector connector, PlatformClient client) {
    }

    Optional<Session> session(String channel) {
        Instant version = jdbc.query("select updated_at from connector_account where channel = ?",
                rs -> rs.next() ? rs.getTimestamp(1).toInstant() : null, channel);
        if (version == null) {
            clients.remove(channel);
            return Optional.empty();
        }
        Cached cached = clients.get(channel);
        if (cached != null && cached.version().equals(version)) {
            return Optional.of(new Session(cached.connector(), cached.client()));
        }
        Optional<ConnectorAccount> account = account(channel);
        if (account.isEmpty()) return Optional.empty();
        PlatformConnector connector = connectors.get(account.get().platform());
        if (connector == null) return Optional.empty();
        PlatformClient client = connector.client(account.get(), http);
        clients.put(channel, new Cached(version, connector, client));
        return Optional.of(new Session(connector, client));
    }

    /** The channel's account with its credentials opened, for a platform client only. */
    Optional<ConnectorAccount> account(String channel) {
        return jdbc.query("""
                select platform, sandbox, base_url, settings::text, credentials from connector_account where channel = ?
                """, (rs, i) -> new ConnectorAccount(channel, Platform.valueOf(rs.getString(1)), rs.getBoolean(2),
                rs.getString(3), Map.copyOf(JSON.readValue(rs.getString(4), STRINGS)),
                Map.copyOf(open(rs.getString(5))), new StoredMapping(jdbc, channel), new StoredTokens(channel)),
                channel).stream().findFirst();
    }

    /** Whether a platform adapter is there for the channel's platform (false after its platform's code went). */
    Optional<PlatformConnector> connectorOf(String channel) {
        return jdbc.queryForList("select platform from connector_account where channel = ?", String.class, channel)
                .stream().findFirst().map(p -> connectors.get(Platform.valueOf(p)));
    }

    void succeeded(String channel) {
        jdbc.update("update connector_account set last_success_at = ?, credentials_refused_at = null where channel = ?",
                Timestamp.from(clock.instant()), channel);
    }

    /** @param message the platform's words (a {@link ConnectorException}'s message: never a credential) */
    void failed(String channel, String message) {
        String m = message == null ? "failed" : message.length() > 500 ? message.substring(0, 500) : message;
        jdbc.update("update connector_account set last_error = ?, last_error_at = ? where channel = ?", m,
                Timestamp.from(clock.instant()), channel);
    }

    /** The platform refused the credentials (also after a token refresh): a person must renew them. */
    void refused(String channel, String message) {
        failed(channel, message);
        jdbc.update("update connector_account set credentials_refused_at = ? where channel = ?",
                Timestamp.from(clock.instant()), channel);
    }

    void driftChecked(String channel) {
        jdbc.update("update connector_account set last_drift_check_at = ? where channel = ?",
                Timestamp.from(clock.instant()), channel);
    }

    PlatformConnector connector(Platform platform) {
        PlatformConnector c = connectors.get(platform);
        if (c == null) {
            throw new InvalidRequestException("invalid-connector", "platform " + platform
                    + " has no adapter in this build; available: " + connectors.keySet() + ".",
                    Map.of("field", "platform"));
        }
        return c;
    }

    private static Platform platform(String name) {
        try {
            return Platform.valueOf(name == null ? "" : name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("invalid-connector", "platform must be one of "
                    + Arrays.toString(Platform.values()) + ".", Map.of("field", "platform"));
        }
    }

    private static void requireName(String name, String where) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidRequestException("invalid-connector", where + " names must be a letter and up to 63 "
                    + "letters, digits, '_', '.' or '-'.", Map.of("field", where));
        }
    }

    private static String requireValue(String value, String field) {
        if (value.length() > MAX_VALUE) {
            throw new InvalidRequestException("invalid-connector", field + " may have at most " + MAX_VALUE
                    + " characters.", Map.of("field", field));
        }
        return value;
    }

    private Map<String, String> storedCredentials(String channel) {
        return jdbc.queryForList("select credentials from connector_account where channel = ?", String.class, channel)
                .stream().findFirst().map(this::open).orElse(Map.of());
    }

    private Map<String, String> open(String sealed) {
        if (sealed == null) return Map.of();
        return JSON.readValue(secrets.open(sealed, TABLE, "credentials"), STRINGS);
    }

    private static List<String> names(java.sql.Array array) throws java.sql.SQLException {
        if (array == null) return List.of();
        return new ArrayList<>(Arrays.asList((String[]) array.getArray()));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** A client's tokens, sealed one by one. */
    private final class StoredTokens implements ConnectorAccount.TokenStore {
        private final String channel;

        StoredTokens(String channel) {
            this.channel = channel;
        }

        @Override
        public Optional<String> get(String name) {
            return jdbc.queryForList("select value from connector_token where channel = ? and name = ?", String.class,
                    channel, name).stream().findFirst().map(v -> secrets.open(v, TOKENS, "value"));
        }

        @Override
        public void put(String name, String value) {
            if (value == null) {
                jdbc.update("delete from connector_token where channel = ? and name = ?", channel, name);
                return;
            }
            jdbc.update("""
                    insert into connector_token (channel, name, value, updated_at) values (?, ?, ?, ?)
                    on conflict (channel, name) do update set value = excluded.value, updated_at = excluded.updated_at
                    """, channel, name, secrets.seal(value, TOKENS, "value"), Timestamp.from(clock.instant()));
        }
    }
}
