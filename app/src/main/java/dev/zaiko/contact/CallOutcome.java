package dev.zaiko.contact;

/** What happened on a call. */
public enum CallOutcome {
    /** The customer answered: they decided, asked to be called back, or will decide through the link. */
    CONNECTED,
    /** A short message without details was left on the answering machine. */
    VOICEMAIL,
    NO_ANSWER,
    /** The number does not reach the customer: the desk writes from now on. */
    WRONG_NUMBER;

    public boolean missed() {
        return this != CONNECTED;
    }
}
