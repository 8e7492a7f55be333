package dev.tollgate.console.web;

import dev.tollgate.console.store.ConsoleStore;
import dev.tollgate.console.store.DecisionRow;
import dev.tollgate.console.store.InputRow;
import dev.tollgate.console.store.QueueRow;
import dev.tollgate.console.store.VerdictRow;

import java.util.List;

/**
 * Everything the order page shows.
 *
 * @param versions every verdict version, newest first, each with its reasons ready to read
 * @param formKey the one-time key of this page's decision form
 * @param notice a line to show at the top (a decision sent, a refusal), or {@code null}
 */
public record OrderView(String orderId, List<Version> versions, ConsoleStore.OrderFacts facts,
                        List<InputRow> timeline, List<QueueRow> samePublisher, List<QueueRow> sameDevice,
                        List<DecisionRow> decisions, String formKey, String notice) {

    /** One verdict version with its reasons. */
    public record Version(VerdictRow row, List<ReasonText.Shown> reasons) {
    }

    public Version latest() {
        return versions.isEmpty() ? null : versions.get(0);
    }

    /**
     * Whether an analyst decides this order now: it is open, or held for review with no analyst's decision yet (a
     * REVIEW the detectors will not change again is final but still waits for a human), or it was reopened. Any other
     * final verdict changes only through a lead's explicit reversal.
     */
    public boolean decidable() {
        return latest() != null && decidable(latest().row(), facts);
    }

    /** {@link #decidable()} of an order whose newest verdict is {@code v} ({@code facts} may be {@code null}). */
    public static boolean decidable(VerdictRow v, ConsoleStore.OrderFacts facts) {
        return !v.fin() || ("REVIEW".equals(v.decision()) && v.decidedBy() == null)
                || (facts != null && facts.reopenedBy() != null);
    }

    /** An analyst decision sent whose final verdict has not come back yet. */
    public boolean awaitingVerdict() {
        if (decisions.isEmpty()) {
            return false;
        }
        if (latest() == null) {
            return true;
        }
        DecisionRow last = decisions.get(decisions.size() - 1);
        VerdictRow v = latest().row();
        return !(v.fin() && last.analyst().equals(v.decidedBy()) && last.decision().equals(v.decision()));
    }
}
