package dev.zaiko.contact.desk;

import java.util.Optional;

/** Calling again and again is a nuisance, not care: after {@code max} missed calls the desk only writes. */
public record StopCallingAfterTooManyMissedCalls(int max) implements MissedCallRule {

    @Override
    public Optional<NextCall> apply(MissedCall call) {
        return call.missedCalls() >= max ? Optional.of(new NextCall(null, name())) : Optional.empty();
    }
}
