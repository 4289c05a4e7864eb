package dev.zaiko.refund;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import dev.zaiko.platform.Wording;
import dev.zaiko.platform.Wording.Arg;

/**
 * What a refund's history says about each step, as bundle keys ({@code refund.note.*}) and their
 * arguments: worded when read, in the reader's language. A request's cause is worded through
 * {@code refund.cause.*}, a route through {@code refund.route.*}; times are the shop's local time.
 */
final class RefundNotes {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private RefundNotes() {
    }

    /** Asked for because of {@code cause}, on its way by the route in the row. */
    static Wording requested(String cause) {
        return Wording.of("refund.note.requested", Arg.worded("refund.cause.", cause));
    }

    /** Asked for, by bank transfer to the account the customer registered for the order before. */
    static Wording requestedToRegisteredAccount(String cause) {
        return Wording.of("refund.note.requested.registeredAccount", Arg.worded("refund.cause.", cause));
    }

    /** Asked for, waiting for the customer's bank account until the deadline. */
    static Wording requestedAwaitingAccount(String cause, Instant deadline, ZoneId zone) {
        return Wording.of("refund.note.requested.awaitingAccount", Arg.worded("refund.cause.", cause),
                Arg.plain(local(deadline, zone)));
    }

    static Wording marketplaceGivesItBack() {
        return Wording.of("refund.note.marketplace");
    }

    /** The marketplace's platform is told of the cancellation: the refund waits for its answer. */
    static Wording marketplaceAsked() {
        return Wording.of("refund.note.marketplaceAsked");
    }

    /** The platform cancelled the line: the marketplace gives the payment back itself. */
    static Wording marketplaceConfirmed(String platform, String reference) {
        return Wording.of("refund.note.marketplaceConfirmed", Arg.plain(platform),
                Arg.plain(reference == null ? "-" : reference));
    }

    /** The platform did not cancel the line (its words, or why it could not be told): a person looks. */
    static Wording marketplaceRefused(String platform, String why) {
        return Wording.of("refund.note.marketplaceRefused", Arg.plain(platform), Arg.plain(why));
    }

    static Wording nothingWasPaid() {
        return Wording.of("refund.note.nothingPaid");
    }

    /** A convenience-store refund whose customer registered no account by the deadline: gift balance, final. */
    static Wording noAccountByDeadline(Instant deadline, ZoneId zone) {
        return Wording.of("refund.note.deadlinePassed", Arg.plain(local(deadline, zone)));
    }

    static Wording attempt(int attempt, Route route) {
        return Wording.of("refund.note.attempt", Arg.plain(attempt), Arg.worded("refund.route.", route.name()));
    }

    /** The gateway took it as a task for a person: no money moved yet. */
    static Wording awaitingConfirmation(String gateway, String transactionId) {
        return Wording.of("refund.note.awaitingConfirmation", Arg.plain(gateway), Arg.plain(transactionId));
    }

    static Wording completed(Route route, String transactionId) {
        return transactionId == null
                ? Wording.of("refund.note.completed", Arg.worded("refund.route.", route.name()))
                : Wording.of("refund.note.completed.transaction", Arg.worded("refund.route.", route.name()),
                Arg.plain(transactionId));
    }

    static Wording retrying(int attempt, String code, Instant next, ZoneId zone) {
        return Wording.of("refund.note.retrying", Arg.plain(attempt), Arg.plain(code), Arg.plain(local(next, zone)));
    }

    static Wording givenUp(int attempt, String code) {
        return Wording.of("refund.note.failed", Arg.plain(attempt), Arg.plain(code));
    }

    /** A person carried out the manual route's task with the provider and confirmed it. */
    static Wording confirmedByHand(String reference) {
        return Wording.of("refund.note.confirmedByHand", Arg.plain(reference));
    }

    /** @param masked the account as the API shows it, never its number */
    static Wording accountRegistered(String masked) {
        return Wording.of("refund.note.accountRegistered", Arg.plain(masked));
    }

    static Wording sentAgainByHand() {
        return Wording.of("refund.note.sentAgain");
    }

    private static String local(Instant at, ZoneId zone) {
        return at == null ? "" : LocalDateTime.ofInstant(at, zone).format(LOCAL);
    }
}
