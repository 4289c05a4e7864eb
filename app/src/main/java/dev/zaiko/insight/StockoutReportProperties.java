package dev.zaiko.insight;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The monthly stockout report's email.
 *
 * @param reportRecipients  who gets it (addresses); empty: the shop's own address ({@code zaiko.shop.email}),
 *                          since console users have no email address of their own
 * @param reportLocale      the email's language, {@code ja} (default) or {@code en}
 * @param reportCheckEvery  how often the durable job looks whether this month's email is due (default 1 hour)
 */
@ConfigurationProperties("zaiko.insight")
public record StockoutReportProperties(List<String> reportRecipients, String reportLocale, Duration reportCheckEvery) {

    public StockoutReportProperties {
        reportRecipients = reportRecipients == null ? List.of()
                : reportRecipients.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (reportLocale == null || reportLocale.isBlank()) reportLocale = "ja";
        if (!reportLocale.equals("ja") && !reportLocale.equals("en")) {
            throw new IllegalArgumentException("zaiko.insight.report-locale must be ja or en, got " + reportLocale);
        }
        if (reportCheckEvery == null) reportCheckEvery = Duration.ofHours(1);
        if (reportCheckEvery.isNegative() || reportCheckEvery.isZero()) {
            throw new IllegalArgumentException("zaiko.insight.report-check-every must be positive");
        }
    }
}
