package dev.zaiko.order;

import java.security.SecureRandom;
import java.text.Normalizer;

import dev.zaiko.platform.InvalidRequestException;

/**
 * An order number people can read aloud on the phone: 17 digits shown as
 * {@code ddd-ddddddd-ddddddd}, the last digit a Damm check digit over the other 16.
 * <p>
 * The Damm algorithm (a weakly totally anti-symmetric quasigroup of order 10) detects
 * <em>every</em> single-digit error and <em>every</em> transposition of two adjacent digits, the two
 * mistakes people make most when reading or typing a number; Luhn would miss the transposition
 * 09 ↔ 90. Other errors (two digits wrong, a swap across one digit) are not guaranteed to be caught:
 * any random change of the digits passes the check with probability 1/10.
 *
 * @param digits the 17 digits, without separators
 */
public record OrderNumber(String digits) {

    public static final int LENGTH = 17;

    private static final int[][] DAMM = {
            {0, 3, 1, 7, 5, 9, 8, 6, 4, 2},
            {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
            {4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
            {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
            {6, 1, 2, 3, 0, 4, 5, 9, 7, 8},
            {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
            {5, 8, 6, 9, 7, 2, 0, 1, 3, 4},
            {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
            {9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
            {2, 5, 8, 1, 4, 3, 6, 7, 9, 0}};

    private static final SecureRandom RANDOM = new SecureRandom();

    public OrderNumber {
        if (digits == null || digits.length() != LENGTH || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("An order number has " + LENGTH + " digits");
        }
        if (!valid(digits)) throw new IllegalArgumentException("The check digit does not match");
    }

    /** A new random number with its check digit. */
    public static OrderNumber random() {
        StringBuilder s = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH - 1; i++) s.append((char) ('0' + RANDOM.nextInt(10)));
        return new OrderNumber(s.append(checkDigit(s)).toString());
    }

    /**
     * Reads what a person typed or a clerk wrote down: with or without dashes or spaces, full-width
     * digits too (全角). 400 when it is not 17 digits or the check digit does not match.
     */
    public static OrderNumber parse(String text) {
        String digits = text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC)
                .replaceAll("[\\s\\-‐‑‒–—―ー]", "");
        if (digits.length() != LENGTH || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidRequestException("'" + text + "' is not an order number: an order number has "
                    + LENGTH + " digits, written like 123-4567890-1234567 (dashes and spaces are optional).");
        }
        if (!valid(digits)) {
            throw new InvalidRequestException("'" + text + "' is not a valid order number: its check digit (the last "
                    + "digit) does not match the others, so a digit was probably misheard or mistyped.");
        }
        return new OrderNumber(digits);
    }

    /** The Damm check digit of a string of digits. */
    static char checkDigit(CharSequence digits) {
        int interim = 0;
        for (int i = 0; i < digits.length(); i++) interim = DAMM[interim][digits.charAt(i) - '0'];
        return (char) ('0' + interim);
    }

    /** True when the digits, check digit included, fold to zero. */
    static boolean valid(CharSequence digits) {
        return checkDigit(digits) == '0';
    }

    /** {@code ddd-ddddddd-ddddddd}, the form shown to customers and used in reservation holders. */
    @Override
    public String toString() {
        return digits.substring(0, 3) + "-" + digits.substring(3, 10) + "-" + digits.substring(10);
    }
}
