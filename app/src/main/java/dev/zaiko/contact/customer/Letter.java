package dev.zaiko.contact.customer;

import java.net.URI;
import java.util.List;

/**
 * An email to a customer before it is rendered: the same blocks become the HTML part and the
 * plain-text part, so both always say the same.
 */
public record Letter(String subject, boolean urgent, String greeting, List<Block> blocks, String closing,
              List<String> signature) {

    public Letter {
        blocks = List.copyOf(blocks);
        signature = List.copyOf(signature);
    }

    sealed interface Block {
        /** The name of the Thymeleaf fragment that renders it. */
        default String type() {
            return getClass().getSimpleName();
        }
    }

    record Paragraph(String text) implements Block {
    }

    /** @param title null for bullets without a heading */
    record Bullets(String title, List<String> items) implements Block {
        Bullets {
            items = List.copyOf(items);
        }
    }

    record Choices(String title, List<Choice> items) implements Block {
        Choices {
            items = List.copyOf(items);
        }
    }

    record Choice(String title, String explanation) {
    }

    /** A side-by-side table: the first row is the header. */
    record Comparison(String title, List<List<String>> rows) implements Block {
        Comparison {
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    record Action(String label, URI url, String note) implements Block {
    }
}
