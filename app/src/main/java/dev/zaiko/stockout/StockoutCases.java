package dev.zaiko.stockout;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading stockout cases and moving them through {@link StockoutLifecycle}. */
@Service
public class StockoutCases {

    private final StockoutStore store;
    private final Clock clock;
    private final StockoutTexts texts;

    StockoutCases(StockoutStore store, Clock clock, StockoutTexts texts) {
        this.texts = texts;
        this.store = store;
        this.clock = clock;
    }

    public Optional<StockoutCase> find(String id) {
        return id == null ? Optional.empty() : store.find(normalized(id));
    }

    /** @throws NotFoundException when there is no such case (404 in the API) */
    public StockoutCase get(String id) {
        return find(id).orElseThrow(() -> noSuchCase(id));
    }

    /**
     * The case read under its row lock, in the caller's transaction: no decision or status change
     * can slip in between this read and what the caller does with it.
     */
    public StockoutCase locked(String id) {
        StockoutCase c = get(id);
        store.lockStatus(c.id());
        return get(c.id());
    }

    /** Case ids are read as staff type them: {@code so-000042 } is SO-000042. */
    static String normalized(String id) {
        return id.strip().toUpperCase();
    }

    static NotFoundException noSuchCase(String id) {
        return new NotFoundException("No stockout case '" + id + "'.");
    }

    /** Most urgent first: by contact deadline, then priority, then id. */
    public StockoutPage list(StockoutQuery query) {
        if (query.page() < 0) {
            throw new InvalidRequestException("page must be 0 or more (pages are counted from 0), got " + query.page() + ".");
        }
        if (query.size() < 1 || query.size() > StockoutQuery.MAX_SIZE) {
            throw new InvalidRequestException(
                    "size must be between 1 and " + StockoutQuery.MAX_SIZE + ", got " + query.size() + ".");
        }
        return store.list(query);
    }

    /** How many cases opened at or after {@code since}, per reason code (for the console's day view). */
    public java.util.Map<String, Integer> openedSinceByReason(Instant since) {
        return store.openedSinceByReason(since);
    }

    /**
     * Moves a case to its next status with a history entry.
     *
     * @throws NotFoundException no such case
     * @throws dev.zaiko.platform.ConflictException {@code stockout-status-conflict} when the lifecycle forbids it
     */
    @Transactional
    public StockoutCase changeStatus(String id, StockoutStatus to, String actor, String why) {
        return changeStatus(id, to, actor, null, why);
    }

    /**
     * The same, with why as a bundle key and arguments (see {@link dev.zaiko.platform.Wording}) so
     * that every reader reads it in their language.
     */
    @Transactional
    public StockoutCase changeStatus(String id, StockoutStatus to, String actor, dev.zaiko.platform.Wording why) {
        return changeStatus(id, to, actor, why, texts.english(why));
    }

    private StockoutCase changeStatus(String id, StockoutStatus to, String actor, dev.zaiko.platform.Wording why,
                                      String english) {
        StockoutCase current = get(id);
        StockoutStatus from = store.lockStatus(current.id()).orElseThrow();
        StockoutLifecycle.check(current.id(), from, to);
        store.changeStatus(current.id(), to);
        store.addHistory(current.id(), from, to, actor, why, english, clock.instant());
        return get(current.id());
    }
}
