package dev.tollgate.detectors.fraud;

import java.math.BigInteger;
import com.google.common.net.InetAddresses;

import java.util.regex.Pattern;

/** IP address helpers: numeric values for range lookups, and the only forms of an IP that evidence may show. */
public final class IpAddresses {
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    private IpAddresses() {
    }

    /**
     * Whether {@code ip} is an IPv4 (dotted quad) or IPv6 literal. Parsed as text only: a host name is never looked up
     * ({@code InetAddress.getByName} would ask a name server for any name a sender writes).
     */
    public static boolean isLiteral(String ip) {
        return ip != null && LITERAL.matcher(ip).matches() && InetAddresses.isInetAddress(ip);
    }

    /** The address as an unsigned number (IPv4 in the low 32 bits; IPv6 128 bits), or {@code null} if not a literal. */
    public static BigInteger toNumber(String ip) {
        if (!isLiteral(ip)) {
            return null;
        }
        return new BigInteger(1, InetAddresses.forString(ip).getAddress());
    }

    public static boolean isV6(String ip) {
        return ip != null && ip.contains(":");
    }

    /** A /24 (IPv4) or /48 (IPv6) network: enough to see that clicks share a network, never the address. */
    public static String truncate(String ip) {
        if (ip == null) {
            return null;
        }
        if (!isV6(ip)) {
            int last = ip.lastIndexOf('.');
            return last < 0 ? "invalid" : ip.substring(0, last) + ".0/24";
        }
        String[] groups = ip.split(":");
        return groups.length >= 3 ? groups[0] + ":" + groups[1] + ":" + groups[2] + "::/48" : "invalid";
    }
}
