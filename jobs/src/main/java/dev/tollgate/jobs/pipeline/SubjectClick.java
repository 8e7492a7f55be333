package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.fraud.ClickTrailAnalyzer.Kind;
import dev.tollgate.detectors.fraud.TrailClick;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/** A click filed under one subject (a user, a device or an IP) whose trail it joins. */
@TypeInfo(WireTypes.SubjectClickInfo.class)
public record SubjectClick(String subject, Kind kind, TrailClick click, long ingestedAt) {
}
