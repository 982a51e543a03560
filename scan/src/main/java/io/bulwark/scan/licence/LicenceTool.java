package io.bulwark.scan.licence;

import io.bulwark.events.licence.FunctionalityLevel;
import io.bulwark.events.licence.LicenceKeyFacts;
import io.bulwark.events.licence.LicenceType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The licence tool, for operators who issue keys and for tests (docs/licensing.md has every
 * command). From the appliance jar:
 *
 * <pre>
 * java -cp bulwark.jar -Dloader.main=io.bulwark.scan.licence.LicenceTool \
 *      org.springframework.boot.loader.launch.PropertiesLauncher &lt;command&gt; [options]
 * </pre>
 *
 * Commands: {@code authority --out FILE} (a new authority key; prints the public key for
 * {@code bulwark.licence.public-key}), {@code issue --authority FILE --number N --holder H [--type
 * trial|commercial|subscription] [--functionality full|anti-virus] [--start DATE] [--expiry DATE |
 * --days N] [--grace-days N] [--unit U] [--limit N] [--out FILE]}, {@code activation-code --key FILE
 * --codes FILE} (adds a code for the key to the codes file; prints the code) and {@code verify
 * --public-key BASE64 FILE}. Dates are {@code 2027-01-01} (midnight UTC) or a UTC time.
 */
public final class LicenceTool {
    private LicenceTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, Clock.systemUTC()));
    }

    /** Runs one command; 0 on success, 1 on a refused key ({@code verify}), 2 on a usage error. */
    public static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        if (args.length == 0) {
            err.println(usage());
            return 2;
        }
        try {
            Map<String, String> options = new HashMap<>();
            String positional = null;
            for (int i = 1; i < args.length; i++) {
                if (args[i].startsWith("--")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(args[i] + " needs a value");
                    }
                    options.put(args[i].substring(2), args[++i]);
                } else {
                    positional = args[i];
                }
            }
            return switch (args[0]) {
                case "authority" -> authority(options, out);
                case "issue" -> issue(options, out, clock);
                case "activation-code" -> activationCode(options, out);
                case "verify" -> verify(options, positional, out, clock);
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            };
        } catch (IllegalArgumentException | IOException e) {
            err.println("licence tool: " + e.getMessage());
            err.println(usage());
            return 2;
        }
    }

    private static int authority(Map<String, String> options, PrintStream out) throws IOException {
        Path file = Path.of(required(options, "out"));
        if (Files.exists(file)) {
            throw new IllegalArgumentException(file + " exists already; the tool never overwrites an authority key");
        }
        LicenceAuthority authority = LicenceAuthority.generate();
        Files.writeString(file, authority.toPrivateKeyFile(), StandardCharsets.US_ASCII);
        out.println("Authority key " + authority.keyId() + " written to " + file + " (keep it secret, off the appliance)");
        out.println("bulwark.licence.public-key=" + authority.publicKeyBase64());
        return 0;
    }

    private static int issue(Map<String, String> options, PrintStream out, Clock clock) throws IOException {
        LicenceAuthority authority = LicenceAuthority.fromPrivateKeyFile(
                Files.readString(Path.of(required(options, "authority")), StandardCharsets.US_ASCII));
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant start = options.containsKey("start") ? time(options.get("start")) : now;
        Instant expiry;
        if (options.containsKey("expiry")) {
            expiry = time(options.get("expiry"));
        } else {
            expiry = start.plus(Duration.ofDays(Long.parseLong(options.getOrDefault("days", "365"))));
        }
        LicenceType type = LicenceType.valueOf(options.getOrDefault("type", "commercial").toUpperCase(Locale.ROOT));
        FunctionalityLevel functionality = FunctionalityLevel.valueOf(options.getOrDefault("functionality", "full")
                .toUpperCase(Locale.ROOT).replace('-', '_'));
        int grace = Integer.parseInt(options.getOrDefault("grace-days", type == LicenceType.SUBSCRIPTION ? "14" : "0"));
        LicenceKeyFacts facts = new LicenceKeyFacts(required(options, "number"), required(options, "holder"),
                LicenceKeyFile.PRODUCT_NAME, options.getOrDefault("unit", "mailboxes"),
                Long.parseLong(options.getOrDefault("limit", "0")), start, expiry, type, grace, functionality, null,
                null);
        String keyFile = LicenceKeyFile.issue(facts, now, authority);
        if (options.containsKey("out")) {
            Files.writeString(Path.of(options.get("out")), keyFile, StandardCharsets.UTF_8);
            out.println("Licence " + facts.licenceNumber() + " (" + type.name().toLowerCase(Locale.ROOT) + ", "
                    + functionality.name().toLowerCase(Locale.ROOT).replace('_', '-') + ", " + start + " to " + expiry
                    + ") written to " + options.get("out"));
        } else {
            out.print(keyFile);
        }
        return 0;
    }

    private static int activationCode(Map<String, String> options, PrintStream out) throws IOException {
        String keyFile = Files.readString(Path.of(required(options, "key")), StandardCharsets.UTF_8);
        LicenceKeyFile.parse(keyFile);
        String code = ActivationCodes.newCode();
        ActivationCodes.append(Path.of(required(options, "codes")), code, keyFile);
        out.println(code);
        return 0;
    }

    private static int verify(Map<String, String> options, String file, PrintStream out, Clock clock)
            throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("verify needs the key file");
        }
        LicenceVerifier verifier = new LicenceVerifier(java.util.List.of(required(options, "public-key").split(",")));
        Verification result = verifier.verify(Files.readString(Path.of(file), StandardCharsets.UTF_8), clock.instant());
        out.println(result.outcome() + ": " + result.message());
        return result.authentic() ? 0 : 1;
    }

    private static Instant time(String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date (2027-01-01) or UTC time (2027-01-01T00:00:00Z): " + value);
        }
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static String usage() {
        return """
                usage: LicenceTool authority --out FILE
                       LicenceTool issue --authority FILE --number N --holder H [--type trial|commercial|subscription]
                                   [--functionality full|anti-virus] [--start DATE] [--expiry DATE | --days N]
                                   [--grace-days N] [--unit mailboxes] [--limit N] [--out FILE]
                       LicenceTool activation-code --key FILE --codes FILE
                       LicenceTool verify --public-key BASE64 FILE""";
    }
}
