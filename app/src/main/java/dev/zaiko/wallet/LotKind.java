package dev.zaiko.wallet;

/** The two balances a wallet keeps in lots. */
enum LotKind {
    POINTS, GIFT_BALANCE;

    /** The word the problem details use. */
    String words() {
        return this == POINTS ? "points" : "yen of gift balance";
    }
}
