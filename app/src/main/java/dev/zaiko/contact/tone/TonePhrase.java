package dev.zaiko.contact.tone;

import java.time.Instant;

/** A phrase the tone guard flags, with the wording to use instead and why; editable data. */
public record TonePhrase(long id, String locale, String phrase, String suggestion, String why, Instant createdAt) {
}
