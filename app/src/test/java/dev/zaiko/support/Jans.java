package dev.zaiko.support;

import java.util.concurrent.ThreadLocalRandom;

/** JAN codes for tests: random, so tests sharing one database never take each other's. */
public final class Jans {

    private Jans() {
    }

    /** A valid JAN-13 (a Japanese 45/49 prefix, 10 random digits, the GS1 check digit). */
    public static String random() {
        StringBuilder digits = new StringBuilder(ThreadLocalRandom.current().nextBoolean() ? "45" : "49");
        while (digits.length() < 12) digits.append(ThreadLocalRandom.current().nextInt(10));
        return digits.toString() + checkDigit(digits.toString());
    }

    /** The same code with its last digit changed: a wrong check digit. */
    public static String spoiled(String jan) {
        int last = jan.charAt(jan.length() - 1) - '0';
        return jan.substring(0, jan.length() - 1) + (last + 1) % 10;
    }

    public static int checkDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 0 ? digit * 3 : digit;
        }
        return (10 - sum % 10) % 10;
    }
}
