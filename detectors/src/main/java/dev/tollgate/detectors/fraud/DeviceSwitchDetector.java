package dev.tollgate.detectors.fraud;

import dev.tollgate.detectors.model.Channel;
import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.OrderEvent;
import dev.tollgate.detectors.model.SessionEvent;
import dev.tollgate.detectors.model.SessionKind;
import dev.tollgate.detectors.policy.ProgramPolicy.AppHandoff;
import dev.tollgate.detectors.rules.Evidence;
import dev.tollgate.detectors.rules.OrderRule;
import dev.tollgate.detectors.rules.ReasonCode;
import dev.tollgate.detectors.rules.RuleContext;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * DEVICE_SWITCH: the order was placed or paid on another device than the click — the click's {@code deviceId}
 * differs from a {@code deviceId} on the order's events; Awin's {@code clickDevice} differs from its
 * {@code transactionDevice}; a {@code payment_on_other_device} session event — or it moved from the browser to the
 * merchant app where the program does not allow that ({@code appHandoff}; seed 004 allows the AliExpress app after
 * activation on the same device). Seed 004: "Use one device to place orders"; seed 000: "the order completed while
 * staying in the shop". Unknown devices never count: shopping on one phone throughout is not a switch.
 */
public final class DeviceSwitchDetector implements OrderRule {
    public static final String DETECTOR = "deviceSwitch";

    @Override
    public void evaluate(RuleContext ctx) {
        ClickEvent c = ctx.click();
        List<String> orderDevices = ctx.order().distinct(OrderEvent::deviceId);
        if (c != null && c.deviceId() != null && !orderDevices.isEmpty()) {
            Set<String> all = new LinkedHashSet<>(orderDevices);
            all.add(c.deviceId());
            if (all.size() > 1) {
                ctx.detect(ReasonCode.DEVICE_SWITCH, DETECTOR, Evidence.of("why", "order on another device")
                        .and("clickDevice", c.deviceId()).and("orderDevices", orderDevices));
                return;
            }
        } else if (orderDevices.size() > 1) {
            ctx.detect(ReasonCode.DEVICE_SWITCH, DETECTOR, Evidence.of("why", "placed and paid on different devices")
                    .and("orderDevices", orderDevices));
            return;
        }
        List<String> ignore = ctx.detectors().deviceSwitch().ignoreUnknownDevices();
        for (OrderEvent e : ctx.order().events()) {
            String from = e.clickDevice();
            String to = e.transactionDevice();
            if (from != null && to != null && !ignore.contains(from) && !ignore.contains(to)
                    && !from.equalsIgnoreCase(to)) {
                ctx.detect(ReasonCode.DEVICE_SWITCH, DETECTOR, Evidence.of("why", "network reports another device")
                        .and("clickDevice", from).and("transactionDevice", to));
                return;
            }
        }
        for (SessionEvent s : ctx.kase().sessions()) {
            if (s.kind() == SessionKind.PAYMENT_ON_OTHER_DEVICE) {
                ctx.detect(ReasonCode.DEVICE_SWITCH, DETECTOR, Evidence.of("why", "payment on another device")
                        .and("sessionEventId", s.eventId()));
                return;
            }
        }
        if (c != null && ctx.policy().appHandoff() == AppHandoff.DEVICE_SWITCH
                && ctx.order().distinct(OrderEvent::channel).contains(Channel.APP)) {
            ctx.detect(ReasonCode.DEVICE_SWITCH, DETECTOR, Evidence.of("why", "browser click, order in the app")
                    .and("clickPlacement", c.placement()));
        }
    }
}
