package dev.zaiko.supplier;

import java.util.List;

import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading the record of applied discontinuation lists. */
@Service
@Transactional(readOnly = true)
public class DiscontinuationLists {

    public static final int MAX_LIMIT = 200;

    private final DiscontinuationListStore store;

    DiscontinuationLists(DiscontinuationListStore store) {
        this.store = store;
    }

    /** The newest first, without their rows. */
    public List<DiscontinuationList> latest(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("invalid-request", "limit must be between 1 and " + MAX_LIMIT + ", got "
                    + limit + ".", java.util.Map.of("field", "limit"));
        }
        return store.latest(limit);
    }

    /** @throws NotFoundException when no list was applied with that id */
    public DiscontinuationList get(long id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("No discontinuation list " + id + "."));
    }
}
