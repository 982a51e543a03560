package io.bulwark.scan.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PublicSuffixListTest {

    private final PublicSuffixList list = PublicSuffixList.bundled();

    @ParameterizedTest(name = "{0}: suffix {1}, registrable {2}")
    @CsvSource(nullValues = "-", value = {
            // ICANN suffixes, one and two labels
            "example.com,                com,                 example.com",
            "mail.example.com,           com,                 example.com",
            "www.example.co.uk,          co.uk,               example.co.uk",
            "example.co.uk,              co.uk,               example.co.uk",
            "co.uk,                      co.uk,               -",
            "uk,                         uk,                  -",
            "a.b.c.example.com.au,       com.au,              example.com.au",
            // private suffixes count: each blog, page or bucket is its own organisation
            "foo.blogspot.com,           blogspot.com,        foo.blogspot.com",
            "www.foo.blogspot.com,       blogspot.com,        foo.blogspot.com",
            "blogspot.com,               blogspot.com,        -",
            "user.github.io,             github.io,           user.github.io",
            // wildcard and exception rules (*.kawasaki.jp, !city.kawasaki.jp; *.ck, !www.ck)
            "foo.bar.kawasaki.jp,        bar.kawasaki.jp,     foo.bar.kawasaki.jp",
            "city.kawasaki.jp,           kawasaki.jp,         city.kawasaki.jp",
            "www.ck,                     ck,                  www.ck",
            "a.b.ck,                     b.ck,                a.b.ck",
            // case, trailing dot
            "WWW.Example.CO.UK,          co.uk,               example.co.uk",
            "www.example.com.,           com,                 example.com",
            // IDN: answers in A-labels, whatever the input form
            "bücher.de,                  de,                  xn--bcher-kva.de",
            "www.BÜCHER.de,              de,                  xn--bcher-kva.de",
            "xn--bcher-kva.de,           de,                  xn--bcher-kva.de",
            "shop.例え.jp,               jp,                  xn--r8jz45g.jp",
            "foo.中国,                   xn--fiqs8s,          foo.xn--fiqs8s",
            "foo.xn--fiqs8s,             xn--fiqs8s,          foo.xn--fiqs8s",
            "пример.рф,                  xn--p1ai,            xn--e1afmkfd.xn--p1ai",
            "bar.foo。中国,              xn--fiqs8s,          foo.xn--fiqs8s",
            // not on the list: the default rule '*' makes the last label the suffix
            "mail.corp.internal,         internal,            corp.internal",
            "localhost,                  localhost,           -",
    })
    void answersTheSuffixAndTheRegistrableDomain(String host, String suffix, String registrable) {
        assertThat(list.publicSuffix(host)).contains(suffix);
        assertThat(list.registrableDomain(host)).isEqualTo(Optional.ofNullable(registrable));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", ".", "192.0.2.1", "[192.0.2.1]", "2001:db8::1", "[IPv6:2001:db8::1]", "a..example.com",
            "example.com..", "_dmarc.example.com", "exa mple.com", "-bad.example.com",
            "toolonglabeltoolonglabeltoolonglabeltoolonglabeltoolonglabeltoolong.com"})
    void answersNothingForWhatIsNotAHostName(String notAHostName) {
        assertThat(list.publicSuffix(notAHostName)).isEmpty();
        assertThat(list.registrableDomain(notAHostName)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"bücher.de, xn--bcher-kva.de", "mail.中国, mail.xn--fiqs8s", "пример.рф, xn--e1afmkfd.xn--p1ai"})
    void uLabelsAndALabelsGiveTheSameAnswer(String unicode, String ascii) {
        assertThat(list.registrableDomain(unicode)).isEqualTo(list.registrableDomain(ascii)).isPresent();
        assertThat(list.publicSuffix(unicode)).isEqualTo(list.publicSuffix(ascii)).isPresent();
    }
}
