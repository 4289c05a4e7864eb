package dev.zaiko.deal;

/**
 * How many customers wait in a deal's waitlist. While anyone waits, a unit that comes back to the
 * deal is offered to the first in line, so plain buyers are refused ({@code deal-waitlist-first}).
 */
public interface WaitingCustomers {

    int waiting(String deal);
}
