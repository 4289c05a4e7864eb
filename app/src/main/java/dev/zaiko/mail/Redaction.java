package dev.zaiko.mail;

import java.util.regex.Pattern;

/**
 * Blanks email addresses in texts that come from mail servers or webhooks (an SMTP reply often
 * quotes the recipient), before they are stored in errors, published in events or logged.
 */
final class Redaction {

    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>()\\[\\]\",;:]+@[^\\s<>()\\[\\]\",;:]+");
    private static final int MAX = 1000;

    private Redaction() {
    }

    static String addresses(String text) {
        if (text == null) return null;
        String out = ADDRESS.matcher(text).replaceAll("[address]").replaceAll("\\s+", " ").trim();
        return out.length() > MAX ? out.substring(0, MAX) : out;
    }
}
