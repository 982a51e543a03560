package io.bulwark.scan.antivirus.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The {@code .cvd} digital signature against ClamAV's key, with the header of a real
 * {@code daily.cvd} (version 25784, 16 Apr 2020, builder "raynman"), as quoted in a public test
 * suite: its MD5 and signature fields.
 */
class CvdSignatureTest {
    static final String MD5 = "92baacd59fd26e6bcf03077add78d209";
    static final String DSIG = "4Jp9JtGJY6nUk8JHDQQpQeBwlfXqskvhXL+vesDNqAeWCmjbudU+Hy/Nj4/BH2vl70c/R5B/VYY+eqqCQo6o7VGLqLJr"
            + "/E+19gejqMp/iRcuHrtnLw6V/x3UjO3/qYVSlcJvAjtMI7FK32wjB+Sp8kaS/ZbfaFQp6trRQhisjqf";

    @Test
    void aRealDailyCvdHeaderVerifiesWithClamAvsKey() {
        assertThat(DSIG).hasSize(CvdSignature.LENGTH);
        assertThat(CvdSignature.CLAMAV.verifies(MD5, DSIG)).isTrue();
        assertThat(CvdSignature.CLAMAV.verifies(MD5.toUpperCase(), DSIG)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "another MD5, 92baacd59fd26e6bcf03077add78d208, ",
            "one signature digit changed, , 5",
            "a character outside the alphabet, , !",
            "too short, , -"})
    void anythingElseDoesNot(String what, String md5, String change) {
        String m = md5 == null ? MD5 : md5;
        String s = DSIG;
        if ("-".equals(change)) {
            s = DSIG.substring(1);
        } else if (change != null) {
            s = change + DSIG.substring(1);
        }
        assertThat(CvdSignature.CLAMAV.verifies(m, s)).as(what).isFalse();
    }

    @Test
    void encodingIsTheInverseOfDecoding() {
        BigInteger n = new BigInteger("123456789012345678901234567890123456789");
        assertThat(CvdSignature.decode(CvdSignature.encode(n, CvdSignature.LENGTH))).isEqualTo(n);
        assertThat(CvdSignature.encode(BigInteger.valueOf(1 + (2 << 6)), 3)).isEqualTo("bca");
    }
}
