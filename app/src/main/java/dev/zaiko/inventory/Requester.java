package dev.zaiko.inventory;

/** Who wants units, as far as protections care: an online channel or the till, and a segment. */
record Requester(boolean online, String segment) {
}
