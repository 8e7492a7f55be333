package dev.tollgate.jobs.pipeline;

/**
 * An audit record of an event that arrived behind the watermark (still applied), or after its order's verdict was
 * final (not applied: a final verdict never changes).
 */
public record LateEvent(String kind, String eventId, String key, long eventTime, long watermark, String why) {
    public static final String BEHIND_WATERMARK = "behind watermark; applied";
    public static final String AFTER_FINAL = "after final verdict; not applied";
}
