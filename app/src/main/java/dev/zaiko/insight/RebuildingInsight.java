package dev.zaiko.insight;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Empties every read table and folds the whole journal into them again, in the order the facts
 * happened. Live folding waits meanwhile (an exclusive advisory lock against its shared one), and the
 * whole rebuild is one transaction: readers see the old tables until it commits.
 */
@Component
public class RebuildingInsight {

    private static final Logger log = LoggerFactory.getLogger(RebuildingInsight.class);
    private static final int PAGE = 2_000;

    private final JdbcTemplate jdbc;
    private final InsightJournal journal;
    private final DisplayFeedback display;

    RebuildingInsight(JdbcTemplate jdbc, InsightJournal journal, DisplayFeedback display) {
        this.jdbc = jdbc;
        this.journal = journal;
        this.display = display;
    }

    /** @param facts how many facts were folded */
    public record Rebuilt(long facts, List<String> tables) {
    }

    @Transactional
    public Rebuilt rebuild() {
        jdbc.queryForObject("select pg_advisory_xact_lock(?)::text", String.class, InsightJournal.LOCK);
        Set<String> tables = new LinkedHashSet<>();
        for (InsightProjection p : journal.projections()) tables.addAll(p.tables());
        if (!tables.isEmpty()) jdbc.execute("truncate table " + String.join(", ", tables));
        long folded = 0;
        Instant afterAt = Instant.EPOCH;
        long afterId = 0;
        while (true) {
            List<Row> page = new ArrayList<>(PAGE);
            jdbc.query("""
                    select id, type, occurred_at, payload::text from insight_event
                    where (occurred_at, id) > (?, ?) order by occurred_at, id limit ?""",
                    rs -> {
                        page.add(new Row(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                                rs.getString(4)));
                    }, Timestamp.from(afterAt), afterId, PAGE);
            for (Row row : page) {
                InsightFacts.Kind<?> kind = InsightFacts.named(row.type());
                journal.fold(InsightJournal.JSON.readValue(row.payload(), kind.type()));
                folded++;
            }
            if (page.size() < PAGE) break;
            Row last = page.get(page.size() - 1);
            afterAt = last.occurredAt();
            afterId = last.id();
        }
        display.refresh(); // stored from the tables just rebuilt, not a projection itself
        log.info("insight rebuilt: {} facts folded into {} tables", folded, tables.size());
        return new Rebuilt(folded, List.copyOf(tables));
    }

    private record Row(long id, String type, Instant occurredAt, String payload) {
    }
}
