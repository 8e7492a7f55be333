package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.model.AnalystDecision;
import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.ClickSignal;
import dev.tollgate.detectors.model.OrderEvent;
import dev.tollgate.detectors.model.SessionEvent;
import dev.tollgate.detectors.rules.OrderCase.ClickShare;
import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.List;

/**
 * New evidence for one order, keyed by {@code orderId}: an order event, the click it names, that click's session
 * events, the list of orders sharing the click, what the click trails found about the click, or an analyst's decision.
 * Fields that did not change are {@code null}.
 *
 * @param ingestedAt wall-clock time the input behind this update was parsed (0 when it came from a timer)
 */
@TypeInfo(WireTypes.OrderUpdateInfo.class)
public record OrderUpdate(String orderId, OrderEvent order, ClickEvent click, List<SessionEvent> sessions,
                          List<ClickShare> shares, List<ClickSignal> signals, AnalystDecision decision,
                          long ingestedAt) {

    public static OrderUpdate of(OrderEvent order, long ingestedAt) {
        return new OrderUpdate(order.orderId(), order, null, null, null, null, null, ingestedAt);
    }

    public static OrderUpdate of(AnalystDecision decision, long ingestedAt) {
        return new OrderUpdate(decision.orderId(), null, null, null, null, null, decision, ingestedAt);
    }

    public static OrderUpdate signals(String orderId, List<ClickSignal> signals, long ingestedAt) {
        return new OrderUpdate(orderId, null, null, null, null, signals, null, ingestedAt);
    }

    /** The evidence of the join: an order event, the click, sessions, shares or signals (any may be null). */
    public static OrderUpdate joined(String orderId, OrderEvent order, ClickEvent click, List<SessionEvent> sessions,
                                     List<ClickShare> shares, List<ClickSignal> signals, long ingestedAt) {
        return new OrderUpdate(orderId, order, click, sessions, shares, signals, null, ingestedAt);
    }
}
