package dev.zaiko.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.zaiko.connector.ConnectorAccounts;
import dev.zaiko.connector.ConnectorProperties;
import dev.zaiko.contact.ContactCase;
import dev.zaiko.contact.ContactDesk;
import dev.zaiko.contact.ContactQueue;
import dev.zaiko.platform.ZaikoProperties;
import dev.zaiko.stockout.StockoutCase;
import dev.zaiko.stockout.StockoutCases;
import dev.zaiko.stockout.StockoutOptionsProperties;
import dev.zaiko.stockout.StockoutQuery;
import dev.zaiko.stockout.StockoutStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's front page: the cases to call, soonest deadline first with a live countdown and
 * breaches in red; the cases waiting for the customer's answer; the supervisors' queue; and today's
 * new cases by reason; the health of every connected channel's connector, with a warning where the
 * platform refused the credentials or has not answered for a while. The case tables refresh
 * themselves every 30 seconds (htmx).
 */
@Controller
class Dashboard {

    static final int LIMIT = 100;

    private final ContactDesk desk;
    private final StockoutCases cases;
    private final StockoutOptionsProperties options;
    private final ZaikoProperties zaiko;
    private final ConsoleFormat format;
    private final Clock clock;
    private final ConnectorAccounts connectors;
    private final ConnectorProperties connectorProperties;
    private final dev.zaiko.connector.ImportingOrders importing;

    Dashboard(ContactDesk desk, StockoutCases cases, StockoutOptionsProperties options,
              ZaikoProperties zaiko, ConsoleFormat format, Clock clock, ConnectorAccounts connectors,
              ConnectorProperties connectorProperties, dev.zaiko.connector.ImportingOrders importing) {
        this.importing = importing;
        this.connectors = connectors;
        this.connectorProperties = connectorProperties;
        this.format = format;
        this.desk = desk;
        this.cases = cases;
        this.options = options;
        this.zaiko = zaiko;
        this.clock = clock;
    }

    /**
     * One row of a case table.
     *
     * @param deadline what the countdown counts to: the contact deadline, the promised call, or the
     *                 customer's last day to answer
     * @param task     the open call task's kind (a CALLBACK is flagged), null when none
     */
    record Row(String caseId, String orderNumber, String itemName, String reason, Instant deadline, boolean breached,
               boolean express, boolean gift, boolean b2b, int missedCalls, String task) {
    }

    record ReasonCount(String reason, String text, int count) {
    }

    @GetMapping("/")
    String page(Model model, Locale locale) {
        cases(model, locale);
        Instant startOfDay = LocalDate.now(clock.withZone(zaiko.zone())).atStartOfDay(zaiko.zone()).toInstant();
        List<ReasonCount> today = new ArrayList<>();
        for (Map.Entry<String, Integer> e : cases.openedSinceByReason(startOfDay).entrySet()) {
            today.add(new ReasonCount(e.getKey(), format.reason(e.getKey()), e.getValue()));
        }
        model.addAttribute("today", today);
        model.addAttribute("todayTotal", today.stream().mapToInt(ReasonCount::count).sum());
        List<ConnectorAccounts.ConnectorView> connected = connectors.views();
        model.addAttribute("connectors", connected);
        model.addAttribute("connectorsRefused", String.join(", ", connected.stream()
                .filter(v -> v.health().credentialsRefusedAt() != null).map(ConnectorAccounts.ConnectorView::channel).toList()));
        model.addAttribute("connectorsStale", String.join(", ", connected.stream()
                .filter(v -> v.health().stale()).map(ConnectorAccounts.ConnectorView::channel).toList()));
        model.addAttribute("staleMinutes", connectorProperties.staleAfter().toMinutes());
        Map<String, Integer> inbox = new java.util.LinkedHashMap<>();
        for (ConnectorAccounts.ConnectorView v : connected) inbox.put(v.channel(), importing.inboxOpen(v.channel()));
        model.addAttribute("inboxOpen", inbox);
        model.addAttribute("connectorsInbox", String.join(", ", inbox.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " (" + e.getValue() + ")").toList()));
        return "console/dashboard";
    }

    /** The case tables alone, for the page's periodic refresh. */
    @GetMapping("/dashboard/cases")
    String tables(Model model, Locale locale) {
        cases(model, locale);
        return "console/dashboard :: cases";
    }

    private void cases(Model model, Locale locale) {
        Instant now = clock.instant();
        // every case on the desk's lists is open or awaiting an answer: two reads, not one per row
        Map<String, StockoutCase> undecided = new java.util.HashMap<>();
        List<StockoutCase> awaitingCases = undecided(StockoutStatus.AWAITING_DECISION);
        for (StockoutCase c : awaitingCases) undecided.put(c.id(), c);
        for (StockoutCase c : undecided(StockoutStatus.OPEN)) undecided.put(c.id(), c);
        model.addAttribute("toCall", rows(desk.queue(ContactQueue.OPERATORS, LIMIT), undecided, now, locale));
        model.addAttribute("supervisors", rows(desk.queue(ContactQueue.SUPERVISORS, LIMIT), undecided, now, locale));
        model.addAttribute("attention", rows(desk.needingAttention(LIMIT), undecided, now, locale));
        List<Row> awaiting = new ArrayList<>();
        for (StockoutCase c : awaitingCases) {
            Instant by = c.decisionDeadline(options.decisionLimit());
            awaiting.add(new Row(c.id(), c.orderNumber(), name(c, locale), format.reason(c.reason()), by,
                    by.isBefore(now), false, false, false, 0, null));
        }
        awaiting.sort(java.util.Comparator.comparing(Row::deadline));
        model.addAttribute("awaiting", awaiting);
    }

    private List<StockoutCase> undecided(StockoutStatus status) {
        return cases.list(new StockoutQuery(status, null, null, 0, StockoutQuery.MAX_SIZE)).items();
    }

    private List<Row> rows(List<ContactCase> desk, Map<String, StockoutCase> undecided, Instant now, Locale locale) {
        List<Row> rows = new ArrayList<>();
        for (ContactCase d : desk) {
            // a case decided since the desk's list was read is read on its own
            StockoutCase c = undecided.containsKey(d.caseId()) ? undecided.get(d.caseId())
                    : cases.find(d.caseId()).orElse(null);
            if (c == null) continue;
            Instant deadline = d.openTask() != null && d.openTask().kind() != dev.zaiko.contact.CallTask.Kind.FIRST_CALL
                    ? d.openTask().dueBy() : d.contactDeadline();
            boolean breached = deadline.isBefore(now) && (d.firstContactAt() == null || d.openTask() != null);
            rows.add(new Row(c.id(), c.orderNumber(), name(c, locale), format.reason(c.reason()), deadline, breached,
                    d.express(), d.gift(), d.b2b(), d.missedCalls(),
                    d.openTask() == null ? null : d.openTask().kind().name()));
        }
        return rows;
    }

    static String name(StockoutCase c, Locale locale) {
        var item = c.facts() == null ? null : c.facts().item();
        if (item == null || item.name() == null) return c.sku();
        return Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) && item.name().en() != null
                ? item.name().en() : item.name().ja();
    }
}
