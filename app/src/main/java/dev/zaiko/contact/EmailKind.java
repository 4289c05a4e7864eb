package dev.zaiko.contact;

/** The emails the desk writes to a customer. */
public enum EmailKind {
    /** The first word about the shortage, when no call can come before the contact deadline (or there is no phone). */
    FIRST_NOTICE,
    /** After a call nobody answered (or a voicemail): what happened, the options, when the shop calls again. */
    MISSED_CALL,
    /** The phone number does not reach the customer. */
    WRONG_NUMBER,
    /** The customer answered and wants to think: the options in writing. */
    OPTIONS,
    /** The customer asked to be called back at a time: confirmed in writing. */
    CALLBACK_CONFIRMED,
    /** A supervisor will call. */
    ESCALATED,
    /** After every decision: what was decided, dates, refunds, coupon. */
    FOLLOW_UP,
    /** A refund waits for the customer's bank account. */
    BANK_ACCOUNT_REQUEST,
    BANK_ACCOUNT_REMINDER,
    /**
     * A refund that staff carried out by hand (the manual route) is done: the follow-up had told
     * the customer it was under way, this says it was made.
     */
    REFUND_MADE
}
