package dev.zaiko.connector.rakuten;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.zaiko.connector.ConnectorAccount;
import dev.zaiko.connector.ConnectorHttp;
import dev.zaiko.connector.Platform;
import dev.zaiko.connector.PlatformClient;
import dev.zaiko.connector.PlatformConnector;

/**
 * Rakuten Ichiba through RMS WEB SERVICE: inventory API 2.0 for quantities (bulk-upsert, bulk-get),
 * RakutenPayOrderAPI {@code cancelOrder} for stock-out cancellations, and RakutenPayOrderAPI
 * {@code searchOrder}, {@code getOrder} and {@code confirmOrder} for orders in ({@link RakutenOrders}).
 * <p>
 * Credentials: {@code serviceSecret} and {@code licenseKey} (RMS 「WEB APIサービス > 利用設定」), sent as
 * {@code Authorization: ESA Base64(serviceSecret:licenseKey)}. No settings are needed. Mapping
 * identifiers: {@code manageNumber} (商品管理番号) and {@code variantId} (SKU管理番号).
 * <p>
 * RMS publishes no sandbox host (a shop tests on a テスト店舗 with its own keys against the
 * production host), so {@code sandbox} is refused unless the account names a {@code baseUrl}.
 *
 * @see <a href="https://webservice.rms.rakuten.co.jp/merchant-portal/view/ja/common/1-1_service_index/inventoryapi2/upsertbulkinventories">inventories.bulk.upsert (RMS, login required)</a>
 */
@Component
public class RakutenConnector implements PlatformConnector {

    /** The RMS WEB SERVICE host, production (the only one RMS publishes). */
    static final String PRODUCTION = "https://api.rms.rakuten.co.jp";

    /**
     * inventories.bulk.upsert: "最大で400件", request limit 1 per second (RMS InventoryAPI 2.0 page
     * and its request-limit table; the page is behind the RMS login, read from a transcription).
     * Burst 1: RMS names no burst, so none is assumed.
     */
    static final Limits LIMITS = new Limits(1.0, 1, 400);

    /**
     * Orders in: once a minute. RMS states no order-API rate on any page reachable without the RMS
     * login, so the order requests of one shop keep the inventory API's documented 1 request/s
     * ({@code zaiko.connector.rakuten.order-request-spacing}, default 1s) and a pull reads at most
     * 100 orders a page.
     */
    static final Duration ORDER_PULL_EVERY = Duration.ofMinutes(1);

    private final Clock clock;
    private final Duration orderSpacing;

    /** For tests outside Spring: the system clock, order requests not spaced. */
    RakutenConnector() {
        this(Clock.systemUTC(), Duration.ZERO);
    }

    @Autowired
    public RakutenConnector(Clock clock,
                            @Value("${zaiko.connector.rakuten.order-request-spacing:1s}") Duration orderSpacing) {
        this.clock = clock;
        this.orderSpacing = orderSpacing;
    }

    @Override
    public Platform platform() {
        return Platform.RAKUTEN;
    }

    @Override
    public Limits limits() {
        return LIMITS;
    }


    @Override
    public List<Field> fields() {
        return List.of(Field.credential("serviceSecret", true), Field.credential("licenseKey", true));
    }

    @Override
    public List<FieldProblem> validate(ConnectorAccount account) {
        List<FieldProblem> problems = new ArrayList<>();
        requireCredential(account, "serviceSecret", problems);
        requireCredential(account, "licenseKey", problems);
        if (account.baseUrl() != null && !account.baseUrl().isBlank()) {
            try {
                URI uri = URI.create(account.baseUrl());
                if (uri.getScheme() == null || uri.getHost() == null) {
                    problems.add(new FieldProblem("baseUrl", "must be an absolute http(s) URL"));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("baseUrl", "must be an absolute http(s) URL"));
            }
        } else if (account.sandbox()) {
            problems.add(new FieldProblem("sandbox",
                    "Rakuten RMS publishes no sandbox host: use a test shop's keys on production, or name a baseUrl"));
        }
        return problems;
    }

    private static void requireCredential(ConnectorAccount account, String name, List<FieldProblem> problems) {
        String value = account.credentials() == null ? null : account.credential(name);
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem("credentials." + name, "is required (RMS WEB API 利用設定)"));
        } else if (value.indexOf(':') >= 0 && name.equals("serviceSecret")) {
            problems.add(new FieldProblem("credentials." + name, "must not contain ':'"));
        }
    }

    @Override
    public PlatformClient client(ConnectorAccount account, ConnectorHttp http) {
        return new RakutenClient(account, http, base(account), clock, orderSpacing);
    }

    @Override
    public Duration orderPullEvery() {
        return ORDER_PULL_EVERY;
    }

    static String base(ConnectorAccount account) {
        String base = account.baseUrl() != null && !account.baseUrl().isBlank() ? account.baseUrl() : PRODUCTION;
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
