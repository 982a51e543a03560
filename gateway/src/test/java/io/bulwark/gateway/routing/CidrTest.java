package io.bulwark.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "10.0.0.0/8, 10.255.1.2, true",
            "10.0.0.0/8, 11.0.0.1, false",
            "192.168.1.0/24, 192.168.1.255, true",
            "192.168.1.0/24, 192.168.2.0, false",
            "192.168.1.7, 192.168.1.7, true",
            "192.168.1.7, 192.168.1.8, false",
            "0.0.0.0/0, 203.0.113.9, true",
            "10.1.2.3/8, 10.200.0.1, true",
            "172.16.0.0/12, 172.31.255.255, true",
            "172.16.0.0/12, 172.32.0.0, false",
            "2001:db8::/32, 2001:db8:ffff::1, true",
            "2001:db8::/32, 2001:db9::1, false",
            "[2001:db8::]/48, 2001:db8:0:1::1, true",
            "::1/128, ::1, true",
            "::1, ::2, false",
            "2001:db8::/33, 2001:db8:7fff::1, true",
            "2001:db8::/33, 2001:db8:8000::1, false",
            "::/0, 2001:db8::1, true",
            "::/0, 10.0.0.1, false",
            "10.0.0.0/8, ::1, false",
            "10.0.0.0/8, ::ffff:10.1.1.1, true",
            "::ffff:10.0.0.0/104, 10.9.9.9, true",
            "::ffff:10.0.0.0/104, 11.9.9.9, false",
    })
    void matchesAddressesOfTheSameFamilyWithinThePrefix(String cidr, String address, boolean expected)
            throws Exception {
        assertThat(Cidr.parse(cidr).contains(InetAddress.getByName(address))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "10.0.0.0/33", "2001:db8::/129", "10.0.0.0/-1", "10.0.0.0/x", "", "1.2.3"})
    void rejectsAnythingButAnAddressLiteralWithAValidPrefix(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
