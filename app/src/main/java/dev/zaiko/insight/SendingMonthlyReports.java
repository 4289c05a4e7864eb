package dev.zaiko.insight;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.zaiko.access.ConsoleUsers;
import dev.zaiko.mail.Outbox;
import dev.zaiko.mail.OutgoingEmail;
import dev.zaiko.shop.BusinessDays;
import dev.zaiko.shop.ShopProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The monthly stockout report's email to the supervisors (the enabled supervisors and admins with an
 * email address, each in their console language, unless {@code zaiko.insight.report-recipients} names
 * the addresses; with neither, the shop's own address): from the first business day of a month (the
 * shop's calendar) until its end, the previous month's key numbers with links to the console page and
 * the CSV. Once per month across every instance: the month's row in {@code insight_report_sent} is
 * inserted (or found there) in the transaction that queues the email.
 */
@Service
public class SendingMonthlyReports {

    static final String KIND = "STOCKOUT_REPORT";
    private static final Logger log = LoggerFactory.getLogger(SendingMonthlyReports.class);

    private final JdbcTemplate jdbc;
    private final ReportingStockouts reporting;
    private final Outbox outbox;
    private final BusinessDays businessDays;
    private final ShopProperties shop;
    private final StockoutReportProperties properties;
    private final MessageSource messages;
    private final ConsoleUsers users;
    private final Clock clock;

    SendingMonthlyReports(JdbcTemplate jdbc, ReportingStockouts reporting, Outbox outbox, BusinessDays businessDays,
                          ShopProperties shop, StockoutReportProperties properties, MessageSource messages,
                          ConsoleUsers users, Clock clock) {
        this.jdbc = jdbc;
        this.reporting = reporting;
        this.outbox = outbox;
        this.businessDays = businessDays;
        this.shop = shop;
        this.properties = properties;
        this.messages = messages;
        this.users = users;
        this.clock = clock;
    }

    /** The first business day of the month: the day its report about the month before goes out. */
    public LocalDate sendingDay(YearMonth month) {
        return businessDays.plusBusinessDays(month.atDay(1), 0);
    }

    /**
     * Sends the previous month's report when today is on or after this month's first business day and
     * it was not sent yet, unless that month ended before insight started on this database (a shop that
     * starts on the 7th gets no report of the month before).
     *
     * @return the month reported, when this call sent it
     */
    @Transactional
    public Optional<YearMonth> sendIfDue() {
        LocalDate today = LocalDate.now(clock);
        YearMonth now = YearMonth.from(today);
        if (today.isBefore(sendingDay(now))) return Optional.empty();
        YearMonth month = now.minusMonths(1);
        Instant monthEnd = now.atDay(1).atStartOfDay(clock.getZone()).toInstant();
        Boolean started = jdbc.queryForObject("select at < ? from insight_started", Boolean.class,
                Timestamp.from(monthEnd));
        if (!Boolean.TRUE.equals(started)) return Optional.empty();
        Map<String, Locale> recipients = recipients();
        boolean toShopOnly = recipients.isEmpty();
        if (toShopOnly) recipients.put(shop.email(), Locale.forLanguageTag(properties.reportLocale()));
        int inserted = jdbc.update("""
                insert into insight_report_sent (month, sent_at, recipients) values (?, ?, ?)
                on conflict (month) do nothing""", month.toString(), Timestamp.from(clock.instant()), recipients.size());
        if (inserted == 0) return Optional.empty();
        if (toShopOnly) {
            log.warn("No enabled supervisor or admin has an email address, so the stockout report for {} goes to "
                    + "the shop's own address (zaiko.shop.email). Give supervisors an email on the users page, or "
                    + "set zaiko.insight.report-recipients.", month);
        }
        StockoutReport report = reporting.report(new MonthRange(month, month));
        Map<Locale, String[]> rendered = new LinkedHashMap<>(); // each language once: subject, body
        recipients.forEach((to, locale) -> {
            String[] mail = rendered.computeIfAbsent(locale, l -> new String[] {
                    text("insight.report.mail.subject", l, month.toString(), shop.name(l)), body(report, month, l)});
            outbox.send(new OutgoingEmail("insight-report:" + month + ":" + to, to, null, mail[0], mail[1], null,
                    "insight-report:" + month, null, KIND, false, locale.getLanguage()));
        });
        log.info("Stockout report for {} queued to {} recipient(s)", month, recipients.size());
        return Optional.of(month);
    }

    /**
     * Who gets the report, each in the language it is written in: the configured addresses (in the
     * configured language) when set; else the enabled supervisors and admins with an email, each in their
     * console language; empty when neither (the caller then falls back to the shop's own address).
     */
    private Map<String, Locale> recipients() {
        Map<String, Locale> recipients = new LinkedHashMap<>();
        Locale configured = Locale.forLanguageTag(properties.reportLocale());
        if (!properties.reportRecipients().isEmpty()) {
            properties.reportRecipients().forEach(to -> recipients.putIfAbsent(to, configured));
            return recipients;
        }
        users.reportRecipients().forEach(r -> recipients.putIfAbsent(r.email(), Locale.forLanguageTag(r.locale())));
        return recipients;
    }

    private String body(StockoutReport report, YearMonth month, Locale locale) {
        StockoutReport.Summary s = report.summary().get(0);
        String share = s.shareMet() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", s.shareMet() * 100);
        String top = report.topSkus().stream().limit(3)
                .map(t -> text("insight.report.mail.topSku", locale, t.sku(), t.name().isEmpty() ? t.sku() : t.name(),
                        t.cases(), t.mainReason()))
                .reduce((a, b) -> a + "\n" + b).orElse(text("insight.report.mail.noSku", locale));
        String page = UriComponentsBuilder.fromUri(shop.baseUrl()).path("/insight")
                .queryParam("from", month).queryParam("to", month).build().toUriString();
        String csv = UriComponentsBuilder.fromUri(shop.baseUrl()).path("/insight/report.csv")
                .queryParam("from", month).queryParam("to", month).build().toUriString();
        return text("insight.report.mail.text", locale, month.toString(), s.cases(), s.calls(), s.reached(), s.emails(),
                share, s.firstContactMet(), s.firstContactDue(), yen(s.revenueKept()), yen(s.revenueLost()),
                yen(s.refunded()), yen(s.couponsIssuedValue()), yen(s.absorbed()), top, page, csv, shop.name(locale));
    }

    private static String yen(long amount) {
        return String.format(Locale.ROOT, "%,d", amount);
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
