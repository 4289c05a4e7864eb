package dev.zaiko;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Fails when a module reaches into another module's internals instead of its public API. */
class ModuleBoundariesTest {

    @Test
    void modulesOnlyUseEachOthersPublicApi() {
        ApplicationModules.of(ZaikoApplication.class).verify();
    }
}
