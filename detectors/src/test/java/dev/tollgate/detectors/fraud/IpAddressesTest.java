package dev.tollgate.detectors.fraud;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

class IpAddressesTest {
    @Test
    void readsIpv4AndIpv6LiteralsAsNumbers() {
        assertThat(IpAddresses.toNumber("1.2.3.4")).isEqualTo(BigInteger.valueOf(0x01020304L));
        assertThat(IpAddresses.toNumber("255.255.255.255")).isEqualTo(BigInteger.valueOf(0xFFFFFFFFL));
        assertThat(IpAddresses.toNumber("::1")).isEqualTo(BigInteger.ONE);
        assertThat(IpAddresses.toNumber("2001:db8::1")).isEqualTo(new BigInteger("20010db8000000000000000000000001", 16));
    }

    /**
     * Names are refused as text, never resolved: with a lookup, each of these would reach a name server (and the
     * unresolvable ones would block for the resolver's timeout), so the whole test stays far below one lookup.
     */
    @Test
    @Timeout(2)
    void neverLooksUpANameAndRefusesWhatIsNotALiteral() {
        for (String notLiteral : new String[] {"evil.example.com", "cafe.de", "localhost", "999.1.1.1", "1.2.3",
            "1.2.3.4.5", "abc", "", "1.2.3.4 ", "fe80::1%eth0", "[::1]", "dead.beef.cafe.fade.example"}) {
            assertThat(IpAddresses.isLiteral(notLiteral)).as(notLiteral).isFalse();
            assertThat(IpAddresses.toNumber(notLiteral)).as(notLiteral).isNull();
        }
        assertThat(IpAddresses.isLiteral(null)).isFalse();
    }
}
