package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.fraud.PublisherDelayProfile.Sample;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/** A click-to-order delay observed by the join, on its way to the program's publisher delay profile. */
@TypeInfo(WireTypes.DelaySampleInfo.class)
public record DelaySample(String program, Sample sample) {
}
