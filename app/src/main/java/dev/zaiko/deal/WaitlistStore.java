package dev.zaiko.deal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The waitlist tables' one home: every SQL statement on {@code deal_waitlist*}. */
@Component
class WaitlistStore {

    static final String SECRET_TABLE = "deal_waitlist_secret";

    private static final String ENTRY = """
            select e.id, e.deal, case when e.status in ('WAITING', 'OFFERED') then (select count(*) from deal_waitlist_entry o
                     where o.deal = e.deal and o.status in ('WAITING', 'OFFERED') and o.seq <= e.seq) else 0 end,
                   e.email, e.locale, e.channel, e.segment, e.status, e.reservation_id, e.offered_until, e.joined_at, e.changed_at
            from deal_waitlist_entry e
            """;

    private final JdbcTemplate jdbc;

    WaitlistStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The deal's waitlist row, made if absent, locked until the caller's transaction ends. */
    void lock(String deal, Instant now) {
        jdbc.update("insert into deal_waitlist (deal, created_at) values (?, ?) on conflict (deal) do nothing", deal,
                ts(now));
        jdbc.queryForObject("select deal from deal_waitlist where deal = ? for update", String.class, deal);
    }

    Optional<WaitlistEntry> find(UUID id) {
        return jdbc.query(ENTRY + " where e.id = ?", WaitlistStore::entry, id).stream().findFirst();
    }

    Optional<WaitlistEntry> findByEmail(String deal, String email) {
        return jdbc.query(ENTRY + " where e.deal = ? and e.email_key = ?", WaitlistStore::entry, deal, key(email))
                .stream().findFirst();
    }

    Optional<WaitlistEntry> byReservation(UUID reservationId) {
        return jdbc.query(ENTRY + " where e.id = (select entry_id from deal_waitlist_offer where reservation_id = ?)",
                WaitlistStore::entry, reservationId).stream().findFirst();
    }

    /** Everyone who ever joined, first first. */
    List<WaitlistEntry> list(String deal) {
        return jdbc.query(ENTRY + " where e.deal = ? order by e.seq", WaitlistStore::entry, deal);
    }

    void insert(UUID id, String deal, String email, String locale, String channel, String segment, Instant now) {
        jdbc.update("""
                insert into deal_waitlist_entry (id, deal, email, email_key, locale, channel, segment, status, joined_at,
                    changed_at)
                values (?, ?, ?, ?, ?, ?, ?, 'WAITING', ?, ?)
                """, id, deal, email, key(email), locale, channel, segment, ts(now), ts(now));
    }

    /** Back in line at its end (one who left or passed joins again). */
    void rejoin(UUID id, String locale, String channel, String segment, Instant now) {
        jdbc.update("""
                update deal_waitlist_entry set status = 'WAITING', seq = nextval('deal_waitlist_entry_seq'), locale = ?,
                    channel = ?, segment = ?, reservation_id = null, offered_until = null, joined_at = ?, changed_at = ?
                where id = ?
                """, locale, channel, segment, ts(now), ts(now), id);
    }

    /** The first WAITING in line. */
    Optional<WaitlistEntry> firstWaiting(String deal) {
        return jdbc.query(ENTRY + " where e.deal = ? and e.status = 'WAITING' order by e.seq limit 1",
                WaitlistStore::entry, deal).stream().findFirst();
    }

    int inLine(String deal) {
        Integer n = jdbc.queryForObject("select count(*) from deal_waitlist_entry where deal = ? "
                + "and status in ('WAITING', 'OFFERED')", Integer.class, deal);
        return n == null ? 0 : n;
    }

    int waiting(String deal) {
        Integer n = jdbc.queryForObject("select count(*) from deal_waitlist_entry where deal = ? and status = 'WAITING'",
                Integer.class, deal);
        return n == null ? 0 : n;
    }

    /** Deals with someone WAITING. */
    List<String> dealsWithWaiting() {
        return jdbc.queryForList("select distinct deal from deal_waitlist_entry where status = 'WAITING'", String.class);
    }

    /** The deal ended: everyone still WAITING is CLOSED. */
    int closeWaiting(String deal, Instant now) {
        return jdbc.update("update deal_waitlist_entry set status = 'CLOSED', changed_at = ? where deal = ? "
                + "and status = 'WAITING'", ts(now), deal);
    }

    /** @return false when the entry was no longer in {@code from} */
    boolean move(UUID id, WaitlistStatus from, WaitlistStatus to, Instant now) {
        return jdbc.update("update deal_waitlist_entry set status = ?, changed_at = ?, offered_until = case when ? = 'OFFERED' "
                + "then offered_until else null end where id = ? and status = ?", to.name(), ts(now), to.name(), id,
                from.name()) == 1;
    }

    /** Records the offer and moves the WAITING entry to OFFERED; false (nothing changed) when it was not WAITING. */
    boolean offered(WaitlistEntry entry, UUID reservationId, Instant until, Instant now) {
        if (jdbc.update("""
                update deal_waitlist_entry set status = 'OFFERED', reservation_id = ?, offered_until = ?, changed_at = ?
                where id = ? and status = 'WAITING'
                """, reservationId, ts(until), ts(now), entry.id()) != 1) {
            return false;
        }
        jdbc.update("""
                insert into deal_waitlist_offer (reservation_id, entry_id, deal, channel, offered_at, offered_until, outcome,
                    webhook_due_at)
                values (?, ?, ?, ?, ?, ?, 'LIVE', ?)
                """, reservationId, entry.id(), entry.deal(), entry.channel(), ts(now), ts(until), ts(now));
        return true;
    }

    /** Closes a LIVE offer; false when it was closed already. */
    boolean closeOffer(UUID reservationId, WaitlistStatus outcome, Instant now) {
        return jdbc.update("update deal_waitlist_offer set outcome = ?, closed_at = ? where reservation_id = ? "
                + "and outcome = 'LIVE'", outcome.name(), ts(now), reservationId) == 1;
    }

    /** The LIVE offers: their reservations, oldest first. */
    List<UUID> liveOffers() {
        return jdbc.queryForList("select reservation_id from deal_waitlist_offer where outcome = 'LIVE' "
                + "order by offered_at", UUID.class);
    }

    /** The LIVE offers of one deal: their reservations, oldest first. */
    List<UUID> liveOfferReservations(String deal) {
        return jdbc.queryForList("select reservation_id from deal_waitlist_offer where deal = ? and outcome = 'LIVE' "
                + "order by offered_at", UUID.class, deal);
    }

    int liveOffers(String deal) {
        Integer n = jdbc.queryForObject("select count(*) from deal_waitlist_offer where deal = ? and outcome = 'LIVE'",
                Integer.class, deal);
        return n == null ? 0 : n;
    }

    record DueWebhook(UUID reservationId, UUID entryId, String deal, String channel, Instant offeredAt,
                      Instant offeredUntil, int attempts) {
    }

    List<DueWebhook> webhooksDue(Instant now, int limit) {
        return jdbc.query("""
                select reservation_id, entry_id, deal, channel, offered_at, offered_until, webhook_attempts
                from deal_waitlist_offer where webhook_due_at <= ? order by webhook_due_at limit ?
                """, (rs, i) -> new DueWebhook(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(), rs.getInt(7)),
                ts(now), limit);
    }

    void webhookSent(UUID reservationId, Instant now) {
        jdbc.update("update deal_waitlist_offer set webhook_due_at = null, webhook_sent_at = ?, "
                + "webhook_attempts = webhook_attempts + 1 where reservation_id = ?", ts(now), reservationId);
    }

    void webhookFailed(UUID reservationId, Instant next) {
        jdbc.update("update deal_waitlist_offer set webhook_due_at = ?, webhook_attempts = webhook_attempts + 1 "
                + "where reservation_id = ?", next == null ? null : ts(next), reservationId);
    }

    static String key(String email) {
        return email.strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static WaitlistEntry entry(ResultSet rs, int i) throws SQLException {
        return new WaitlistEntry(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), WaitlistStatus.valueOf(rs.getString(8)),
                rs.getObject(9, UUID.class), instant(rs.getTimestamp(10)), rs.getTimestamp(11).toInstant(),
                rs.getTimestamp(12).toInstant());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }
}
