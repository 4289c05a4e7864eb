package dev.zaiko.deal;

/**
 * PLANNED: not started (its quantity is not set aside yet). LIVE: selling. PAUSED: its quantity
 * stays set aside, nobody can buy. ENDED: at its end or ended early; unsold units are regular
 * stock again. CANCELLED: called off while PLANNED; it never set anything aside.
 */
public enum DealStatus {
    PLANNED, LIVE, PAUSED, ENDED, CANCELLED
}
