package dev.zaiko.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The report's console page over HTTP: Japanese by default and English on request, months it cannot
 * read answered with a message and a 400 (showing the last 12 months), and the CSV through the
 * console's own route for a signed-in person.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class InsightReportPageTest {

    @LocalServerPort
    int port;

    @Test
    void thePageSpeaksBothLanguagesRefusesUnreadableMonthsAndDownloadsTheCsv() {
        WebApi web = new WebApi(port).signedIn();
        ShopApi.Response ja = web.page("/insight?from=2019-05&to=2019-06");
        assertThat(ja.status()).isEqualTo(200);
        assertThat(ja.body()).contains("月次欠品レポート").contains("月別・理由別の欠品件数")
                .contains("value=\"2019-05\"").contains("/insight/report.csv?from=2019-05&amp;to=2019-06")
                .contains("data-chart-table=\"table-byReason\"").contains("<table id=\"table-byReason\"");

        ShopApi.Response bad = web.page("/insight?from=2019-07&to=2019-06");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("月の指定が正しくありません");

        ShopApi.Response csv = web.get("/insight/report.csv?from=2019-05&to=2019-06&section=summary");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("section,month,cases,calls");

        ShopApi.Response english = web.page("/insight?from=2019-05&to=2019-06&lang=en");
        assertThat(english.status()).isEqualTo(200);
        assertThat(english.body()).contains("Monthly stockout report").contains("Cases per month by reason");
    }
}
