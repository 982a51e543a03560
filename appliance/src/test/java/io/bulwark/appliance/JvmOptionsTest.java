package io.bulwark.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code appliance/jvm.options} is a java argument file that every start of the appliance passes
 * ({@code ./bulwark run}, the harnesses, docker-compose.yml, the integration tests). A line the JVM
 * does not accept would stop the appliance from starting, so this starts a JVM with the file and
 * reads back the flags it set (docs/adr/0050-*.md).
 */
class JvmOptionsTest {

    private static final Pattern FLAG = Pattern.compile("-XX:([+-])(\\w+)");

    @Test
    void theJvmStartsWithTheFileAndEveryBooleanFlagInItIsInEffect() throws Exception {
        List<String> flags = booleanFlags();
        assertThat(flags).as("the file's -XX:+/- flags").contains("-XX:-G1UseAdaptiveIHOP");

        String output = run("@" + ApplianceProcess.jvmOptions().toAbsolutePath(), "-XX:+PrintFlagsFinal", "-version");

        for (String flag : flags) {
            Matcher m = FLAG.matcher(flag);
            assertThat(m.matches()).isTrue();
            String expected = m.group(1).equals("+") ? "true" : "false";
            assertThat(output).as(flag).containsPattern("bool\\s+" + m.group(2) + "\\s+= " + expected
                    + "\\s+\\{[^}]*\\}\\s+\\{command line\\}");
        }
    }

    @Test
    void anOptionGivenAfterTheFileWins() throws Exception {
        String output = run("@" + ApplianceProcess.jvmOptions().toAbsolutePath(), "-XX:+G1UseAdaptiveIHOP",
                "-XX:+PrintFlagsFinal", "-version");

        assertThat(output).containsPattern("bool\\s+G1UseAdaptiveIHOP\\s+= true");
    }

    @Test
    void everyLineIsACommentOrOneOption() throws IOException {
        for (String option : withoutComments()) {
            assertThat(option).as("one option per line, so that each has its comment: " + option)
                    .satisfiesAnyOf(o -> assertThat(o).isEmpty(), o -> assertThat(o).matches("-\\S+"));
        }
    }

    /** The file's {@code -XX:+Name} and {@code -XX:-Name} options. */
    private static List<String> booleanFlags() throws IOException {
        return withoutComments().stream().filter(option -> FLAG.matcher(option).matches()).toList();
    }

    /** Each line of the file with its comment taken off, stripped (empty for a comment line). */
    private static List<String> withoutComments() throws IOException {
        return Files.readAllLines(ApplianceProcess.jvmOptions(), StandardCharsets.UTF_8).stream()
                .map(line -> line.replaceFirst("#.*", "").strip()).toList();
    }

    private static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ApplianceProcess.javaCommand());
        command.addAll(List.of(args));
        Path output = Files.createTempFile("jvm-options", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the JVM did not exit within 60 s: " + command);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(text).isZero();
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
