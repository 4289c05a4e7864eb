package dev.zaiko.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Who did what, when: every change that succeeded through the API, the console or a customer's
 * link, and every sign-in (failed ones too). Written after the change committed, outside its
 * transaction, so a change is never undone because its audit line could not be written; such a
 * failure is logged instead.
 */
@Service
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    static final int MAX_TARGET = 500;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    AuditTrail(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(Actor actor, String action, String route, String target, int status) {
        try {
            jdbc.update("""
                    insert into access_audit (at, actor_kind, actor, action, route, target, status)
                    values (?, ?, ?, ?, ?, ?, ?)
                    """, Timestamp.from(clock.instant()), actor.kind().name(), cut(actor.name(), 120), cut(action, 200),
                    cut(route, 300), cut(target == null ? "" : target, MAX_TARGET), status);
        } catch (RuntimeException e) {
            log.error("Could not write the audit line for {} by {}: {}", route, actor.label(), e.toString());
        }
    }

    /** Newest first; every filter optional. */
    public List<AuditEntry> find(String actor, String action, Instant before, int limit) {
        StringBuilder sql = new StringBuilder("select * from access_audit where true");
        List<Object> args = new ArrayList<>();
        if (actor != null && !actor.isBlank()) {
            sql.append(" and actor = ?");
            args.add(actor.trim());
        }
        if (action != null && !action.isBlank()) {
            sql.append(" and (action ilike ? or route ilike ?)");
            String like = "%" + action.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            args.add(like);
            args.add(like);
        }
        if (before != null) {
            sql.append(" and at < ?");
            args.add(Timestamp.from(before));
        }
        sql.append(" order by at desc, id desc limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, n) -> new AuditEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
                Actor.Kind.valueOf(rs.getString("actor_kind")), rs.getString("actor"), rs.getString("action"),
                rs.getString("route"), rs.getString("target"), rs.getInt("status")), args.toArray());
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
