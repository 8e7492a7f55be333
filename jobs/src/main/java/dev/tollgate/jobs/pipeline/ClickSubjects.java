package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.fraud.ClickTrailAnalyzer.Kind;
import dev.tollgate.detectors.fraud.IpAddresses;
import dev.tollgate.detectors.fraud.TrailClick;
import dev.tollgate.detectors.model.ClickEvent;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** Files each click under its user, its device and its IP (hashed: the raw IP never becomes a key). */
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
        out.collect(new SubjectClick("ip:" + IpAddresses.hash(c.ip()), Kind.IP, t, e.ingestedAt()));
    }
}
