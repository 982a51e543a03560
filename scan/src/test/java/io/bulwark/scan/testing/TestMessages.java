package io.bulwark.scan.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds test messages at run time. The EICAR string is assembled from two halves so that no
 * source or class file is the test file itself.
 */
public final class TestMessages {
    public static final String EICAR = String.join("", "X5O!P%@AP[4\\PZX54(P^)7CC)7}$",
            "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*");
    public static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
    public static final String BOUNDARY = "b1_outer";

    private TestMessages() {
    }

    public static byte[] eicar() {
        return EICAR.getBytes(StandardCharsets.US_ASCII);
    }

    public static String headers(String subject) {
        return "From: sender@example.net\r\nTo: rcpt@corp.example\r\n"
                + (subject == null ? "" : "Subject: " + subject + "\r\n")
                + "Message-ID: <t1@example.net>\r\nDate: Sat, 5 Dec 2026 03:00:00 +0000\r\nMIME-Version: 1.0\r\n";
    }

    public static byte[] plain(String subject, String body) {
        return (headers(subject) + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + body + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A multipart/mixed message with a text part and one base64 attachment. */
    public static byte[] withAttachment(String subject, String filename, byte[] content) {
        return multipart(subject, textPart("Hello,\r\nsee attached.\r\n"), base64Part(filename, content));
    }

    public static String textPart(String text) {
        return "Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n" + text;
    }

    public static String base64Part(String filename, byte[] content) {
        return "Content-Type: application/octet-stream; name=\"" + filename + "\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"" + filename + "\"\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(content) + "\r\n";
    }

    public static byte[] multipart(String subject, String... parts) {
        StringBuilder sb = new StringBuilder(headers(subject));
        sb.append("Content-Type: multipart/mixed; boundary=\"" + BOUNDARY + "\"\r\n\r\n");
        sb.append("This is a multi-part message in MIME format.\r\n");
        for (String p : parts) {
            sb.append("--" + BOUNDARY + "\r\n").append(p);
            if (!p.endsWith("\r\n")) {
                sb.append("\r\n");
            }
        }
        sb.append("--" + BOUNDARY + "--\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A ZIP with one entry. */
    public static byte[] zip(String name, byte[] content) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream z = new ZipOutputStream(out)) {
                z.putNextEntry(new ZipEntry(name));
                z.write(content);
                z.closeEntry();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A ZIP whose entry is marked encrypted (general purpose flag bit 0), as a password ZIP is. */
    public static byte[] encryptedZip(String name, byte[] content) {
        byte[] z = zip(name, content);
        z[6] |= 1; // local file header: general purpose bit flag
        return z;
    }
}
