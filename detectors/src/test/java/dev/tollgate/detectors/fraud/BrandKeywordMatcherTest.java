package dev.tollgate.detectors.fraud;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BrandKeywordMatcherTest {
    private final BrandKeywordMatcher ali = new BrandKeywordMatcher(List.of("aliexpress", "ali express"), 1);
    private final BrandKeywordMatcher alibaba = new BrandKeywordMatcher(List.of("alibaba", "alibaba.com"), 1);

    @Test
    void substringDistanceCountsATranspositionAsOneEditAndLetsTheMatchStartAnywhere() {
        assertThat(BrandKeywordMatcher.substringDistance("aliexpress", "ailexpress")).isEqualTo(1);
        assertThat(BrandKeywordMatcher.substringDistance("aliexpress", "aliexpres")).isEqualTo(1);
        assertThat(BrandKeywordMatcher.substringDistance("aliexpress", "aliexpreess")).isEqualTo(1);
        assertThat(BrandKeywordMatcher.substringDistance("aliexpress", "alexpres")).isEqualTo(2);
        assertThat(BrandKeywordMatcher.substringDistance("aliexpress", "cheapalixpressshoes")).isEqualTo(1);
        assertThat(BrandKeywordMatcher.substringDistance("aliexpress", "wirelessearbuds")).isGreaterThan(1);
    }

    /**
     * REASON-CODES.md, BRAND_BIDDING: "compared without case, spaces or punctuation": the term "alibaba.com" is
     * "alibabacom", so keywords that spell it without the dot name the brand.
     */
    @Test
    void brandTermsKeepTheirDomainWhenSquashed() {
        assertThat(BrandKeywordMatcher.squash("Ali-Baba.com")).isEqualTo("alibabacom");
        assertThat(alibaba.match("alibabacom")).isNotNull();
        assertThat(alibaba.match("Ali-Baba.com")).isNotNull();
        assertThat(alibaba.match("alibabcom wholesale")).isNotNull();
        BrandKeywordMatcher dotComOnly = new BrandKeywordMatcher(List.of("alibaba.com"), 1);
        assertThat(dotComOnly.match("alibabacom")).isEqualTo("alibabacom");
        assertThat(dotComOnly.match("ALIBABA.COM login")).isEqualTo("alibabacom");
        assertThat(dotComOnly.match("alibaba")).isNull();
    }

    @Test
    void matchesTheBrandInAnySpellingOneEditAwayWithModifiers() {
        assertThat(ali.match("ALI EXPRESS")).isEqualTo("aliexpress");
        assertThat(ali.match("aliexpress promo code")).isEqualTo("aliexpress");
        assertThat(ali.match("cheap alixpress shoes")).isEqualTo("aliexpress");
        assertThat(alibaba.match("Alibaba.com suppliers")).isEqualTo("alibaba");
        assertThat(alibaba.match("alibba")).isEqualTo("alibaba");
        assertThat(ali.match("aliexpresscoupon")).isEqualTo("aliexpress");
        assertThat(ali.match("Åliéxpress")).isEqualTo("aliexpress");
    }

    @Test
    void genericOrMerelySimilarKeywordsDoNotMatch() {
        assertThat(ali.match("wireless earbuds")).isNull();
        assertThat(ali.match("alibi express delivery")).isNull();
        assertThat(ali.match("express")).isNull();
        assertThat(alibaba.match("ali baba and the forty thieves costume")).isEqualTo("alibaba");
        assertThat(alibaba.match("bali beach")).isNull();
        assertThat(alibaba.match("global baby stroller")).isNull();
        assertThat(ali.match("ali")).isNull();
    }
}
