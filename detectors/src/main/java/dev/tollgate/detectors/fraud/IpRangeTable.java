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
 * the format of ip-location-db's geo-whois-asn-country) and the data-centre list (CIDR ranges). Ranges may nest or
 * overlap ({@code 10.0.0.0/8} with {@code 10.1.0.0/16}): an address takes the value of the smallest range holding it
 * (the first listed among equal sizes). On loading, the ranges are cut into disjoint pieces that say so.
 */
public final class IpRangeTable {
    private record Range(BigInteger first, BigInteger last, String value) {
        BigInteger size() {
            return last.subtract(first);
        }
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
        List<Range> d4 = disjoint(v4);
        List<Range> d6 = disjoint(v6);
        v4.clear();
        v4.addAll(d4);
        v6.clear();
        v6.addAll(d6);
    }

    /**
     * The ranges as disjoint pieces, each with the value of the smallest range covering it: a sweep over the range
     * boundaries keeping the ranges open at each point, smallest first (O(n log n)); adjacent pieces of one range are
     * joined again.
     */
    static List<Range> disjoint(List<Range> ranges) {
        int n = ranges.size();
        Integer[] byStart = new Integer[n];
        Integer[] byEnd = new Integer[n];
        for (int i = 0; i < n; i++) {
            byStart[i] = i;
            byEnd[i] = i;
        }
        java.util.Arrays.sort(byStart, Comparator.comparing(i -> ranges.get(i).first()));
        java.util.Arrays.sort(byEnd, Comparator.comparing(i -> ranges.get(i).last()));
        java.util.TreeSet<Integer> open = new java.util.TreeSet<>(Comparator
                .<Integer, BigInteger>comparing(i -> ranges.get(i).size()).thenComparing(i -> i));
        List<Range> out = new ArrayList<>();
        int s = 0;
        int e = 0;
        BigInteger at = null;
        while (s < n || e < n) {
            // the next boundary: a range starts there, or one ended just before it
            BigInteger nextStart = s < n ? ranges.get(byStart[s]).first() : null;
            BigInteger nextEnd = e < n ? ranges.get(byEnd[e]).last().add(BigInteger.ONE) : null;
            BigInteger next = nextStart == null ? nextEnd
                    : nextEnd == null || nextStart.compareTo(nextEnd) < 0 ? nextStart : nextEnd;
            if (at != null && !open.isEmpty() && next.compareTo(at) > 0) {
                Range winner = ranges.get(open.first());
                BigInteger last = next.subtract(BigInteger.ONE);
                Range prev = out.isEmpty() ? null : out.get(out.size() - 1);
                if (prev != null && prev.value().equals(winner.value())
                        && prev.last().add(BigInteger.ONE).equals(at)) {
                    out.set(out.size() - 1, new Range(prev.first(), last, winner.value()));
                } else {
                    out.add(new Range(at, last, winner.value()));
                }
            }
            while (e < n && ranges.get(byEnd[e]).last().add(BigInteger.ONE).equals(next)) {
                open.remove(byEnd[e++]);
            }
            while (s < n && ranges.get(byStart[s]).first().equals(next)) {
                open.add(byStart[s++]);
            }
            at = next;
        }
        return out;
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
