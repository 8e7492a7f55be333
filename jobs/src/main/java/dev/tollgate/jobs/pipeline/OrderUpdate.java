package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.ClickSignal;
import dev.tollgate.detectors.model.OrderEvent;
import dev.tollgate.detectors.model.SessionEvent;
import dev.tollgate.detectors.rules.OrderCase.ClickShare;

import java.util.List;

/**
 * New evidence for one order, keyed by {@code orderId}: an order event, the click it names, that click's session
 * events, the list of orders sharing the click, or what the click trails found about the click. Fields that did not
 * change are {@code null}.
 */
public record OrderUpdate(String orderId, OrderEvent order, ClickEvent click, List<SessionEvent> sessions,
                          List<ClickShare> shares, List<ClickSignal> signals) {

    public static OrderUpdate of(OrderEvent order) {
        return new OrderUpdate(order.orderId(), order, null, null, null, null);
    }
}
