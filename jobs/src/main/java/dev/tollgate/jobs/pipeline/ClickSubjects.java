package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.fraud.ClickTrailAnalyzer.Kind;
import dev.tollgate.detectors.fraud.TrailClick;
import dev.tollgate.detectors.model.ClickEvent;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Files each click under its user, its device and its IP. The IP key is the address as the parser accepted it (a
 * validated literal): keys stay inside the job's state like the clicks themselves, and nothing shows a subject's key
 * beyond its kind; evidence shows IPs only as {@code ipHash} (keyed) or a truncated network.
 */
public final class ClickSubjects implements FlatMapFunction<Envelope, SubjectClick> {
    @Override
    public void flatMap(Envelope e, Collector<SubjectClick> out) {
        ClickEvent c = e.click();
        TrailClick t = TrailClick.of(c);
        if (c.userId() != null) {
            out.collect(new SubjectClick("user:" + c.userId(), Kind.USER, t, e.ingestedAt()));
        }
        if (c.deviceId() != null) {
            out.collect(new SubjectClick("device:" + c.deviceId(), Kind.DEVICE, t, e.ingestedAt()));
        }
        out.collect(new SubjectClick("ip:" + c.ip(), Kind.IP, t, e.ingestedAt()));
    }
}
