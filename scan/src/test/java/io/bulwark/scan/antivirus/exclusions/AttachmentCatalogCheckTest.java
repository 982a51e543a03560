package io.bulwark.scan.antivirus.exclusions;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.scan.CheckResult;
import io.bulwark.scan.filetype.FileType;
import io.bulwark.scan.filetype.FileTypeDetector;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.testing.Archives;
import io.bulwark.scan.testing.CheckHarness;
import io.bulwark.scan.testing.FixedContext;
import io.bulwark.scan.testing.OfficeFiles;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The catalog takes each attachment's type from the part (detected once per part, issue 19) and
 * that type is the one the detector gives for the part's first bytes and name, as the catalog's own
 * detection gave before: a table of attachments, named and unnamed, truthful and lying.
 */
class AttachmentCatalogCheckTest {

    @Test
    void everyAttachmentHasTheTypeTheDetectorGivesItsFirstBytesAndName() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        byte[] bigText = "lorem ipsum dolor sit amet ".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        Map<String, byte[]> table = new LinkedHashMap<>();
        table.put("setup.exe", Archives.peExecutable());
        table.put("invoice.pdf", Archives.peExecutable());
        table.put("a.pdf", "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
        table.put("a.doc", OfficeFiles.ole2(false, "x"));
        table.put("report.docm", OfficeFiles.docm());
        table.put("a.zip", Archives.zip(Archives.entries("a.txt", "a")));
        table.put("a.exe", png);
        table.put("run.bat", "@echo off\r\ndel *.*\r\n".getBytes(StandardCharsets.US_ASCII));
        table.put("notes.txt", bigText);
        table.put("", Archives.gzip("x".getBytes(StandardCharsets.US_ASCII)));
        StringBuilder mime = new StringBuilder("From: a@example.net\r\nTo: b@corp.example\r\nSubject: files\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\n"
                + "Content-Type: text/plain\r\n\r\nSee attached.\r\n");
        table.forEach((name, bytes) -> mime.append("--B\r\nContent-Type: application/octet-stream\r\n")
                .append("Content-Disposition: attachment").append(name.isEmpty() ? "" : "; filename=\"" + name + "\"")
                .append("\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                .append(Base64.getMimeEncoder().encodeToString(bytes)).append("\r\n"));
        mime.append("--B--\r\n");
        MessageView view = new MessageViewParser().parse(mime.toString().getBytes(StandardCharsets.US_ASCII));

        CheckResult result = new AttachmentCatalogCheck().run(new FixedContext(view, CheckHarness.ENVELOPE, Map.of(),
                Map.of()));

        List<AttachmentCatalog.Attachment> catalog = ((AttachmentCatalog) result.detail()).attachments();
        assertThat(catalog).hasSize(table.size());
        int i = 0;
        for (Map.Entry<String, byte[]> row : table.entrySet()) {
            byte[] head = Arrays.copyOf(row.getValue(), Math.min(row.getValue().length, FileTypeDetector.HEAD_BYTES));
            FileType expected = FileTypeDetector.shared().detect(head, row.getKey());
            assertThat(catalog.get(i).type()).as(row.getKey()).isEqualTo(expected);
            assertThat(catalog.get(i).name()).isEqualTo(row.getKey());
            i++;
        }
    }
}
