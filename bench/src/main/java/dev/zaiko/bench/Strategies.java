package dev.zaiko.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The one place that lists the strategies the harness knows, in the order they run. */
public final class Strategies {

    private static final Map<String, Supplier<Strategy>> ALL = new LinkedHashMap<>();

    static {
        register("NAIVE", NaiveStrategy::new);
        register("ROW_LOCK", RowLockStrategy::new);
        register("ZAIKO", ZaikoStrategy::new);
    }

    private Strategies() {
    }

    private static void register(String name, Supplier<Strategy> factory) {
        ALL.put(name, factory);
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    public static Strategy create(String name) {
        Supplier<Strategy> factory = ALL.get(name.trim().toUpperCase());
        if (factory == null) {
            throw new IllegalArgumentException("Unknown strategy " + name + "; known: " + names());
        }
        return factory.get();
    }
}
