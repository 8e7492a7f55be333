package dev.tollgate.detectors.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CategoryMatcherTest {
    @Test
    void readsTheSeedsWritingAndTheContractsWritingAlike() {
        assertThat(CategoryMatcher.matches("Security & Protection > Personal Protective Equipment > Masks & Respirators",
                "Security and protection> Personal protective equipment> Masks and respirators")).isTrue();
    }

    @Test
    void aPathRuleMatchesTheSubtreeItPrefixes() {
        assertThat(CategoryMatcher.matches("Health & Medical > Medical Consumables",
                "Health & Medical > Medical Consumables > Bandages")).isTrue();
        assertThat(CategoryMatcher.matches("Health & Medical > Medical Consumables",
                "Health & Medical > Medical Devices")).isFalse();
    }

    @Test
    void aOneWordRuleMatchesWholeSegmentsNotWordsInside() {
        assertThat(CategoryMatcher.matches("Books", "Education > Books")).isTrue();
        assertThat(CategoryMatcher.matches("Books", "Books & Magazines")).isTrue();
        assertThat(CategoryMatcher.matches("Books", "Office > Notebooks")).isFalse();
        assertThat(CategoryMatcher.matches("Travel", "Luggage & Bags > Travel Bags")).isFalse();
    }
}
