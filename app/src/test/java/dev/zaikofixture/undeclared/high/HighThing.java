package dev.zaikofixture.undeclared.high;

import dev.zaikofixture.undeclared.low.LowThing;

/** Uses the module {@code low}, which this module does not declare. */
public class HighThing {
    public int twice(LowThing low) {
        return 2 * low.value();
    }
}
