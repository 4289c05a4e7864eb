package dev.zaiko.connector;

import java.util.List;

/**
 * The port one platform's adapter implements (a Spring bean per platform, found by
 * {@link #platform()}). It states the platform's documented limits, checks an account's settings,
 * and makes the client that talks to the platform for one connected channel.
 */
public interface PlatformConnector {

    Platform platform();

    /** The platform's documented limits for setting quantities (where each number comes from: javadoc). */
    Limits limits();

    /**
     * What is wrong with an account's settings and credentials for this platform, by field
     * ({@code settings.sellerId}, {@code credentials.refreshToken}); empty when it can be used.
     */
    List<FieldProblem> validate(ConnectorAccount account);

    /**
     * The settings and credentials a shop fills in for this platform, in the order a form shows
     * them (the console draws its inputs from it); what {@link #validate} checks.
     */
    default List<Field> fields() {
        return List.of();
    }

    /** The client for one connected channel; cheap to make, may cache tokens inside. */
    PlatformClient client(ConnectorAccount account, ConnectorHttp http);

    /**
     * How often the core pulls the channel's orders ({@link PlatformClient#pullOrders}): as often as
     * the platform's order API allows. The default is once a minute.
     */
    default java.time.Duration orderPullEvery() {
        return java.time.Duration.ofMinutes(1);
    }

    /**
     * How often the core pulls the channel's till sales ({@link PlatformClient#pullTillSales}): often,
     * since a store's sale must reach every other channel within seconds, yet within the platform's
     * rate. The default is once a minute.
     */
    default java.time.Duration tillSalePullEvery() {
        return java.time.Duration.ofMinutes(1);
    }

    /**
     * @param requestsPerSecond sustained rate the platform allows for quantity updates
     * @param burst             requests that may go at once before the rate applies
     * @param maxBatch          SKUs in one request (1 where the platform takes one per request)
     */
    record Limits(double requestsPerSecond, int burst, int maxBatch) {
    }

    /**
     * One setting or credential of an account.
     *
     * @param name     its name in {@code settings} or {@code credentials}
     * @param secret   a credential (stored sealed, never shown again) rather than a setting
     * @param required whether an account without it is refused
     */
    record Field(String name, boolean secret, boolean required) {
        public static Field setting(String name, boolean required) {
            return new Field(name, false, required);
        }

        public static Field credential(String name, boolean required) {
            return new Field(name, true, required);
        }
    }

    /** A field of the account that is missing or malformed, and why (English, for the problem's detail). */
    record FieldProblem(String field, String message) {
    }
}
