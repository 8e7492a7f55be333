package dev.tollgate.detectors.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tollgate.detectors.model.Channel;
import dev.tollgate.detectors.model.Money;
import dev.tollgate.detectors.model.OrderPath;
import dev.tollgate.detectors.model.SessionKind;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One program's terms as data (config/programs/ID.yaml), after {@code extends} has been resolved. Every term has a
 * severity; {@code off} disables it. See config/README.md for the file format.
 */
public record ProgramPolicy(
        String id,
        String version,
        @JsonProperty("extends") String parent,
        String seed,
        String description,
        List<String> brandTerms,
        Terms terms,
        Map<String, Severity> detectors,
        AppHandoff appHandoff) implements Serializable {

    /**
     * What an order placed in the merchant app after a browser click means for this program: {@code allowed} (seed
     * 004: the AliExpress app may open after activation), {@code device_switch} (a DEVICE_SWITCH finding), or
     * {@code channel} (already an INELIGIBLE_CHANNEL term, seed 000).
     */
    public enum AppHandoff { ALLOWED, DEVICE_SWITCH, CHANNEL }

    /** The severity this program gives a detector's finding. */
    public Severity detectorSeverity(String code) {
        Severity s = detectors == null ? null : detectors.get(code);
        return s == null ? Severity.OFF : s;
    }

    /** The program terms; each maps to one reason code of REASON-CODES.md. */
    public record Terms(
            AttributionWindow attributionWindow,
            NoQualifyingClick noQualifyingClick,
            OrderLimit orderLimit,
            IneligibleItems ineligibleItems,
            IneligibleChannel ineligibleChannel,
            ForeignPromoCode foreignPromoCode,
            NotCompleted notCompleted,
            CurrencyNotEligible currencyNotEligible,
            NetworkFraudFlag networkFraudFlag,
            TrackingBlocked trackingBlocked,
            CommissionCapped commissionCapped,
            SanctionedOrigin sanctionedOrigin,
            SessionInterrupted sessionInterrupted,
            ServiceFeeExcluded serviceFeeExcluded) implements Serializable {
    }

    /** OUTSIDE_ATTRIBUTION_WINDOW: the anchor step must happen within {@code window} of the click (inclusive). */
    public record AttributionWindow(Severity severity, Duration window, Anchor anchor) implements Serializable {
        public enum Anchor { PLACED, PAID }
    }

    /**
     * NO_QUALIFYING_CLICK: no click, a click after the order, a click never seen, a click for another program, or (with
     * {@code oneOrderPerClick}) an activation already used by an earlier order.
     */
    public record NoQualifyingClick(Severity severity, boolean oneOrderPerClick) implements Serializable {
    }

    /** ORDER_LIMIT_EXCEEDED: the order value may be at most {@code max} ({@code inclusive}) or below it. */
    public record OrderLimit(Severity severity, Money max, boolean inclusive) implements Serializable {
    }

    /** INELIGIBLE_ITEMS: item-level exclusions; the order is excluded only when no eligible item remains. */
    public record IneligibleItems(
            Severity severity,
            boolean excludeVirtual,
            boolean requireAffiliate,
            boolean requireReadyToShip,
            List<String> allowedSellerCountries,
            List<String> excludedStores,
            List<CategoryRule> categories) implements Serializable {
    }

    /**
     * An excluded category: an item matches when {@code path} is a prefix of its category path (segment-wise, ignoring
     * case, spacing and "&amp;"/"and"), or, for a one-segment rule, when any segment of its path contains it. Optional
     * {@code from} (order placed on or after) and {@code shipTo} (delivery countries) narrow the rule.
     */
    public record CategoryRule(String path, LocalDate from, List<String> shipTo, String why) implements Serializable {
    }

    /** INELIGIBLE_CHANNEL: excluded order channels and order paths. */
    public record IneligibleChannel(Severity severity, List<Channel> channels, List<OrderPath> orderPaths)
            implements Serializable {
    }

    /** FOREIGN_PROMO_CODE: only codes matching {@code ownCodes} (a regular expression) are allowed. */
    public record ForeignPromoCode(Severity severity, String ownCodes) implements Serializable {
    }

    /**
     * NOT_COMPLETED: cancelled, refunded or disputed orders; with {@code requireCompleted}, only completed orders
     * qualify; {@code maxAfterPayment} is an exclusive limit from payment to completion; {@code refundWindow} is how
     * long after completion a refund or dispute can still arrive, so a completed order's verdict is final only then.
     */
    public record NotCompleted(Severity severity, boolean requireCompleted, Duration maxAfterPayment,
                               Duration refundWindow) implements Serializable {
    }

    /** CURRENCY_NOT_ELIGIBLE: the order must be paid in one of {@code accepted}. */
    public record CurrencyNotEligible(Severity severity, List<String> accepted) implements Serializable {
    }

    /** NETWORK_FRAUD_FLAG: the network marked the order as spam or antispam-blocked. */
    public record NetworkFraudFlag(Severity severity) implements Serializable {
    }

    /** TRACKING_BLOCKED: an ad, tracking or cookie blocker was detected at activation. */
    public record TrackingBlocked(Severity severity) implements Serializable {
    }

    /** COMMISSION_CAPPED: commission at {@code rate} may not exceed {@code maxCommission} per order. */
    public record CommissionCapped(Severity severity, BigDecimal rate, Money maxCommission) implements Serializable {
    }

    /** SANCTIONED_ORIGIN: the global sanctions list plus this program's own restricted countries. */
    public record SanctionedOrigin(Severity severity, List<RestrictedCountry> restricted) implements Serializable {
    }

    /**
     * SESSION_INTERRUPTED: a session event of one of {@code kinds} on the attributed click, at or after the click and
     * before the order reached {@code until} ({@code placed}, or {@code paid} where the activation's window runs to
     * payment), ended the activated cashback session.
     */
    public record SessionInterrupted(Severity severity, AttributionWindow.Anchor until, List<SessionKind> kinds)
            implements Serializable {
    }

    /**
     * SERVICE_FEE_EXCLUDED: for a buyer in {@code buyerCountries} ({@code buyerCountry}, else {@code shipToCountry}) the
     * eligible amount is at most the product prices of the eligible items: a third party's service fee in the paid
     * amount is not commissionable.
     */
    public record ServiceFeeExcluded(Severity severity, List<String> buyerCountries) implements Serializable {
    }

    /** A program-restricted country, checked on the listed origins (all of them when empty). */
    public record RestrictedCountry(String country, List<Origin> on, String why) implements Serializable {
    }

    /** The places a country can be seen. */
    public enum Origin { CLICK_IP, ORDER_IP, BUYER, SHIP_TO }
}
