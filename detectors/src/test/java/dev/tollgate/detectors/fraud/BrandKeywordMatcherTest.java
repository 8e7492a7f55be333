package dev.tollgate.detectors.fraud;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BrandKeywordMatcherTest {
    private final BrandKeywordMatcher ali = new BrandKeywordMatcher(List.of("aliexpress", "ali express"), 1);
    private final BrandKeywordMatcher alibaba = new BrandKeywordMatcher(List.of("alibaba", "alibaba.com"), 1);

    @Test
    void damerauLevenshteinCountsATranspositionAsOneEdit() {
        assertThat(BrandKeywordMatcher.damerauLevenshtein("aliexpress", "ailexpress")).isEqualTo(1);
        assertThat(BrandKeywordMatcher.damerauLevenshtein("aliexpress", "aliexpres")).isEqualTo(1);
        assertThat(BrandKeywordMatcher.damerauLevenshtein("aliexpress", "aliexpreess")).isEqualTo(1);
        assertThat(BrandKeywordMatcher.damerauLevenshtein("aliexpress", "alexpres")).isEqualTo(2);
    }

    @Test
    void matchesTheBrandInAnySpellingOneEditAwayWithModifiers() {
        assertThat(ali.match("ALI EXPRESS")).isEqualTo("aliexpress");
        assertThat(ali.match("aliexpress promo code")).isEqualTo("aliexpress");
        assertThat(ali.match("cheap alixpress shoes")).isEqualTo("aliexpress");
        assertThat(alibaba.match("Alibaba.com suppliers")).isEqualTo("alibaba");
        assertThat(alibaba.match("alibba")).isEqualTo("alibaba");
    }

    @Test
    void genericOrMerelySimilarKeywordsDoNotMatch() {
        assertThat(ali.match("wireless earbuds")).isNull();
        assertThat(ali.match("alibi express delivery")).isNull();
        assertThat(ali.match("express")).isNull();
        assertThat(alibaba.match("ali baba and the forty thieves costume")).isEqualTo("alibaba");
        assertThat(alibaba.match("bali beach")).isNull();
    }
}
