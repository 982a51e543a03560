package io.bulwark.scan.antivirus.signatures;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What loading a signature directory did: for administrators (logs, later the console) and tests.
 *
 * @param files            per file loaded (a container's inner files as {@code daily.cvd!daily.hdb}),
 *                         how many signatures it gave
 * @param hashSignatures   {@code .hdb}/{@code .hsb} signatures loaded
 * @param bodySignatures   {@code .ndb} signatures loaded
 * @param skippedLines     lines not loaded (unsupported syntax or malformed), in all
 * @param skipped          the first {@value SignatureDatabase#REPORTED_SKIPS} of them,
 *                         "file:line: reason"
 * @param unsupportedFiles files (or container members) of a kind the engine does not read
 *                         ({@code .ldb}, {@code .mdb}, ...)
 * @param errors           whole files rejected (a container whose MD5 does not match, unreadable
 *                         files), "file: reason"
 * @param headers          per {@code .cvd}/{@code .cld} loaded, what its header says (version,
 *                         signatures declared, publishing time)
 * @param automatonStates  size of the body signatures' anchor matcher (automaton states, or
 *                         distinct leading 3-grams of the default matcher)
 * @param loadTime         wall time of the load
 */
public record LoadReport(Map<String, Integer> files, int hashSignatures, int bodySignatures, int skippedLines,
        List<String> skipped, List<String> unsupportedFiles, List<String> errors, Map<String, ContainerInfo> headers,
        int automatonStates, Duration loadTime) {

    public LoadReport {
        files = Map.copyOf(files);
        skipped = List.copyOf(skipped);
        unsupportedFiles = List.copyOf(unsupportedFiles);
        errors = List.copyOf(errors);
        headers = Map.copyOf(headers);
    }

    /** Per {@code .cvd}/{@code .cld} loaded, its version. */
    public Map<String, Integer> containers() {
        Map<String, Integer> versions = new java.util.TreeMap<>();
        headers.forEach((name, info) -> versions.put(name, info.version()));
        return versions;
    }

    /**
     * The newest publishing time of the loaded containers (normally the daily database's: main is
     * rebuilt rarely and is months old on a healthy node), or null when none has one. The age of
     * a node's databases is measured from it.
     */
    public java.time.Instant newestPublished() {
        return headers.values().stream().map(ContainerInfo::published).filter(java.util.Objects::nonNull)
                .max(java.util.Comparator.naturalOrder()).orElse(null);
    }

    /** All signatures loaded. */
    public int signatures() {
        return hashSignatures + bodySignatures;
    }

    /** One line for the log. */
    public String summary() {
        return hashSignatures + " hash and " + bodySignatures + " body signatures from " + files.size()
                + " files in " + loadTime.toMillis() + " ms; " + skippedLines + " lines skipped"
                + (unsupportedFiles.isEmpty() ? "" : "; not read: " + String.join(", ", unsupportedFiles))
                + (errors.isEmpty() ? "" : "; errors: " + String.join("; ", errors));
    }
}
