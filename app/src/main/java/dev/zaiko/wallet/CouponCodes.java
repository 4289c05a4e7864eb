package dev.zaiko.wallet;

import java.security.SecureRandom;

/**
 * New coupon codes: ten characters customers can type from a printed letter or read over the
 * phone, so no 0/O, 1/I/L or 5/S to confuse. Random, so that a code cannot be guessed from another.
 */
final class CouponCodes {

    private static final char[] ALPHABET = "ABCDEFGHJKMNPQRTUVWXYZ2346789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int LENGTH = 10;

    private CouponCodes() {
    }

    static String random() {
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) code[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        return new String(code);
    }
}
