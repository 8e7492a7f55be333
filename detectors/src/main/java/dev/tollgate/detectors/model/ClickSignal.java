package dev.tollgate.detectors.model;

import java.util.List;

/**
 * What a subject's click trail (one user, device or IP) says about one click: findings of the trail detectors
 * (bursts, velocity, regular timing, many accounts) and the earlier clicks of the same user or device for the same
 * program (for CLICK_HIJACK). Replaced whenever later clicks change it.
 *
 * @param subject {@code user:ID}, {@code device:ID} or {@code ip:HASH}
 * @param ts the newest click time that shaped this signal
 */
public record ClickSignal(String clickId, String subject, long ts, List<TrailFinding> findings,
                          List<PriorClick> priors) {

    /** A trail detector's finding; its severity comes from the order's program. */
    public record TrailFinding(String code, String detector, String evidence) {
    }

    /** An earlier click of the same user or device for the same program. */
    public record PriorClick(String clickId, long ts, String program, String publisherId) {
    }
}
