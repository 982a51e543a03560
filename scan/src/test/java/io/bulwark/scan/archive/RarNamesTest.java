package io.bulwark.scan.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Names from RAR headers, without unpacking: RAR 5 built by hand here, RAR 4 from rspamd's corpus. */
class RarNamesTest {

    private static void header(ByteArrayOutputStream out, int... fields) {
        out.writeBytes(new byte[4]); // CRC32, not checked by a name lister
        out.write(fields.length);
        for (int f : fields) {
            out.write(f);
        }
    }

    private static byte[] rar5(String... names) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'R', 'a', 'r', '!', 0x1A, 0x07, 0x01, 0x00});
        header(out, 1, 0, 0); // main archive header
        for (String name : names) {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            int[] fields = new int[9 + n.length];
            int[] fixed = {2, 2, 5, 0, 5, 0, 0, 0, n.length}; // file, has data, 5 bytes, flags, size, attrs, method, OS, name
            System.arraycopy(fixed, 0, fields, 0, fixed.length);
            for (int i = 0; i < n.length; i++) {
                fields[9 + i] = n[i] & 0xFF;
            }
            header(out, fields);
            out.writeBytes("12345".getBytes(StandardCharsets.US_ASCII));
        }
        header(out, 5, 0, 0); // end of archive
        return out.toByteArray();
    }

    @Test
    void listsTheNamesOfARar5Archive() throws IOException {
        assertThat(RarNames.list(new ByteArrayInputStream(rar5("docs/readme.txt", "setup.exe")), 100))
                .containsExactly("docs/readme.txt", "setup.exe");
    }

    @Test
    void stopsAtTheNameLimitAndAtDamage() throws IOException {
        byte[] rar = rar5("a", "b", "c");
        assertThat(RarNames.list(new ByteArrayInputStream(rar), 2)).containsExactly("a", "b");
        byte[] cut = java.util.Arrays.copyOf(rar, rar.length - 20); // ends inside the header of "c"
        assertThat(RarNames.list(new ByteArrayInputStream(cut), 100)).containsExactly("a", "b");
    }

    @Test
    void listsTheNameInRspamdsRar4Sample() throws IOException {
        byte[] message;
        try (InputStream in = getClass().getResourceAsStream("/contentfilter/rspamd-suite/messages/rar4.eml")) {
            message = in.readAllBytes();
        }
        var part = new io.bulwark.scan.message.MessageViewParser().parse(message).parts().stream()
                .filter(p -> "f.rar".equals(p.filename())).findFirst().orElseThrow();
        List<String> names = RarNames.list(part.openStream(), 100);
        assertThat(names).singleElement().satisfies(n -> assertThat(n).endsWith(".exe"));
    }
}
