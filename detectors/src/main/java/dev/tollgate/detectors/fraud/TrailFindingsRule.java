package dev.tollgate.detectors.fraud;

import dev.tollgate.detectors.model.ClickSignal;
import dev.tollgate.detectors.model.ClickSignal.TrailFinding;
import dev.tollgate.detectors.rules.Finding;
import dev.tollgate.detectors.rules.OrderRule;
import dev.tollgate.detectors.rules.ReasonCode;
import dev.tollgate.detectors.rules.RuleContext;

import java.util.HashSet;
import java.util.Set;

/**
 * Carries what the click trails found about the attributed click (bursts, velocity, regular timing, many accounts,
 * abnormal publisher delays) into the order's verdict, at the severity the order's program gives each code. One finding
 * per code and detector: the user, device and IP trails often see the same thing.
 */
public final class TrailFindingsRule implements OrderRule {
    @Override
    public void evaluate(RuleContext ctx) {
        Set<String> seen = new HashSet<>();
        for (ClickSignal s : ctx.kase().signals()) {
            for (TrailFinding f : s.findings()) {
                if (seen.add(f.code() + "|" + f.detector())) {
                    ReasonCode code = ReasonCode.valueOf(f.code());
                    ctx.add(new Finding(code, ctx.policy().detectorSeverity(f.code()), f.detector(), f.evidence()));
                }
            }
        }
    }
}
