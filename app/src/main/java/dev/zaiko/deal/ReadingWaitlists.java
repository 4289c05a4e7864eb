package dev.zaiko.deal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.zaiko.platform.NotFoundException;
import org.springframework.stereotype.Service;

/** A deal's waitlist as the shop sees it, and how many are still in line. */
@Service
public class ReadingWaitlists implements WaitingCustomers {

    private final WaitlistStore store;
    private final Deals deals;

    ReadingWaitlists(WaitlistStore store, Deals deals) {
        this.store = store;
        this.deals = deals;
    }

    /**
     * WAITING only: while anyone still waits, units that come back are theirs. Someone OFFERED has
     * their unit already; a unit back in the deal while only offers are out is nobody's, and any buyer
     * may take it.
     */
    @Override
    public int waiting(String deal) {
        return store.waiting(deal);
    }

    /** Those still in line: WAITING, and OFFERED while their unit is held for them (what staff see). */
    public int inLine(String deal) {
        return store.inLine(deal);
    }

    /**
     * Everyone who joined, first first, with where they stand.
     *
     * @throws NotFoundException no such deal
     */
    public List<WaitlistEntry> list(String deal) {
        deals.find(deal).orElseThrow(() -> new NotFoundException("No deal '" + deal + "'."));
        return store.list(deal);
    }

    public Optional<WaitlistEntry> find(UUID entry) {
        return store.find(entry);
    }
}
