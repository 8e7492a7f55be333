package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.fraud.PublisherDelayProfile.Sample;

/** A click-to-order delay observed by the join, on its way to the program's publisher delay profile. */
public record DelaySample(String program, Sample sample) {
}
