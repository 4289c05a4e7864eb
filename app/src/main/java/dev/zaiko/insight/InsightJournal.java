package dev.zaiko.insight;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Insight's journal: every fact it was told, once (by kind and key), with when it happened. A fact
 * told for the first time is folded into every projection in the same transaction; a fact told again
 * (at-least-once delivery) changes nothing. Then the live followers (the stored display suggestions) are
 * told of it, in the same transaction.
 */
@Component
public class InsightJournal {

    /** The advisory lock between live folding (shared) and a rebuild (exclusive). */
    static final long LOCK = 0x1A51_6471L;

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final List<InsightProjection> projections;
    private final Clock clock;
    private final List<InsightLiveFollower> followers;

    InsightJournal(JdbcTemplate jdbc, List<InsightProjection> projections, Clock clock,
                   List<InsightLiveFollower> followers) {
        this.jdbc = jdbc;
        this.projections = projections;
        this.clock = clock;
        this.followers = followers;
    }

    /**
     * Keeps the fact and folds it into every projection, unless it was kept before.
     *
     * @return whether the fact was new
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public boolean record(Object fact) {
        InsightFacts.Kind<?> kind = InsightFacts.of(fact.getClass())
                .orElseThrow(() -> new IllegalArgumentException("insight keeps no fact of type " + fact.getClass()));
        jdbc.queryForObject("select pg_advisory_xact_lock_shared(?)::text", String.class, LOCK);
        int inserted = jdbc.update("""
                insert into insight_event (type, event_key, occurred_at, payload, recorded_at)
                values (?, ?, ?, ?::jsonb, ?)
                on conflict (type, event_key) do nothing""",
                kind.type().getName(), kind.keyOf(fact), Timestamp.from(kind.occurredAtOf(fact)),
                JSON.writeValueAsString(fact), Timestamp.from(clock.instant()));
        if (inserted == 0) return false;
        fold(fact);
        for (InsightLiveFollower follower : followers) follower.followed(fact);
        return true;
    }

    void fold(Object fact) {
        for (InsightProjection projection : projections) projection.apply(fact);
    }

    List<InsightProjection> projections() {
        return projections;
    }
}
