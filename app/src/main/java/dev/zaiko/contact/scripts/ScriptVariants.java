package dev.zaiko.contact.scripts;

import java.util.List;

/**
 * The script variants in one place, most specific first: the first that applies to a case
 * writes its call. {@link GeneralScript} applies to every case, so one always does.
 */
final class ScriptVariants {

    static final List<ScriptVariant> ALL = List.of(
            new BusinessCustomerScript(),
            new NotInTimeScript(),
            new DiscontinuedScript(),
            new DatedRestockScript(),
            new GeneralScript());

    private ScriptVariants() {
    }

    static ScriptVariant choose(ScriptSituation s) {
        return ALL.stream().filter(v -> v.appliesTo(s)).findFirst().orElseThrow();
    }
}
