package dev.zaiko.platform;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs something once the current transaction has committed (at once when there is none).
 * <p>
 * For in-memory hand-offs that must not see a change that could still roll back. Not a
 * substitute for {@code @ApplicationModuleListener}: what runs here is lost if the process stops
 * between the commit and the action, so it suits only work that the next change heals (or tests).
 * Preferred over {@code @TransactionalEventListener} for such hand-offs, because the event
 * publication registry records every transactional listener's event in the database.
 */
public final class AfterCommit {

    private AfterCommit() {
    }

    public static void run(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
