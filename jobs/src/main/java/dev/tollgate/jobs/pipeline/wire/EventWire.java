package dev.tollgate.jobs.pipeline.wire;

import dev.tollgate.detectors.fraud.PublisherDelayProfile.Sample;
import dev.tollgate.detectors.fraud.TrailClick;
import dev.tollgate.detectors.model.AnalystDecision;
import dev.tollgate.detectors.model.Channel;
import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.ClickSignal;
import dev.tollgate.detectors.model.ClickSignal.PriorClick;
import dev.tollgate.detectors.model.ClickSignal.TrailFinding;
import dev.tollgate.detectors.model.Feed;
import dev.tollgate.detectors.model.Item;
import dev.tollgate.detectors.model.Money;
import dev.tollgate.detectors.model.OrderEvent;
import dev.tollgate.detectors.model.OrderPath;
import dev.tollgate.detectors.model.OrderStatus;
import dev.tollgate.detectors.model.Placement;
import dev.tollgate.detectors.model.SessionEvent;
import dev.tollgate.detectors.model.SessionKind;
import dev.tollgate.detectors.rules.OrderCase.ClickShare;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import static dev.tollgate.jobs.pipeline.wire.Wire.readDecimal;
import static dev.tollgate.jobs.pipeline.wire.Wire.readEnum;
import static dev.tollgate.jobs.pipeline.wire.Wire.readList;
import static dev.tollgate.jobs.pipeline.wire.Wire.readNullableBoolean;
import static dev.tollgate.jobs.pipeline.wire.Wire.readNullableInt;
import static dev.tollgate.jobs.pipeline.wire.Wire.readString;
import static dev.tollgate.jobs.pipeline.wire.Wire.writeDecimal;
import static dev.tollgate.jobs.pipeline.wire.Wire.writeEnum;
import static dev.tollgate.jobs.pipeline.wire.Wire.writeList;
import static dev.tollgate.jobs.pipeline.wire.Wire.writeNullableBoolean;
import static dev.tollgate.jobs.pipeline.wire.Wire.writeNullableInt;
import static dev.tollgate.jobs.pipeline.wire.Wire.writeString;

/**
 * The contract's events and the detectors' intermediate records in the wire format of {@link Wire}: every field in
 * declaration order. A record read back equals the record written.
 */
public final class EventWire {
    private static final Placement[] PLACEMENTS = Placement.values();
    private static final OrderStatus[] STATUSES = OrderStatus.values();
    private static final Channel[] CHANNELS = Channel.values();
    private static final OrderPath[] PATHS = OrderPath.values();
    private static final Feed[] FEEDS = Feed.values();
    private static final SessionKind[] SESSION_KINDS = SessionKind.values();

    private EventWire() {
    }

    public static void writeClick(DataOutput out, ClickEvent c) throws IOException {
        writeString(out, c.eventId());
        writeString(out, c.clickId());
        out.writeLong(c.ts());
        writeString(out, c.program());
        writeString(out, c.publisherId());
        writeString(out, c.userId());
        writeString(out, c.deviceId());
        writeString(out, c.ip());
        writeString(out, c.ipCountry());
        writeString(out, c.userAgent());
        writeString(out, c.referrer());
        writeString(out, c.landingUrl());
        writeString(out, c.searchKeyword());
        writeEnum(out, c.placement());
        writeNullableInt(out, c.viewportW());
        writeNullableInt(out, c.viewportH());
        writeNullableInt(out, c.interactions());
        writeNullableInt(out, c.cartItems());
        writeNullableBoolean(out, c.adBlocker());
    }

    public static ClickEvent readClick(DataInput in) throws IOException {
        return new ClickEvent(readString(in), readString(in), in.readLong(), readString(in), readString(in),
                readString(in), readString(in), readString(in), readString(in), readString(in), readString(in),
                readString(in), readString(in), readEnum(in, PLACEMENTS), readNullableInt(in), readNullableInt(in),
                readNullableInt(in), readNullableInt(in), readNullableBoolean(in));
    }

    public static void writeOrder(DataOutput out, OrderEvent o) throws IOException {
        writeString(out, o.eventId());
        writeString(out, o.orderId());
        writeEnum(out, o.status());
        out.writeLong(o.ts());
        writeString(out, o.program());
        writeString(out, o.clickId());
        writeString(out, o.userId());
        writeString(out, o.deviceId());
        writeString(out, o.ip());
        writeString(out, o.ipCountry());
        writeString(out, o.userAgent());
        writeEnum(out, o.channel());
        writeEnum(out, o.orderPath());
        writeMoney(out, o.amount());
        writeString(out, o.shipToCountry());
        writeString(out, o.buyerCountry());
        writeNullableBoolean(out, o.newBuyer());
        writeString(out, o.promoCode());
        writeNullableBoolean(out, o.networkSpam());
        writeList(out, o.items(), EventWire::writeItem);
        writeString(out, o.subOrderId());
        writeString(out, o.publisherId());
        writeString(out, o.clickDevice());
        writeString(out, o.transactionDevice());
        writeEnum(out, o.feed());
    }

    public static OrderEvent readOrder(DataInput in) throws IOException {
        return new OrderEvent(readString(in), readString(in), readEnum(in, STATUSES), in.readLong(), readString(in),
                readString(in), readString(in), readString(in), readString(in), readString(in), readString(in),
                readEnum(in, CHANNELS), readEnum(in, PATHS), readMoney(in), readString(in), readString(in),
                readNullableBoolean(in), readString(in), readNullableBoolean(in), readList(in, EventWire::readItem),
                readString(in), readString(in), readString(in), readString(in), readEnum(in, FEEDS));
    }

    public static void writeSession(DataOutput out, SessionEvent s) throws IOException {
        writeString(out, s.eventId());
        out.writeLong(s.ts());
        writeString(out, s.clickId());
        writeEnum(out, s.kind());
        writeString(out, s.detail());
    }

    public static SessionEvent readSession(DataInput in) throws IOException {
        return new SessionEvent(readString(in), in.readLong(), readString(in), readEnum(in, SESSION_KINDS),
                readString(in));
    }

    public static void writeDecision(DataOutput out, AnalystDecision d) throws IOException {
        writeString(out, d.orderId());
        writeString(out, d.decision());
        writeString(out, d.analyst());
        writeString(out, d.note());
        out.writeLong(d.ts());
    }

    public static AnalystDecision readDecision(DataInput in) throws IOException {
        return new AnalystDecision(readString(in), readString(in), readString(in), readString(in), in.readLong());
    }

    public static void writeSignal(DataOutput out, ClickSignal s) throws IOException {
        writeString(out, s.clickId());
        writeString(out, s.subject());
        out.writeLong(s.ts());
        writeList(out, s.findings(), EventWire::writeFinding);
        writeList(out, s.priors(), EventWire::writePrior);
    }

    public static ClickSignal readSignal(DataInput in) throws IOException {
        return new ClickSignal(readString(in), readString(in), in.readLong(), readList(in, EventWire::readFinding),
                readList(in, EventWire::readPrior));
    }

    public static void writeTrailClick(DataOutput out, TrailClick c) throws IOException {
        writeString(out, c.clickId());
        out.writeLong(c.ts());
        writeString(out, c.program());
        writeString(out, c.publisherId());
        writeString(out, c.userId());
        writeNullableInt(out, c.interactions());
    }

    public static TrailClick readTrailClick(DataInput in) throws IOException {
        return new TrailClick(readString(in), in.readLong(), readString(in), readString(in), readString(in),
                readNullableInt(in));
    }

    public static void writeSample(DataOutput out, Sample s) throws IOException {
        writeString(out, s.orderId());
        writeString(out, s.clickId());
        writeString(out, s.publisherId());
        out.writeLong(s.clickTs());
        out.writeLong(s.delayMs());
    }

    public static Sample readSample(DataInput in) throws IOException {
        return new Sample(readString(in), readString(in), readString(in), in.readLong(), in.readLong());
    }

    public static void writeShare(DataOutput out, ClickShare s) throws IOException {
        writeString(out, s.orderId());
        out.writeLong(s.placedAt());
    }

    public static ClickShare readShare(DataInput in) throws IOException {
        return new ClickShare(readString(in), in.readLong());
    }

    private static void writeMoney(DataOutput out, Money m) throws IOException {
        out.writeBoolean(m != null);
        if (m != null) {
            writeDecimal(out, m.value());
            writeString(out, m.currency());
        }
    }

    private static Money readMoney(DataInput in) throws IOException {
        return in.readBoolean() ? new Money(readDecimal(in), readString(in)) : null;
    }

    private static void writeItem(DataOutput out, Item i) throws IOException {
        out.writeBoolean(i != null);
        if (i == null) {
            return;
        }
        writeString(out, i.sku());
        writeString(out, i.title());
        writeString(out, i.category());
        writeNullableInt(out, i.quantity());
        writeMoney(out, i.unitPrice());
        writeNullableBoolean(out, i.virtual());
        writeString(out, i.sellerCountry());
        writeString(out, i.store());
        writeNullableBoolean(out, i.readyToShip());
        writeNullableBoolean(out, i.affiliate());
    }

    private static Item readItem(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return new Item(readString(in), readString(in), readString(in), readNullableInt(in), readMoney(in),
                readNullableBoolean(in), readString(in), readString(in), readNullableBoolean(in),
                readNullableBoolean(in));
    }

    private static void writeFinding(DataOutput out, TrailFinding f) throws IOException {
        out.writeBoolean(f != null);
        if (f != null) {
            writeString(out, f.code());
            writeString(out, f.detector());
            writeString(out, f.evidence());
        }
    }

    private static TrailFinding readFinding(DataInput in) throws IOException {
        return in.readBoolean() ? new TrailFinding(readString(in), readString(in), readString(in)) : null;
    }

    private static void writePrior(DataOutput out, PriorClick p) throws IOException {
        out.writeBoolean(p != null);
        if (p != null) {
            writeString(out, p.clickId());
            out.writeLong(p.ts());
            writeString(out, p.program());
            writeString(out, p.publisherId());
        }
    }

    private static PriorClick readPrior(DataInput in) throws IOException {
        return in.readBoolean() ? new PriorClick(readString(in), in.readLong(), readString(in), readString(in)) : null;
    }
}
