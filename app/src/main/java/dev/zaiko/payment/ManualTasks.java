package dev.zaiko.payment;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import dev.zaiko.platform.SecretBox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The tasks of the {@link ManualGateway}: listed for staff, and confirmed by the person who carried
 * one out. Present whichever gateway is active (with another one the list is simply empty).
 * Confirming joins the caller's transaction, so a caller records what the confirmation means for
 * it (a refund under way) together with it.
 */
@Service
public class ManualTasks {

    /** The longest reference a person may give: a provider's ids are far shorter. */
    public static final int MAX_REFERENCE_LENGTH = 100;

    private final ManualTaskStore store;
    private final Clock clock;

    ManualTasks(JdbcTemplate jdbc, Clock clock, SecretBox secrets) {
        this.store = new ManualTaskStore(jdbc, secrets);
        this.clock = clock;
    }

    /** @param status null for every task; oldest first */
    public List<ManualTask> list(ManualTask.Status status, int limit) {
        return store.list(status, limit);
    }

    public Optional<ManualTask> find(UUID id) {
        return store.find(id);
    }

    /** The task a gateway call with this idempotency key opened. */
    public Optional<ManualTask> byKey(String idempotencyKey) {
        return store.byKey(idempotencyKey).map(ManualTaskStore.Keyed::task);
    }

    /**
     * @param confirmed the task as it is now
     * @param already   true when it had been confirmed before with the same reference: nothing changed
     */
    public record Confirmation(ManualTask confirmed, boolean already) {
    }

    /**
     * A person carried the task out and gives the provider's reference. Confirming again with the
     * same reference changes nothing ({@code already}); with another reference it is refused.
     *
     * @throws InvalidRequestException {@code invalid-reference} (field {@code reference}): blank, too long
     *                                 or with control characters
     * @throws NotFoundException       no such task
     * @throws ConflictException       {@code manual-task-already-confirmed}: confirmed before with another reference
     */
    public Confirmation confirm(UUID id, String reference, String by) {
        String ref = reference(reference);
        ManualTask task = store.lock(id).orElseThrow(() -> noTask(id));
        if (task.status() == ManualTask.Status.CONFIRMED) {
            if (task.confirmedReference().equals(ref)) return new Confirmation(task, true);
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("id", id.toString());
            facts.put("confirmedReference", task.confirmedReference());
            facts.put("confirmedBy", task.confirmedBy());
            facts.put("confirmedAt", task.confirmedAt().toString());
            throw new ConflictException("manual-task-already-confirmed", "Task " + id + " was confirmed by "
                    + task.confirmedBy() + " at " + task.confirmedAt() + " with reference " + task.confirmedReference()
                    + ". It is done once; nothing was changed.", facts);
        }
        store.confirm(id, ref, by == null || by.isBlank() ? "unknown" : by, clock.instant());
        return new Confirmation(store.find(id).orElseThrow(), false);
    }

    public static NotFoundException noTask(UUID id) {
        return new NotFoundException("No manual payment task " + id + ".");
    }

    private static String reference(String reference) {
        String ref = reference == null ? "" : reference.strip();
        String problem = ref.isEmpty() ? "the provider's reference of the refund or transfer is required"
                : ref.length() > MAX_REFERENCE_LENGTH ? "at most " + MAX_REFERENCE_LENGTH + " characters"
                : ref.chars().anyMatch(Character::isISOControl) ? "no control characters" : null;
        if (problem == null) return ref;
        return throwInvalid(problem);
    }

    private static String throwInvalid(String problem) {
        throw new InvalidRequestException("invalid-reference", "reference: " + problem + ". Nothing was confirmed.",
                Map.of("field", "reference"));
    }
}
