package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.model.SessionEvent;
import dev.tollgate.detectors.model.SessionKind;
import dev.tollgate.detectors.policy.ProgramPolicy.ForeignPromoCode;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * FOREIGN_PROMO_CODE: a promo code that is not the cashback service's own (seed 000: "you also did not use third-party
 * promo codes"; seed 004: "Use only 'Megabonus' promo codes"). Codes are read from the order and from
 * {@code promo_code_entered} session events that carry the code as their detail; comparison ignores case.
 */
public final class PromoCodeRule implements OrderRule {
    static final String DETECTOR = "terms.foreignPromoCode";
    /** Compiled once per distinct expression (a program's terms, live changes included), not once per assessment. */
    private final java.util.Map<String, Pattern> compiled = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void evaluate(RuleContext ctx) {
        ForeignPromoCode term = ctx.terms().foreignPromoCode();
        if (!term.severity().enabled()) {
            return;
        }
        Pattern own = compiled.computeIfAbsent(term.ownCodes(), r -> Pattern.compile(r, Pattern.CASE_INSENSITIVE));
        String code = ctx.order().promoCode();
        if (code != null && !own.matcher(code.trim().toUpperCase(Locale.ROOT)).matches()) {
            ctx.add(Finding.of(ReasonCode.FOREIGN_PROMO_CODE, term.severity(), DETECTOR,
                    Evidence.of("promoCode", code).and("seenOn", "order")));
            return;
        }
        for (SessionEvent s : ctx.kase().sessions()) {
            if (s.kind() == SessionKind.PROMO_CODE_ENTERED && s.detail() != null && !s.detail().isBlank()
                    && !s.detail().trim().startsWith("{")
                    && !own.matcher(s.detail().trim().toUpperCase(Locale.ROOT)).matches()) {
                ctx.add(Finding.of(ReasonCode.FOREIGN_PROMO_CODE, term.severity(), DETECTOR,
                        Evidence.of("promoCode", s.detail().trim()).and("seenOn", "session")
                                .and("sessionEventId", s.eventId())));
                return;
            }
        }
    }
}
