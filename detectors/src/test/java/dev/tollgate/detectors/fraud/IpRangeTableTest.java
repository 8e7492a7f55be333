package dev.tollgate.detectors.fraud;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class IpRangeTableTest {
    @Test
    void nestedCidrsGiveTheSmallestRangeHoldingTheAddress() {
        IpRangeTable t = IpRangeTable.fromCidrs(List.of("10.1.0.0/16", "10.0.0.0/8", "10.3.0.0/16",
                "2001:db8::/32", "2001:db8:1::/48"));
        assertThat(t.lookup("10.5.0.1")).isEqualTo("10.0.0.0/8");
        assertThat(t.lookup("10.0.0.0")).isEqualTo("10.0.0.0/8");
        assertThat(t.lookup("10.1.2.3")).isEqualTo("10.1.0.0/16");
        assertThat(t.lookup("10.2.0.0")).isEqualTo("10.0.0.0/8");
        assertThat(t.lookup("10.3.255.255")).isEqualTo("10.3.0.0/16");
        assertThat(t.lookup("10.4.0.0")).isEqualTo("10.0.0.0/8");
        assertThat(t.lookup("10.255.255.255")).isEqualTo("10.0.0.0/8");
        assertThat(t.lookup("11.0.0.0")).isNull();
        assertThat(t.lookup("2001:db8:1::5")).isEqualTo("2001:db8:1::/48");
        assertThat(t.lookup("2001:db8:2::5")).isEqualTo("2001:db8::/32");
    }

    @Test
    void overlappingCsvRangesGiveTheSmallerOneAndAdjacentRangesStaySeparate() {
        IpRangeTable t = IpRangeTable.fromCsv(new StringReader("""
                # first,last,country
                1.0.0.0,1.0.0.255,AU
                1.0.0.128,1.0.1.255,CN
                1.0.2.0,1.0.2.255,CN
                1.0.3.0,1.0.3.255,JP
                """), "test");
        assertThat(t.lookup("1.0.0.200")).isEqualTo("AU");
        assertThat(t.lookup("1.0.1.0")).isEqualTo("CN");
        assertThat(t.lookup("1.0.2.255")).isEqualTo("CN");
        assertThat(t.lookup("1.0.3.0")).isEqualTo("JP");
        assertThat(t.lookup("1.0.4.0")).isNull();
    }

    @Test
    void lookupsAgreeWithABruteForceSearchOverRandomNestedRanges() {
        Random random = new Random(42);
        List<String> cidrs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int prefix = 8 + random.nextInt(17);
            cidrs.add("10." + random.nextInt(4) + "." + random.nextInt(256) + ".0/" + prefix);
        }
        IpRangeTable t = IpRangeTable.fromCidrs(cidrs);
        for (int i = 0; i < 5_000; i++) {
            String ip = "10." + random.nextInt(5) + "." + random.nextInt(256) + "." + random.nextInt(256);
            assertThat(t.lookup(ip)).as(ip).isEqualTo(smallestHolding(cidrs, ip));
        }
    }

    private static String smallestHolding(List<String> cidrs, String ip) {
        BigInteger n = IpAddresses.toNumber(ip);
        String best = null;
        int bestPrefix = -1;
        for (String c : cidrs) {
            String[] p = c.split("/");
            int prefix = Integer.parseInt(p[1]);
            BigInteger size = BigInteger.ONE.shiftLeft(32 - prefix);
            BigInteger first = IpAddresses.toNumber(p[0]).subtract(IpAddresses.toNumber(p[0]).mod(size));
            boolean holds = n.compareTo(first) >= 0 && n.compareTo(first.add(size)) < 0;
            if (holds && prefix > bestPrefix) {
                best = c;
                bestPrefix = prefix;
            }
        }
        if (best == null) {
            return null;
        }
        // equal sizes: the first listed wins, as the table says
        for (String c : cidrs) {
            String[] p = c.split("/");
            int prefix = Integer.parseInt(p[1]);
            BigInteger size = BigInteger.ONE.shiftLeft(32 - prefix);
            BigInteger first = IpAddresses.toNumber(p[0]).subtract(IpAddresses.toNumber(p[0]).mod(size));
            if (prefix == bestPrefix && n.compareTo(first) >= 0 && n.compareTo(first.add(size)) < 0) {
                return c;
            }
        }
        return best;
    }
}
