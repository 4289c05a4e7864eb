package dev.zaiko.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * One home per concern in the inventory module, read from its sources: the SQL on reservations
 * lives in {@link ReservationStore} alone, and a {@link StockPicture} is loaded by
 * {@link StockStore#picture} alone.
 */
class OneHomeTest {

    static final Path MAIN = Path.of("src/main/java/dev/zaiko");

    @Test
    void onlyTheReservationStoreNamesTheReservationTables() throws IOException {
        assertThat(filesMentioning(Pattern.compile("inventory_reservation")))
                .containsExactly("inventory/ReservationStore.java");
    }

    @Test
    void onlyTheStockStoreBuildsAStockPicture() throws IOException {
        assertThat(filesMentioning(Pattern.compile("new StockPicture\\(")))
                .containsExactly("inventory/StockStore.java");
    }

    private static List<String> filesMentioning(Pattern pattern) throws IOException {
        assertThat(MAIN).as("run from the app module").isDirectory();
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> {
                        try {
                            return pattern.matcher(Files.readString(f)).find();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(f -> MAIN.relativize(f).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }
}
