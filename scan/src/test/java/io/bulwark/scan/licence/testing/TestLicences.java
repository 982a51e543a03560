package io.bulwark.scan.licence.testing;

import io.bulwark.scan.licence.LicenceTool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Licence keys for tests, made the way an operator makes them: with {@link LicenceTool} (shared by
 * the gateway, admin backend and console tests through the scan test jar). One authority per
 * instance; not thread-safe.
 */
public final class TestLicences {
    private final Path authority;
    private final String publicKey;

    /** Creates an authority key in {@code dir} with the tool's {@code authority} command. */
    public TestLicences(Path dir) {
        this.authority = dir.resolve("authority-" + System.nanoTime() + ".key");
        String out = tool("authority", "--out", authority.toString());
        this.publicKey = out.lines().filter(l -> l.startsWith("bulwark.licence.public-key=")).findFirst()
                .orElseThrow().substring("bulwark.licence.public-key=".length());
    }

    /** The authority's public key, as {@code bulwark.licence.public-key} takes it. */
    public String publicKey() {
        return publicKey;
    }

    /** The authority's private key file. */
    public Path authorityFile() {
        return authority;
    }

    /** A key file issued by the tool ({@code issue --number ... --holder "Example Ltd"} plus the options). */
    public String issue(String number, String... options) {
        List<String> args = new ArrayList<>(List.of("issue", "--authority", authority.toString(), "--number", number,
                "--holder", "Example Ltd"));
        args.addAll(List.of(options));
        return tool(args.toArray(String[]::new));
    }

    /** Runs the tool; its standard output, or an assertion failure with its error output. */
    public static String tool(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LicenceTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC());
        if (code != 0) {
            throw new AssertionError("licence tool " + String.join(" ", args) + " failed: "
                    + err.toString(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
