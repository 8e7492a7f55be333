package dev.tollgate.detectors.fraud;

import dev.tollgate.detectors.model.Canonical;
import dev.tollgate.detectors.model.ClickEvent;

/** The part of a click a trail keeps: small, since a device or IP trail can hold hundreds. */
public record TrailClick(String clickId, long ts, String program, String publisherId, String userId,
                         Integer interactions) {

    public static TrailClick of(ClickEvent c) {
        return new TrailClick(c.clickId(), c.ts(), c.program(), c.publisherId(), c.userId(), c.interactions());
    }

    /** This click with its program and publisher texts shared (see {@link Canonical}), as a trail keeps it. */
    public TrailClick canonical() {
        return new TrailClick(clickId, ts, Canonical.of(program), Canonical.of(publisherId), userId, interactions);
    }

    boolean noInteraction() {
        return interactions == null || interactions == 0;
    }
}
