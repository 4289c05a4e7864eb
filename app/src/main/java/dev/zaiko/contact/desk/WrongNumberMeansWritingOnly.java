package dev.zaiko.contact.desk;

import dev.zaiko.contact.CallOutcome;
import java.util.Optional;

/** A number that does not reach the customer is not called again: the desk writes. */
public record WrongNumberMeansWritingOnly() implements MissedCallRule {

    @Override
    public Optional<NextCall> apply(MissedCall call) {
        return call.outcome() == CallOutcome.WRONG_NUMBER ? Optional.of(new NextCall(null, name())) : Optional.empty();
    }
}
