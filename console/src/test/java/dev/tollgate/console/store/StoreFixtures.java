package dev.tollgate.console.store;

import dev.tollgate.detectors.model.Money;
import dev.tollgate.detectors.verdict.Decision;
import dev.tollgate.detectors.verdict.Reason;
import dev.tollgate.detectors.verdict.Verdict;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Verdicts and input rows for the store and server tests. */
public final class StoreFixtures {
    private StoreFixtures() {
    }

    public static long t(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    public static Verdict verdict(String order, int version, Decision decision, boolean fin, String at,
                                  String decidedBy, Reason... reasons) {
        return new Verdict(order, "aliexpress-bestprice", decision, fin, version, 0.5, List.of(reasons),
                Money.of("42.00", "USD"), t(at), t(at), "aliexpress-bestprice@1#abc", decidedBy);
    }

    public static Reason reason(String code, String severity, String evidence) {
        return new Reason(code, severity, "test." + code, evidence);
    }

    public static InputRow click(String clickId, String publisher, String device, String at) {
        return new InputRow("ev-" + clickId, "click", "click", null, clickId, t(at), "click by " + publisher,
                "aliexpress-bestprice", "{\"type\":\"click\",\"eventId\":\"ev-" + clickId + "\",\"clickId\":\""
                + clickId + "\"}", publisher, device, "u-" + clickId, null, null);
    }

    public static InputRow order(String orderId, String clickId, String status, String at, String amount) {
        return new InputRow(orderId + ":" + status, "order", "order", orderId, clickId, t(at), "order " + status,
                "aliexpress-bestprice", "{\"type\":\"order\",\"eventId\":\"" + orderId + ":" + status
                + "\",\"orderId\":\"" + orderId + "\",\"status\":\"" + status + "\"}", null, "d-" + orderId,
                "u-" + orderId, amount == null ? null : new BigDecimal(amount), amount == null ? null : "USD");
    }

    public static InputRow session(String clickId, String kind, String at) {
        return new InputRow("s-" + clickId + "-" + kind, "session", "session", null, clickId, t(at),
                "session: " + kind, null, "{\"type\":\"session\",\"clickId\":\"" + clickId + "\"}", null, null, null,
                null, null);
    }
}
