package io.bulwark.admin.audit;

import io.bulwark.events.audit.AuditEntriesPage;
import io.bulwark.events.audit.AuditEntryView;
import io.bulwark.events.audit.FindAuditEntriesQuery;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The audit log as CSV (RFC 4180, header row, changes as {@code path[old][new]} joined by "; "): one
 * home for the API's export and the console's download. Reads page after page through the given
 * query function, at most {@value #MAX_ROWS} rows. Stateless.
 */
public final class AuditCsv {

    /** Most rows one export holds. */
    public static final int MAX_ROWS = 100_000;
    private static final int PAGE = 1000;
    /** The header row. */
    public static final List<String> HEADER = List.of("time", "type", "category", "user", "role", "address", "object",
            "result", "description", "changes", "eventId");

    private AuditCsv() {
    }

    /** Writes every entry matching {@code filters} (its offset and limit are ignored); does not close the writer. */
    public static void write(Writer writer, FindAuditEntriesQuery filters, Function<FindAuditEntriesQuery,
            AuditEntriesPage> query) throws IOException {
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().get());
        printer.printRecord(HEADER);
        int written = 0;
        while (written < MAX_ROWS) {
            AuditEntriesPage page = query.apply(new FindAuditEntriesQuery(filters.from(), filters.to(),
                    filters.types(), filters.subject(), filters.result(), filters.text(), filters.newestFirst(), written,
                    Math.min(PAGE, MAX_ROWS - written)));
            for (AuditEntryView entry : page.entries()) {
                printer.printRecord(row(entry));
            }
            written += page.entries().size();
            if (page.entries().isEmpty() || written >= page.total()) {
                break;
            }
        }
        printer.flush();
    }

    /** One entry as CSV cells, each safe to open in a spreadsheet. */
    static List<String> row(AuditEntryView entry) {
        return Arrays.asList(entry.at().toString(), entry.type(), entry.category(), entry.user(), entry.role(),
                entry.address(), entry.object(), entry.result(), entry.description(),
                entry.changes().stream().map(Object::toString).collect(Collectors.joining("; ")), entry.eventId())
                .stream().map(AuditCsv::spreadsheetSafe).toList();
    }

    /**
     * A cell a spreadsheet will not run as a formula: rule names, list entries and descriptions are
     * typed by people, so one starting with {@code = + - @} (or a tab or carriage return) gets a
     * leading apostrophe, as OWASP's CSV-injection advice suggests.
     */
    static String spreadsheetSafe(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
