package dev.tollgate.detectors.fraud;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * IP ranges with a value each, searched by binary search: the IP-to-country database (CSV {@code first,last,country},
 * the format of ip-location-db's geo-whois-asn-country) and the data-centre list (CIDR ranges).
 */
public final class IpRangeTable {
    private record Range(BigInteger first, BigInteger last, String value) {
    }

    private final List<Range> v4 = new ArrayList<>();
    private final List<Range> v6 = new ArrayList<>();

    /** Reads {@code first_ip,last_ip,value} lines; blank lines and {@code #} comments are skipped. */
    public static IpRangeTable fromCsv(Reader csv, String source) {
        IpRangeTable t = new IpRangeTable();
        try (BufferedReader r = new BufferedReader(csv)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",");
                BigInteger first = f.length == 3 ? IpAddresses.toNumber(f[0].trim()) : null;
                BigInteger last = f.length == 3 ? IpAddresses.toNumber(f[1].trim()) : null;
                if (first == null || last == null || first.compareTo(last) > 0) {
                    throw new IllegalArgumentException(source + " line " + n + ": expected first_ip,last_ip,value");
                }
                t.add(f[0].trim(), new Range(first, last, f[2].trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        t.sort();
        return t;
    }

    /** CIDR ranges ({@code 192.0.2.0/24}, {@code 2001:db8::/32}), each with the CIDR itself as value. */
    public static IpRangeTable fromCidrs(List<String> cidrs) {
        IpRangeTable t = new IpRangeTable();
        for (String cidr : cidrs == null ? List.<String>of() : cidrs) {
            String[] p = cidr.trim().split("/");
            BigInteger base = IpAddresses.toNumber(p[0]);
            int bits = IpAddresses.isV6(p[0]) ? 128 : 32;
            int prefix = p.length == 2 ? Integer.parseInt(p[1]) : bits;
            if (base == null || prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("not a CIDR range: " + cidr);
            }
            BigInteger size = BigInteger.ONE.shiftLeft(bits - prefix);
            BigInteger first = base.subtract(base.mod(size));
            t.add(p[0], new Range(first, first.add(size).subtract(BigInteger.ONE), cidr.trim()));
        }
        t.sort();
        return t;
    }

    private void add(String sample, Range r) {
        (IpAddresses.isV6(sample) ? v6 : v4).add(r);
    }

    private void sort() {
        v4.sort(Comparator.comparing(Range::first));
        v6.sort(Comparator.comparing(Range::first));
    }

    public boolean isEmpty() {
        return v4.isEmpty() && v6.isEmpty();
    }

    /** The value of the range holding {@code ip}, or {@code null}. */
    public String lookup(String ip) {
        BigInteger n = IpAddresses.toNumber(ip);
        if (n == null) {
            return null;
        }
        List<Range> list = IpAddresses.isV6(ip) ? v6 : v4;
        int lo = 0;
        int hi = list.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Range r = list.get(mid);
            if (n.compareTo(r.first()) < 0) {
                hi = mid - 1;
            } else if (n.compareTo(r.last()) > 0) {
                lo = mid + 1;
            } else {
                return r.value();
            }
        }
        return null;
    }
}
