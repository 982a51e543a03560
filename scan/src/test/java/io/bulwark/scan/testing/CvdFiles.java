package io.bulwark.scan.testing;

import java.nio.charset.StandardCharsets;

/** ClamAV database containers for tests: the one place that lays out a header and a payload. */
public final class CvdFiles {
    private CvdFiles() {
    }

    /**
     * A container: {@code ClamAV-VDB:time:version:signatures:90:md5:dsig:bulwark-test:stime},
     * padded with spaces to 512 bytes, then the payload.
     */
    public static byte[] container(int version, int signatures, String md5, String dsig, long stime, byte[] payload) {
        StringBuilder header = new StringBuilder("ClamAV-VDB:05 Dec 2026 04-00 +0000:" + version + ":" + signatures
                + ":90:" + md5 + ":" + dsig + ":bulwark-test:" + stime);
        while (header.length() < 512) {
            header.append(' ');
        }
        byte[] out = new byte[512 + payload.length];
        System.arraycopy(header.toString().getBytes(StandardCharsets.US_ASCII), 0, out, 0, 512);
        System.arraycopy(payload, 0, out, 512, payload.length);
        return out;
    }
}
