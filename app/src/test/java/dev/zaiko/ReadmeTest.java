package dev.zaiko;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The README a newcomer reads first keeps its promises: its first two commands are the ones the
 * {@code zaiko} script and {@code .ci/run} carry out, and every page and picture it (or a page in
 * {@code docs/}) links to is there. Plain file checks: no application is started.
 */
class ReadmeTest {

    static final Path ROOT = repositoryRoot();
    static final Pattern FENCE = Pattern.compile("(?s)```[a-z]*\\n(.*?)```");
    static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} +(.+?) *$");

    @Test
    void theReadmeOpensWithTheDemoCommandAndTheTestCommand() {
        List<String> commands = firstCommands();
        assertThat(commands).as("the first two commands of README.md's first code block")
                .containsExactly("./zaiko --demo", "mvn -B verify");
    }

    @Test
    void theDemoCommandRunsTheZaikoScriptWhichHandsItsArgumentsToTheApplication() throws IOException {
        String demo = firstCommands().get(0);
        Path script = ROOT.resolve(demo.split(" ")[0]);
        assertThat(script).as(demo + " names a script in the repository").isRegularFile();
        assertThat(Files.isExecutable(script)).as(script + " is executable").isTrue();
        assertThat(read(script)).as("the script starts the application with the arguments it was given")
                .containsPattern("(?m)^exec java -jar app/target/zaiko-app-exec\\.jar \"\\$@\"$");
        String argument = demo.substring(demo.indexOf(' ') + 1);
        assertThat(ZaikoApplication.translateShortcuts(new String[] {argument}))
                .as("the application understands " + argument)
                .containsExactly("--zaiko.demo=true");
    }

    @Test
    void ciRunsTheReadmesTestCommandAndAfterItOnlyTheApiLinter() throws IOException {
        String test = firstCommands().get(1);
        List<String> steps = read(ROOT.resolve(".ci/run")).lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        assertThat(steps).as(".ci/run runs the README's test command").contains(test);
        assertThat(steps.subList(steps.indexOf(test) + 1, steps.size()))
                .as("after the test command, .ci/run only lints the API document the tests wrote")
                .allSatisfy(step -> assertThat(step).startsWith("npx --yes @redocly/cli@"));
    }

    @Test
    void everyRelativeLinkInTheReadmeAndTheDocsLeadsToAFileAndHeadingThatExist() throws IOException {
        List<String> broken = new ArrayList<>();
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        for (Path page : pages) {
            String text = FENCE.matcher(read(page)).replaceAll("");
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z][a-z0-9+.-]*:.*")) continue; // http:, https:, mailto:
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                String where = ROOT.relativize(page) + " -> " + target;
                if (!Files.exists(resolved)) {
                    broken.add(where + " (no such file)");
                } else if (anchor != null && resolved.toString().endsWith(".md")
                        && !anchors(resolved).contains(anchor)) {
                    broken.add(where + " (no such heading)");
                }
            }
        }
        assertThat(broken).as("links that lead nowhere").isEmpty();
    }

    @Test
    void theReadmesPictureOfTheConsoleIsThereAndSmall() throws IOException {
        Path picture = ROOT.resolve("docs/images/console.png");
        assertThat(read(ROOT.resolve("README.md"))).contains("](docs/images/console.png)");
        assertThat(Files.size(picture)).as("bytes of " + picture).isLessThan(300 * 1024);
    }

    /** The commands of README.md's first fenced block, comments dropped. */
    static List<String> firstCommands() {
        Matcher block = FENCE.matcher(read(ROOT.resolve("README.md")));
        assertThat(block.find()).as("README.md has a code block").isTrue();
        return block.group(1).lines()
                .map(line -> line.replaceFirst("\\s+#.*$", "").strip())
                .filter(line -> !line.isEmpty())
                .limit(2)
                .toList();
    }

    /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as dashes. */
    static Set<String> anchors(Path page) {
        Set<String> anchors = new LinkedHashSet<>();
        Matcher heading = HEADING.matcher(FENCE.matcher(read(page)).replaceAll(""));
        while (heading.find()) {
            String slug = heading.group(1).toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N}\\s_-]", "")
                    .replace(' ', '-');
            String unique = slug;
            for (int n = 1; !anchors.add(unique); n++) unique = slug + "-" + n;
        }
        return anchors;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path repositoryRoot() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve(".ci"))) return dir;
        }
        throw new IllegalStateException("No README.md next to .ci/ above " + Paths.get("").toAbsolutePath());
    }
}
