package dev.zaiko.deal;

/**
 * PLANNED: not started (its quantity is not set aside yet). LIVE: selling. PAUSED: its quantity
 * stays set aside, nobody can buy. ENDED: at its end or ended early; unsold units are regular
 * stock again.
 */
public enum DealStatus {
    PLANNED, LIVE, PAUSED, ENDED
}
