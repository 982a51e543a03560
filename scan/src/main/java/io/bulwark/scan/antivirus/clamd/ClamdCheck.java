package io.bulwark.scan.antivirus.clamd;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.Symbol;
import io.bulwark.scan.SymbolDefinition;
import io.bulwark.scan.message.MessagePart;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Anti-virus check that asks ClamAV's daemon: every decoded MIME part is sent once with INSTREAM.
 *
 * <p>Why parts and not leaves: clamd unpacks archives itself, with its own limits and the file
 * types it knows (OLE2, PDF, PE unpackers, ...); sending each archive member as well would scan
 * it twice and bypass what clamd does best. Why parts and not the raw message: a detection
 * then names its part, which "Delete attachment" needs, and clamd does not have to parse MIME.
 *
 * <p>Reports {@code CLAMD_FOUND} (INFECTED) with "{@code clamd: NAME in part 2 (a.zip)}";
 * ClamAV's heuristic detections ({@code Heuristics.*}) as {@code CLAMD_HEURISTIC}
 * (PROBABLY_INFECTED), except {@code Heuristics.Encrypted.*} as {@code CLAMD_ENCRYPTED}
 * (ENCRYPTED) and {@code Heuristics.Limits.Exceeded*} as not scanned. A part clamd refuses
 * (its {@code StreamMaxLength}) or an incomplete MIME view makes it SKIPPED when nothing is found;
 * clamd unreachable, busy, slow or answering ERROR is a temporary failure (the module's ERROR,
 * marked temporary), never CLEAN. A finding wins over a later failure.
 *
 * <p>Thread-safe: the client is.
 */
public final class ClamdCheck implements Check {
    /** Symbol of a signature clamd found. */
    public static final String CLAMD_FOUND = "CLAMD_FOUND";
    /** Symbol of a heuristic detection. */
    public static final String CLAMD_HEURISTIC = "CLAMD_HEURISTIC";
    /** Symbol of an encrypted object clamd reports. */
    public static final String CLAMD_ENCRYPTED = "CLAMD_ENCRYPTED";

    private final ClamdClient client;

    public ClamdCheck(ClamdClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public String name() {
        return "clamd";
    }

    @Override
    public ProtectionModule module() {
        return ProtectionModule.ANTI_VIRUS;
    }

    @Override
    public List<SymbolDefinition> symbols() {
        return List.of(
                new SymbolDefinition(CLAMD_FOUND, ProtectionModule.ANTI_VIRUS, 0, ScanStatus.INFECTED,
                        "clamd found a signature"),
                new SymbolDefinition(CLAMD_HEURISTIC, ProtectionModule.ANTI_VIRUS, 0, ScanStatus.PROBABLY_INFECTED,
                        "clamd's heuristics flagged an object"),
                new SymbolDefinition(CLAMD_ENCRYPTED, ProtectionModule.ANTI_VIRUS, 0, ScanStatus.ENCRYPTED,
                        "clamd met an encrypted object"));
    }

    @Override
    public CheckResult run(CheckContext context) throws Exception {
        List<Symbol> found = new ArrayList<>();
        List<String> notScanned = new ArrayList<>(context.message().problems());
        for (MessagePart part : context.message().parts()) {
            ClamdReply reply;
            try {
                reply = client.scan(part::openStream);
            } catch (IOException e) {
                if (e instanceof InterruptedIOException && !(e instanceof java.net.SocketTimeoutException)) {
                    throw e; // the pipeline's time limit, not clamd's trouble
                }
                if (!found.isEmpty()) {
                    return CheckResult.found(found);
                }
                return CheckResult.temporaryFailure("clamd at " + client.address() + ": " + e.getMessage());
            }
            String where = part.label();
            switch (reply.kind()) {
                case OK -> {
                }
                case FOUND -> {
                    String name = reply.detail();
                    if (name.startsWith("Heuristics.Limits.Exceeded")) {
                        notScanned.add("clamd: " + name + " in " + where);
                    } else {
                        String symbol = name.startsWith("Heuristics.Encrypted") ? CLAMD_ENCRYPTED
                                : name.startsWith("Heuristics.") ? CLAMD_HEURISTIC : CLAMD_FOUND;
                        found.add(Symbol.of(symbol, "clamd: " + name + " in " + where, part.path()));
                    }
                }
                case ERROR -> {
                    if (reply.detail().contains("size limit")) {
                        notScanned.add("not scanned: clamd: " + reply.detail() + " (" + where + ")");
                    } else if (found.isEmpty()) {
                        return CheckResult.temporaryFailure("clamd at " + client.address() + ": " + reply.detail()
                                + " (" + where + ")");
                    }
                }
            }
        }
        if (!found.isEmpty()) {
            return CheckResult.found(found);
        }
        return notScanned.isEmpty() ? CheckResult.clean() : CheckResult.skipped(String.join("; ", notScanned));
    }
}
