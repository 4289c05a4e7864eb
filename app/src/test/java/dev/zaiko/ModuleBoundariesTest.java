package dev.zaiko;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;
import org.springframework.modulith.docs.Documenter;

/**
 * The module map is code. Every module declares the modules it may use
 * ({@code @ApplicationModule(allowedDependencies = ...)} in its package-info); a use of any other
 * module, or of another module's internals, fails here. The declared arrows are exactly the used
 * ones, so the map drawn from them ({@code docs/modules/}, written by this test) is the truth.
 */
class ModuleBoundariesTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(ZaikoApplication.class);

    @Test
    void modulesOnlyUseEachOthersPublicApiAndOnlyTheModulesTheyDeclare() {
        MODULES.verify();
    }

    @Test
    void everyModuleDeclaresTheModulesItMayUse() {
        List<String> undeclared = new ArrayList<>();
        for (ApplicationModule module : MODULES) {
            if (declared(module) == null) {
                undeclared.add(module.getIdentifier().toString());
            }
        }
        assertThat(undeclared).as("modules without allowedDependencies in their package-info").isEmpty();
    }

    @Test
    void everyUsedModuleIsDeclaredEvenAnOpenOne() {
        Map<String, TreeSet<String>> missing = new TreeMap<>();
        for (ApplicationModule module : MODULES) {
            TreeSet<String> used = used(module);
            used.removeAll(Arrays.asList(declared(module)));
            if (!used.isEmpty()) {
                missing.put(module.getIdentifier().toString(), used);
            }
        }
        assertThat(missing).as("modules used but not declared in package-info").isEmpty();
    }

    @Test
    void everyDeclaredDependencyIsUsedSoTheMapHasNoStaleArrows() {
        Map<String, TreeSet<String>> stale = new TreeMap<>();
        for (ApplicationModule module : MODULES) {
            TreeSet<String> unused = new TreeSet<>(Arrays.asList(declared(module)));
            unused.removeAll(used(module));
            if (!unused.isEmpty()) {
                stale.put(module.getIdentifier().toString(), unused);
            }
        }
        assertThat(stale).as("declared dependencies no code uses (remove them from package-info)").isEmpty();
    }

    @Test
    void aModuleUsingAModuleItDoesNotDeclareIsRefused() {
        ApplicationModules fixture = ApplicationModules.of("dev.zaikofixture.undeclared", location -> true);

        assertThat(fixture.stream().map(m -> m.getIdentifier().toString())).contains("high", "low");
        assertThatThrownBy(fixture::verify).isInstanceOf(Violations.class)
                .hasMessageContaining("high").hasMessageContaining("low");
    }

    /**
     * Writes docs/modules/: a Mermaid map with each module's first sentence (README.md, rendered
     * on GitHub) and Spring Modulith's C4 PlantUML ({@code components.puml}). Fails when the map on
     * disk was out of date, so a change of the arrows comes with its map in the same commit.
     */
    @Test
    void theModuleMapInTheDocsIsTheOneTheCodeDraws() throws IOException {
        Path docs = Path.of("..", "docs", "modules");
        Files.createDirectories(docs);
        Path readme = docs.resolve("README.md");
        String before = Files.exists(readme) ? Files.readString(readme, StandardCharsets.UTF_8) : "";
        String map = mermaidMap();
        Files.writeString(readme, map, StandardCharsets.UTF_8);
        new Documenter(MODULES, Documenter.Options.defaults().withoutClean().withOutputFolder(docs.toString()))
                .writeModulesAsPlantUml();
        sortPlantUml(docs.resolve("components.puml"));

        assertThat(before).as("docs/modules/README.md was out of date; this run rewrote it: commit it").isEqualTo(map);
    }

    private static String mermaidMap() throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("# Zaiko's modules\n\n")
                .append("Written by `ModuleBoundariesTest` from each module's `package-info.java`; do not edit by hand.\n")
                .append("An arrow means \"uses the public API of\"; a module may use only the modules it declares\n")
                .append("(`@ApplicationModule(allowedDependencies = ...)`), and the test fails on any other arrow.\n")
                .append("`platform` (shared plumbing) is used by nearly every module; its arrows are left out of the\n")
                .append("picture and listed in the table. Spring Modulith's C4 view of the same map: [components.puml](components.puml).\n\n")
                .append("```mermaid\nflowchart TD\n");
        Map<String, ApplicationModule> byName = new TreeMap<>();
        MODULES.forEach(m -> byName.put(m.getIdentifier().toString(), m));
        for (String name : byName.keySet()) {
            for (String target : used(byName.get(name))) {
                if (!target.equals("platform")) {
                    out.append("    ").append(name).append(" --> ").append(target).append('\n');
                }
            }
        }
        out.append("```\n\n| Module | What it owns | Uses | Read more |\n|---|---|---|---|\n");
        for (String name : byName.keySet()) {
            String uses = String.join(", ", used(byName.get(name)));
            out.append("| [`").append(name).append("`](../../app/src/main/java/dev/zaiko/").append(name)
                    .append("/package-info.java) | ").append(firstSentence(name)).append(" | ")
                    .append(uses.isEmpty() ? "—" : uses).append(" | ").append(doc(name)).append(" |\n");
        }
        return out.toString();
    }

    /** Modulith writes elements and arrows in hash order; sorted, the file changes only when the map does. */
    private static void sortPlantUml(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> sorted = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String prefix = lines.get(i).trim().startsWith("Component(") ? "Component("
                    : lines.get(i).startsWith("Rel(") ? "Rel(" : null;
            if (prefix == null) {
                sorted.add(lines.get(i++));
                continue;
            }
            List<String> block = new ArrayList<>();
            while (i < lines.size() && lines.get(i).trim().startsWith(prefix)) {
                block.add(lines.get(i++));
            }
            block.sort(null);
            sorted.addAll(block);
        }
        Files.write(file, sorted, StandardCharsets.UTF_8);
    }

    private static TreeSet<String> used(ApplicationModule module) {
        TreeSet<String> used = new TreeSet<>();
        module.getDirectDependencies(MODULES).uniqueModules()
                .forEach(target -> used.add(target.getIdentifier().toString()));
        used.remove(module.getIdentifier().toString());
        return used;
    }

    private static String[] declared(ApplicationModule module) {
        String pkg = module.getBasePackage().getName();
        try {
            org.springframework.modulith.ApplicationModule annotation = Class.forName(pkg + ".package-info")
                    .getAnnotation(org.springframework.modulith.ApplicationModule.class);
            if (annotation == null || Arrays.asList(annotation.allowedDependencies())
                    .contains(org.springframework.modulith.ApplicationModule.OPEN_TOKEN)) {
                return null;
            }
            // "contact :: scripts" allows a named interface of contact: the arrow goes to contact
            return Arrays.stream(annotation.allowedDependencies()).map(d -> d.split("::")[0].trim()).distinct()
                    .toArray(String[]::new);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static final Pattern DOC = Pattern.compile("docs/([a-z0-9-]+\\.md)");

    /** The first doc the module's package-info points to ("See docs/x.md"), as a link. */
    private static String doc(String module) throws IOException {
        Matcher m = DOC.matcher(Files.readString(packageInfo(module), StandardCharsets.UTF_8));
        return m.find() ? "[" + m.group(1) + "](../" + m.group(1) + ")" : "—";
    }

    private static Path packageInfo(String module) {
        return Path.of("src", "main", "java", "dev", "zaiko", module, "package-info.java");
    }

    private static final Pattern FIRST_SENTENCE = Pattern.compile("/\\*\\*(.*?\\.)(\\s|$)", Pattern.DOTALL);

    private static String firstSentence(String module) throws IOException {
        String text = Files.readString(packageInfo(module), StandardCharsets.UTF_8);
        Matcher m = FIRST_SENTENCE.matcher(text);
        if (!m.find()) {
            return "";
        }
        return m.group(1).replaceAll("\\s*\\n\\s*\\*\\s*", " ").replaceAll("\\{@(?:link|code) ([^}]*)}", "`$1`")
                .replace("|", "\\|").trim();
    }
}
