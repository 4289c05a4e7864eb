package dev.zaiko.contact.tone;

import dev.zaiko.platform.VersionedCache;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@code contact_tone_phrases} table; every change bumps the tone list's version. */
@Repository
class TonePhraseStore implements VersionedCache.Source<List<TonePhrase>> {

    /** Another phrase of the locale normalises to the same text. */
    static final class Duplicate extends RuntimeException {
        final long existingId;

        Duplicate(long existingId) {
            super("duplicate tone phrase", null, false, false);
            this.existingId = existingId;
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    TonePhraseStore(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
    }

    @Override
    public long version() {
        Long version = jdbc.queryForObject("select version from contact_settings_version where name = 'tone'",
                Long.class);
        return version == null ? 0 : version;
    }

    @Override
    public List<TonePhrase> load() {
        return jdbc.query("select * from contact_tone_phrases order by locale, id", this::row);
    }

    Optional<TonePhrase> find(long id) {
        return jdbc.query("select * from contact_tone_phrases where id = ?", this::row, id).stream().findFirst();
    }

    TonePhrase insert(String locale, String phrase, String suggestion, String why, Instant now) {
        return write(locale, phrase, () -> jdbc.queryForObject("""
                insert into contact_tone_phrases (locale, phrase, normalised, suggestion, why, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?) returning *""", this::row,
                locale, phrase, ToneText.normalise(phrase), suggestion, why, Timestamp.from(now), Timestamp.from(now)));
    }

    /** Empty when there is no such phrase. */
    Optional<TonePhrase> update(long id, String locale, String phrase, String suggestion, String why, Instant now) {
        return Optional.ofNullable(write(locale, phrase, () -> jdbc.query("""
                update contact_tone_phrases
                   set locale = ?, phrase = ?, normalised = ?, suggestion = ?, why = ?, updated_at = ?
                 where id = ? returning *""", this::row,
                locale, phrase, ToneText.normalise(phrase), suggestion, why, Timestamp.from(now), id)
                .stream().findFirst().orElse(null)));
    }

    boolean delete(long id) {
        Boolean deleted = transactions.execute(tx -> {
            boolean gone = jdbc.update("delete from contact_tone_phrases where id = ?", id) == 1;
            if (gone) bump();
            return gone;
        });
        return Boolean.TRUE.equals(deleted);
    }

    private TonePhrase write(String locale, String phrase, java.util.function.Supplier<TonePhrase> statement) {
        try {
            return transactions.execute(tx -> {
                TonePhrase written = statement.get();
                if (written != null) bump();
                return written;
            });
        } catch (DuplicateKeyException e) {
            Long existing = jdbc.query("select id from contact_tone_phrases where locale = ? and normalised = ?",
                    (rs, i) -> rs.getLong(1), locale, ToneText.normalise(phrase)).stream().findFirst().orElse(-1L);
            throw new Duplicate(existing);
        }
    }

    private void bump() {
        jdbc.update("update contact_settings_version set version = version + 1 where name = 'tone'");
    }

    private TonePhrase row(ResultSet rs, int i) throws SQLException {
        return new TonePhrase(rs.getLong("id"), rs.getString("locale"), rs.getString("phrase"),
                rs.getString("suggestion"), rs.getString("why"), rs.getTimestamp("created_at").toInstant());
    }
}
