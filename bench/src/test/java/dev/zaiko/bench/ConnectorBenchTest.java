package dev.zaiko.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The connectors scenario, tiny, against a real Zaiko and the five platform stubs: every platform
 * gets the final value of every SKU through its documented request, and every change is matched.
 * Speed is not asserted; that is what the bench itself measures.
 */
class ConnectorBenchTest {

    @Test
    void everyPlatformReceivesEveryChangeOfAShortFlashSaleThroughItsDocumentedRequests() throws Exception {
        PropagationBench.Options options = ConnectorBench.parseOptions(new String[] {
                "--clients=4", "--warmup=1", "--duration=3", "--others=1", "--stock=300"});
        ConnectorBench.Result result;
        try (ZaikoServer server = ZaikoServer.start(ConnectorBench.APP)) {
            result = ConnectorBench.run(server, options);
        }

        assertThat(result.errors()).as(String.valueOf(result.firstError())).isZero();
        assertThat(result.changes()).isPositive();
        assertThat(result.finalAts()).containsOnlyKeys("HOT", "OTHER-1");
        assertThat(result.rows()).extracting(ConnectorBench.Row::observer).containsExactly("AMAZON", "RAKUTEN",
                "YAHOO", "SHOPIFY", "SMAREGI", "baseline: webhook (WEB)", "baseline: feed long poll (WEB)");
        for (ConnectorBench.Row row : result.rows()) {
            assertThat(row.settled()).as(row.observer() + " settled").isTrue();
            assertThat(row.lastSeen()).as(row.observer() + " last values").isEqualTo(result.finalAts());
            assertThat(row.latency().unmatched()).as(row.observer() + " unmatched").isZero();
            assertThat(row.latency().matched()).as(row.observer() + " matched").isEqualTo(result.changes());
            assertThat(row.unexpected()).as(row.observer() + " requests no stub expected").isZero();
        }
        for (ConnectorBench.Row row : result.rows().subList(0, 5)) {
            assertThat(row.limit().requestsPerSecond()).as(row.observer() + " documented rate").isPositive();
            assertThat(row.rate().requests()).as(row.observer() + " pushes in the window").isPositive();
        }
        assertThat(result.rows().get(0).limit()).isEqualTo(new ConnectorBench.Limit(5.0, 5, 1));
        assertThat(result.rows().get(2).limit()).isEqualTo(new ConnectorBench.Limit(0.5, 1, 1000));
        assertThat(List.of(result.reservations(), result.tillSales()).stream().mapToLong(Long::longValue).sum())
                .isEqualTo(result.changes());
    }
}
