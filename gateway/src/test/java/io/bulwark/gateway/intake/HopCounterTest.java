package io.bulwark.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Hop counting while the content streams through (RFC 5321 6.3). */
class HopCounterTest {

    private static int hopsInBulk(String message) throws IOException {
        HopCounter counter = new HopCounter(stream(message));
        counter.transferTo(java.io.OutputStream.nullOutputStream());
        return counter.count();
    }

    private static int hopsByteByByte(String message) throws IOException {
        HopCounter counter = new HopCounter(stream(message));
        while (counter.read() >= 0) {
            // one octet at a time, as a slow client's packets may split anywhere
        }
        return counter.count();
    }

    private static InputStream stream(String message) {
        return new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void countsReceivedFieldsOfTheHeaderSectionInAnyCase() throws IOException {
        String message = "Received: from a\r\nRECEIVED: from b\r\nreceived:from c\r\nSubject: x\r\n\r\nbody\r\n";

        assertThat(hopsInBulk(message)).isEqualTo(3);
        assertThat(hopsByteByByte(message)).isEqualTo(3);
    }

    @Test
    void ignoresReceivedLinesInTheBody() throws IOException {
        String message = "Received: from a\r\n\r\nReceived: from b\r\nReceived: from c\r\n";

        assertThat(hopsInBulk(message)).isEqualTo(1);
    }

    @Test
    void ignoresSimilarNamesAndContinuationLines() throws IOException {
        String message = "X-Received: from a\r\nReceived-SPF: pass\r\nSubject: a\r\n Received: folded\r\n"
                + "Received : spaced\r\n\r\n";

        assertThat(hopsInBulk(message)).isZero();
    }

    @Test
    void anEmptyFirstLineMeansNoHeaderSection() throws IOException {
        assertThat(hopsInBulk("\r\nReceived: from a\r\n")).isZero();
    }

    @Test
    void exceedsOnlyAboveTheLimit() throws IOException {
        HopCounter counter = new HopCounter(stream("Received: a\r\nReceived: b\r\n\r\n"));
        counter.transferTo(java.io.OutputStream.nullOutputStream());

        assertThat(counter.exceeds(2)).isFalse();
        assertThat(counter.exceeds(1)).isTrue();
    }

    @Test
    void handsTheHeaderSectionOverOnceAsItsEmptyLinePassesAndTheContentThroughUnchanged() throws IOException {
        String message = "Received: from a\r\nFrom: a@author.example\r\n\r\nbody\r\n\r\nmore\r\n";
        for (boolean bulk : new boolean[] {true, false}) {
            java.util.List<String> handed = new java.util.ArrayList<>();
            java.io.ByteArrayOutputStream passed = new java.io.ByteArrayOutputStream();
            HopCounter counter = new HopCounter(stream(message),
                    h -> handed.add(new String(h, StandardCharsets.US_ASCII)), 1024);
            int first = counter.read();
            passed.write(first);
            // the header is not complete yet: nothing handed over
            assertThat(handed).isEmpty();
            if (bulk) {
                counter.transferTo(passed);
            } else {
                for (int b = counter.read(); b >= 0; b = counter.read()) {
                    passed.write(b);
                }
            }
            assertThat(handed).containsExactly("Received: from a\r\nFrom: a@author.example\r\n\r\n");
            assertThat(passed.toString(StandardCharsets.US_ASCII)).isEqualTo(message);
            assertThat(counter.count()).isEqualTo(1);
        }
    }

    @Test
    void aHeaderSectionLongerThanTheLimitIsNotHandedOver() throws IOException {
        java.util.List<byte[]> handed = new java.util.ArrayList<>();
        HopCounter counter = new HopCounter(stream("Subject: " + "x".repeat(100) + "\r\n\r\nbody\r\n"),
                handed::add, 64);
        counter.transferTo(java.io.OutputStream.nullOutputStream());

        assertThat(handed).isEmpty();
    }
}
