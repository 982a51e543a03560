package io.bulwark.scan.antiphishing.links;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a written link is read: the host a browser would go to, whatever disguise it wears. */
class WebAddressTest {

    @ParameterizedTest(name = "{0} -> host {1}")
    @CsvSource(delimiter = '|', value = {
            "https://www.PayPal.com/signin                 | www.paypal.com        | false | ''",
            "https://bank.example@evil.test/login          | evil.test             | false | bank.example",
            "https://bank.example:pw@evil.test:8443/       | evil.test             | false | bank.example:pw",
            "http://3232235777/                            | 192.168.1.1           | true  | ''",
            "http://0xC0.0xA8.1.1/x                        | 192.168.1.1           | true  | ''",
            "http://0300.0250.0001.0001/                   | 192.168.1.1           | true  | ''",
            "http://10.1.2.3/                              | 10.1.2.3              | true  | ''",
            "http://[2001:db8::1]/                         | 2001:db8::1           | true  | ''",
            "http://ex%61mple.test/                        | example.test          | false | ''",
            "https://xn--pypal-4ve.com/                    | xn--pypal-4ve.com     | false | ''",
            "https://p\u0430ypal.com/                      | xn--pypal-4ve.com     | false | ''",
            "https:\\\\evil.test\\path                     | evil.test             | false | ''",
            "HTTP://EVIL.TEST./                            | evil.test             | false | ''",
            "'  http://evil\t.te\nst/ '                    | evil.test             | false | ''",
            "www.example.org/page                          | www.example.org       | false | ''",
            "//cdn.example.net/x.js                        | cdn.example.net       | false | ''",
            "http://evil\u3002test/                        | evil.test             | false | ''",
    })
    void readsTheHostABrowserWouldVisit(String written, String host, boolean ip, String userinfo) {
        WebAddress a = WebAddress.parse(written).orElseThrow();
        assertThat(a.web()).isTrue();
        assertThat(a.host()).isEqualTo(host);
        assertThat(a.ip()).isEqualTo(ip);
        assertThat(a.userinfo()).isEqualTo(userinfo);
    }

    @ParameterizedTest
    @CsvSource({"http://3232235777/, true", "http://192.168.1.1/, false", "http://0xC0A80101/, true"})
    void tellsAnIpWrittenInDisguise(String written, boolean disguised) {
        assertThat(WebAddress.parse(written).orElseThrow().numericForm()).isEqualTo(disguised);
    }

    @ParameterizedTest
    @CsvSource({"relative/path.html", "#top", "'   '", "mailto", "/absolute/only"})
    void refusesWhatNamesNoHost(String written) {
        assertThat(WebAddress.parse(written)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"javascript:alert(1) | javascript",
            "data:text/html;base64,PGgxPg== | data", "mailto:a@b.example | mailto"})
    void keepsOtherSchemesWithoutAHost(String written, String scheme) {
        WebAddress a = WebAddress.parse(written).orElseThrow();
        assertThat(a.scheme()).isEqualTo(scheme);
        assertThat(a.web()).isFalse();
        assertThat(a.host()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void findsTheAddressesWrappedInAQuery() {
        WebAddress a = WebAddress.parse("http://t.example/r?u=http%3A%2F%2Fbank.example%2F&id=7&v=https://x.test/")
                .orElseThrow();
        assertThat(a.embedded()).extracting(WebAddress::host).containsExactly("bank.example", "x.test");
        assertThat(a.punycode()).isFalse();
        assertThat(WebAddress.parse("https://xn--pypal-4ve.com/").orElseThrow().unicodeHost()).isEqualTo("p\u0430ypal.com");
    }

    @org.junit.jupiter.api.Test
    void percentDecodesUtf8AndKeepsBrokenEscapes() {
        assertThat(WebAddress.percentDecode("a%20b%C3%A9%zz%4", false)).isEqualTo("a b\u00e9%zz%4");
        assertThat(WebAddress.percentDecode("a+b", true)).isEqualTo("a b");
    }

    /**
     * ASCII hosts without an A-label skip IDNA: for any such host, upper case, odd characters,
     * empty or over-long labels included, the shortcut gives what IDNA (or its refusal) gives.
     */
    @Test
    void asciiHostsSkipIdnaWithTheSameResult() {
        String alphabet = "abcXYZ019-_.. %'\"\u007f\t";
        SplittableRandom random = new SplittableRandom(19);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder host = new StringBuilder();
            int length = random.nextInt(1, n % 50 == 0 ? 140 : 24);
            for (int i = 0; i < length; i++) {
                host.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String h = host.toString();
            assertThat(WebAddress.hostForms(h)).as(h).containsExactly(WebAddress.idnaForms(h));
        }
        // hosts that must take the IDNA path still do
        assertThat(WebAddress.hostForms("XN--pypal-4ve.com")).containsExactly("xn--pypal-4ve.com", "p\u0430ypal.com");
        assertThat(WebAddress.hostForms("www.xn--pypal-4ve.com")[1]).isEqualTo("www.p\u0430ypal.com");
        assertThat(WebAddress.hostForms("B\u00fccher.example")).containsExactly("xn--bcher-kva.example", "b\u00fccher.example");
    }
}
