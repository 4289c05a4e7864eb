package dev.zaiko.payment;

/** The kind of a Japanese bank account: 普通 (ordinary), 当座 (checking), 貯蓄 (savings). */
public enum AccountType {
    ORDINARY("普通"), CHECKING("当座"), SAVINGS("貯蓄");

    private final String japanese;

    AccountType(String japanese) {
        this.japanese = japanese;
    }

    /** As printed on a passbook and written on Japanese forms. */
    public String japanese() {
        return japanese;
    }
}
