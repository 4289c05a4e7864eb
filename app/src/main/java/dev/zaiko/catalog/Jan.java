package dev.zaiko.catalog;

/**
 * JAN codes (the Japanese name of the GS1 EAN barcodes): 13 digits (JAN/EAN-13) or 8 digits
 * (JAN-8/EAN-8), the last one a check digit. Used by the catalog to check a product's
 * {@code jan} and by anyone matching a list of items by JAN.
 */
public final class Jan {

    private Jan() {
    }

    /** Surrounding spaces removed; {@code null} for null or blank (no JAN). */
    public static String normalize(String jan) {
        return jan == null || jan.isBlank() ? null : jan.strip();
    }

    /**
     * What is wrong with a JAN (already normalized), null when nothing is. The text names the field
     * {@code jan} and says what a JAN must be.
     */
    public static String problem(String jan) {
        if (jan == null) return null;
        if (!jan.chars().allMatch(c -> c >= '0' && c <= '9') || (jan.length() != 13 && jan.length() != 8)) {
            return "jan '" + shortened(jan) + "' must be 13 digits (JAN/EAN-13) or 8 digits (JAN-8/EAN-8)";
        }
        int expected = checkDigit(jan.substring(0, jan.length() - 1));
        if (jan.charAt(jan.length() - 1) - '0' != expected) {
            return "jan '" + jan + "' has a wrong check digit: the last digit should be " + expected;
        }
        return null;
    }

    public static boolean valid(String jan) {
        return jan != null && problem(jan) == null;
    }

    /** The GS1 check digit of the digits before it: weights 3 and 1 alternating from the right. */
    static int checkDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 0 ? digit * 3 : digit;
        }
        return (10 - sum % 10) % 10;
    }

    private static String shortened(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }
}
