package dev.zaiko.wallet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/** How customers and orders are named in the wallet's tables. */
final class WalletKeys {

    private WalletKeys() {
    }

    /**
     * A wallet belongs to an email, whatever case or spaces the checkout sent it with: the same
     * customer typing "Hanako@Example.jp " must find the points granted to "hanako@example.jp".
     */
    static String customer(String email) {
        if (email == null || email.isBlank()) throw new IllegalArgumentException("A customer's email is required");
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /** Order numbers are kept as their digits, however they were written (dashes, spaces, full-width). */
    static String order(String orderNumber) {
        if (orderNumber == null) throw new IllegalArgumentException("An order number is required");
        String digits = Normalizer.normalize(orderNumber, Normalizer.Form.NFKC).replaceAll("[\\s-]", "");
        if (digits.isEmpty()) throw new IllegalArgumentException("An order number is required");
        return digits;
    }

    /** What an idempotency record says about a customer: enough to tell two apart, nothing to read back. */
    static String digest(String customer) {
        if (customer == null) return "-";
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(customer.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
