package dev.tollgate.detectors.fraud;

import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.rules.Evidence;
import dev.tollgate.detectors.rules.OrderRule;
import dev.tollgate.detectors.rules.ReasonCode;
import dev.tollgate.detectors.rules.RuleContext;

import java.util.ArrayList;
import java.util.List;

/**
 * BRAND_BIDDING: the click came from a paid search ad — a click-id parameter (gclid, gbraid, wbraid, gclsrc, msclkid,
 * yclid, ...) on the referrer or landing URL, or a search engine's ad-click referrer — and its keyword
 * ({@code searchKeyword}, {@code utm_term}, the referrer's query) names the program's brand or a misspelling of it
 * (within one edit per token, ignoring case, spacing and punctuation; brand plus modifiers counts). Seed 001: "Do not
 * bid on Alibaba.com branded keywords and any variations"; seed 003: "brand terms including misspellings must be
 * negative keywords". Paid search on generic keywords is allowed; organic search on the brand is not bidding.
 */
public final class BrandBiddingDetector implements OrderRule {
    public static final String DETECTOR = "brandBidding";

    @Override
    public void evaluate(RuleContext ctx) {
        ClickEvent c = ctx.click();
        if (c == null) {
            return;
        }
        DetectorSettings.BrandBidding s = ctx.detectors().brandBidding();
        UrlParts referrer = ctx.reference().url(c.referrer());
        UrlParts landing = ctx.reference().url(c.landingUrl());
        String paidBy = paidSearchMarker(s, referrer, landing);
        if (paidBy == null) {
            return;
        }
        BrandKeywordMatcher matcher = ctx.reference().brandMatcher(ctx.policy().brandTerms(), s.maxEditsPerToken());
        for (String keyword : keywords(s, c, referrer, landing)) {
            String brand = matcher.match(keyword);
            if (brand != null) {
                ctx.detect(ReasonCode.BRAND_BIDDING, DETECTOR, Evidence.of("paidSearch", paidBy)
                        .and("keyword", keyword).and("brand", brand));
                return;
            }
        }
    }

    private static String paidSearchMarker(DetectorSettings.BrandBidding s, UrlParts referrer, UrlParts landing) {
        for (String p : s.clickIdParams()) {
            if (referrer.params().containsKey(p) || landing.params().containsKey(p)) {
                return p;
            }
        }
        String ref = referrer.hostAndPath();
        for (String adReferrer : s.adClickReferrers()) {
            if (!ref.isEmpty() && ref.contains(adReferrer)) {
                return adReferrer;
            }
        }
        return null;
    }

    private static List<String> keywords(DetectorSettings.BrandBidding s, ClickEvent c, UrlParts referrer,
                                         UrlParts landing) {
        List<String> out = new ArrayList<>();
        if (c.searchKeyword() != null) {
            out.add(c.searchKeyword());
        }
        for (String p : s.keywordParams()) {
            String v = landing.params().get(p);
            if (v != null && !v.isBlank()) {
                out.add(v);
            }
            v = referrer.params().get(p);
            if (v != null && !v.isBlank()) {
                out.add(v);
            }
        }
        return out;
    }
}
