package dev.zaikofixture.undeclared.low;

/** Public API of the fixture module {@code low}. */
public class LowThing {
    public int value() {
        return 1;
    }
}
