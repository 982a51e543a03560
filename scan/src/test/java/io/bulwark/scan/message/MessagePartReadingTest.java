package io.bulwark.scan.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a reader gets from a part without a copy of its bytes is what the copy would have given. */
class MessagePartReadingTest {
    private static final byte[] CONTENT = "caf\u00e9 and caf\u00e9 again".getBytes(StandardCharsets.UTF_8);

    private static MessagePart part(byte[] content) {
        return new MessagePart("1", "text/plain", "utf-8", null, false, content, false);
    }

    @Test
    void textIsTheCopysTextWholeOrCut() {
        MessagePart part = part(CONTENT);
        byte[] copy = part.bytes();

        assertThat(part.text(StandardCharsets.UTF_8)).isEqualTo(new String(copy, StandardCharsets.UTF_8));
        assertThat(part.text(StandardCharsets.UTF_8, 4)).isEqualTo(new String(copy, 0, 4, StandardCharsets.UTF_8))
                .isEqualTo("caf\ufffd");
        assertThat(part.text(StandardCharsets.ISO_8859_1, 1_000)).isEqualTo(new String(copy, StandardCharsets.ISO_8859_1));
    }

    @Test
    void indexOfFromAPositionFindsEachOccurrenceInTurn() {
        MessagePart part = part(CONTENT);
        byte[] needle = "caf".getBytes(StandardCharsets.US_ASCII);
        int first = part.indexOf(needle);
        int second = part.indexOf(needle, first + 1);

        assertThat(first).isZero();
        assertThat(second).isEqualTo(10);
        assertThat(part.indexOf(needle, second + 1)).isEqualTo(-1);
        assertThat(part.indexOf(needle, -5)).isZero();
        assertThat(part.byteAt(second - 1)).isEqualTo((byte) ' ');
    }

    @Test
    void thePublicConstructorCopiesAndTheParsersFactoryAdopts() {
        byte[] mine = CONTENT.clone();
        MessagePart copied = part(mine);
        MessagePart adopted = MessagePart.adopting("1", "text/plain", "utf-8", null, false, mine, false);
        mine[0] = 'C';

        assertThat(copied.byteAt(0)).isEqualTo((byte) 'c');
        assertThat(adopted.byteAt(0)).isEqualTo((byte) 'C');
    }
}
