package dev.zaiko.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How fast the insight pages answer for a year of a big shop: {@code java -jar zaiko-bench.jar insight}.
 * <p>
 * Starts the real Zaiko, times every insight page and API read on the empty shop (the baseline, with
 * the same HTTP stack, session and template work), writes a year of data ({@link InsightDataSet}: by
 * default 10,000 SKUs and 1,000,000 orders), and times them again. Each page is fetched
 * {@code --warmup} times unmeasured, then {@code --repeats} times; the median and the slowest are
 * printed. A no-op API call is the floor of an HTTP round trip on this machine.
 */
public final class InsightBench {

    /** What is timed: the console pages (signed in) and the API reads (bearer token). */
    static final List<String> PAGES = List.of(
            "/insight", "/insight/retention", "/insight/reorder", "/insight/display", "/insight/skus",
            "/insight/skus/BENCH-SKU-00000", "/insight/calls", "/insight/calls/approaches");
    static final List<String> API = List.of(
            EchoEndpoint.NOOP_PATH, "/api/insight/stockout-report", "/api/insight/stockout-report.csv",
            "/api/insight/retention", "/api/insight/reorder-suggestions", "/api/insight/reorder-suggestions?limit=500",
            "/api/insight/display-suggestions", "/api/insight/display-suggestions?limit=500",
            "/api/insight/skus?order=stockout-days", "/api/insight/skus/BENCH-SKU-00000/history",
            "/api/insight/calls?q=%E5%85%A5%E8%8D%B7", "/api/insight/calls/approaches");

    /** @param holdSeconds after printing, keep Zaiko and its database up this long (to look at the data) */
    record Options(int skus, int orders, int customers, int months, int warmup, int repeats, int holdSeconds) {

        static Options parse(String... args) {
            int skus = 10_000, orders = 1_000_000, customers = 300_000, months = 12, warmup = 2, repeats = 5, hold = 0;
            for (String arg : args) {
                int eq = arg.indexOf('=');
                if (!arg.startsWith("--") || eq < 0) throw new IllegalArgumentException("Unknown argument: " + arg);
                int n;
                try {
                    n = Integer.parseInt(arg.substring(eq + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(arg + ": not a number");
                }
                switch (arg.substring(2, eq)) {
                    case "skus" -> skus = n;
                    case "orders" -> orders = n;
                    case "customers" -> customers = n;
                    case "months" -> months = n;
                    case "warmup" -> warmup = n;
                    case "repeats" -> repeats = n;
                    case "hold" -> hold = n;
                    default -> throw new IllegalArgumentException("Unknown option: " + arg);
                }
            }
            if (warmup < 0 || repeats < 1) throw new IllegalArgumentException("repeats must be positive");
            return new Options(skus, orders, customers, months, warmup, repeats, Math.max(0, hold));
        }
    }

    /** One page's timings: HTTP status of the last fetch, median and slowest milliseconds. */
    record Timing(String path, int status, double medianMs, double maxMs, int bytes) {
    }

    private InsightBench() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Options options = Options.parse(args);
        String password = "bench-admin-" + java.util.UUID.randomUUID();
        progress("Settings: " + options);
        try (ZaikoServer server = ZaikoServer.start("--zaiko.access.admin-password=" + password)) {
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            signIn(browser, server, password);
            List<Timing> empty = timeAll(browser, server, options);
            Clock clock = server.bean(Clock.class);
            progress("Registering " + options.skus() + " products");
            long registered = System.nanoTime();
            registerProducts(server, options.skus());
            progress("Registered in %.0f s".formatted((System.nanoTime() - registered) / 1e9));
            progress("Writing the data set");
            List<InsightDataSet.Step> steps = new ArrayList<>(InsightDataSet.write(server.jdbc(),
                    new InsightDataSet.Size(options.skus(), options.orders(), options.customers(), options.months(), 0.2),
                    clock.getZone(), LocalDate.now(clock)));
            progress("Refreshing the stored reorder list");
            long refreshed = System.nanoTime();
            HttpResponse<String> refresh = browser.send(HttpRequest.newBuilder(
                            URI.create(server.baseUrl() + "/api/insight/reorder-suggestions/refresh"))
                    .header("Authorization", ZaikoServer.AUTHORIZATION).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            steps.add(new InsightDataSet.Step("reorder list refreshed (HTTP " + refresh.statusCode() + ")", 0,
                    (System.nanoTime() - refreshed) / 1_000_000));
            progress("Refreshing the stored display suggestions");
            refreshed = System.nanoTime();
            refresh = browser.send(HttpRequest.newBuilder(
                            URI.create(server.baseUrl() + "/api/insight/display-suggestions/refresh"))
                    .header("Authorization", ZaikoServer.AUTHORIZATION).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            steps.add(new InsightDataSet.Step("display suggestions refreshed (HTTP " + refresh.statusCode() + ")", 0,
                    (System.nanoTime() - refreshed) / 1_000_000));
            List<Timing> year = timeAll(browser, server, options);
            print(options, steps, empty, year);
            if (options.holdSeconds() > 0) {
                progress("Holding for " + options.holdSeconds() + " s: " + server.property("spring.datasource.url", "?"));
                new java.util.concurrent.CountDownLatch(1).await(options.holdSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The data set's SKUs as products, through the API as a shop registers them (8 at a time), with
     * a price and a supplier lead time: the reorder list and the SKU pages read the catalog.
     */
    static void registerProducts(ZaikoServer server, int skus) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < skus; i++) {
                String sku = "BENCH-SKU-%05d".formatted(i);
                String body = """
                        {"sku":"%s","name":{"ja":"ベンチ商品 %d","en":"Bench product %d"},"category":"bench",                        "price":%d,"supplier":"Bench supplier","leadTimeDays":%d}""".formatted(sku, i, i,
                        500 + (i % 20) * 250, 7 + i % 15);
                answers.add(pool.submit(() -> client.send(HttpRequest.newBuilder(
                                URI.create(server.baseUrl() + "/api/products"))
                        .header("Authorization", ZaikoServer.AUTHORIZATION).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            for (java.util.concurrent.Future<Integer> answer : answers) {
                int status = answer.get();
                if (status != 201 && status != 409) throw new IllegalStateException("registering a product: " + status);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static List<Timing> timeAll(HttpClient browser, ZaikoServer server, Options options) throws Exception {
        List<Timing> timings = new ArrayList<>();
        for (String path : PAGES) timings.add(time(browser, server, path, false, options));
        for (String path : API) timings.add(time(browser, server, path, true, options));
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));
        timings.add(time(browser, server, "/insight/skus?from=" + today.minusYears(1) + "&to=" + today, false,
                options));
        return timings;
    }

    static Timing time(HttpClient client, ZaikoServer server, String path, boolean api, Options options)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofMinutes(2)).GET();
        if (api) request.header("Authorization", ZaikoServer.AUTHORIZATION);
        else request.header("Accept", "text/html");
        HttpResponse<byte[]> last = null;
        for (int i = 0; i < options.warmup(); i++) last = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        double[] ms = new double[options.repeats()];
        for (int i = 0; i < ms.length; i++) {
            long started = System.nanoTime();
            last = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            ms[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(ms);
        progress("%-45s %3d %8.1f ms".formatted(path, last.statusCode(), ms[ms.length / 2]));
        return new Timing(path, last.statusCode(), ms[ms.length / 2], ms[ms.length - 1], last.body().length);
    }

    static void signIn(HttpClient browser, ZaikoServer server, String password) throws Exception {
        String login = browser.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login);
        if (!csrf.find()) throw new IllegalStateException("the sign-in page has no CSRF token");
        String form = "username=admin&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> in = browser.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String location = in.headers().firstValue("Location").orElse("");
        if (in.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("could not sign in: " + in.statusCode() + " " + location);
        }
    }

    static void print(Options options, List<InsightDataSet.Step> steps, List<Timing> empty, List<Timing> year) {
        System.out.println();
        System.out.println("Data set: " + options);
        System.out.println();
        System.out.println("| table | rows | seconds |");
        System.out.println("|---|---:|---:|");
        for (InsightDataSet.Step s : steps) {
            System.out.printf("| %s | %,d | %.1f |%n", s.table(), s.rows(), s.millis() / 1000.0);
        }
        System.out.println();
        System.out.println("| page | status | empty shop: median ms | a year: median ms | a year: slowest ms | a year: KiB |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (int i = 0; i < year.size(); i++) {
            Timing e = empty.get(i), y = year.get(i);
            System.out.printf("| `%s` | %d | %.1f | %.1f | %.1f | %d |%n", y.path(), y.status(), e.medianMs(),
                    y.medianMs(), y.maxMs(), y.bytes() / 1024);
        }
    }

    private static void progress(String message) {
        System.err.println("[insight] " + message);
    }
}
