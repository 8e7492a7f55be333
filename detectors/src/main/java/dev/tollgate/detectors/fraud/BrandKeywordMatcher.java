package dev.tollgate.detectors.fraud;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Does a search keyword bid on a brand? Compared without case, accents, spaces or punctuation, token by token, allowing
 * up to N Damerau-Levenshtein edits per brand token (insertion, deletion, substitution, adjacent transposition), so
 * "aliexpres", "ali-express", "AliExpress coupon", "alliexpress.com" match "aliexpress" while "wireless earbuds" or
 * "alibi express delivery" do not. A brand may be written as one word or split ("ali express" = "aliexpress"), and a
 * brand plus modifiers ("aliexpress coupon") matches.
 */
public final class BrandKeywordMatcher {
    /** Brand tokens shorter than this must match exactly: one edit on a short word matches too much. */
    private static final int MIN_FUZZY_LENGTH = 5;

    private final List<String> brands;
    private final int maxEdits;

    public BrandKeywordMatcher(List<String> brandTerms, int maxEditsPerToken) {
        this.brands = brandTerms.stream().map(BrandKeywordMatcher::squash).filter(b -> !b.isEmpty()).distinct().toList();
        this.maxEdits = maxEditsPerToken;
    }

    /** The brand the keyword bids on, or {@code null}. */
    public String match(String keyword) {
        if (keyword == null || keyword.isBlank()) {
            return null;
        }
        List<String> tokens = tokens(keyword);
        for (String brand : brands) {
            // any run of 1..3 adjacent tokens, joined, may spell the brand ("ali express", "ali-express.com")
            for (int i = 0; i < tokens.size(); i++) {
                StringBuilder joined = new StringBuilder();
                for (int j = i; j < Math.min(tokens.size(), i + 3); j++) {
                    joined.append(tokens.get(j));
                    if (close(joined.toString(), brand)) {
                        return brand;
                    }
                }
            }
        }
        return null;
    }

    private boolean close(String candidate, String brand) {
        if (candidate.equals(brand)) {
            return true;
        }
        if (brand.length() < MIN_FUZZY_LENGTH || Math.abs(candidate.length() - brand.length()) > maxEdits) {
            return false;
        }
        return damerauLevenshtein(candidate, brand) <= maxEdits;
    }

    /** Lower-case word tokens without accents; a trailing top-level domain (".com") is dropped from a token. */
    static List<String> tokens(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("\\.(com|ru|net|org|es|fr|de|pl|us)\\b", " ");
        List<String> out = new ArrayList<>(Arrays.asList(plain.split("[^\\p{L}\\p{N}]+")));
        out.removeIf(String::isEmpty);
        return out;
    }

    /** A brand term as one token: "ali express" and "alibaba.com" become "aliexpress" and "alibaba". */
    static String squash(String brand) {
        return String.join("", tokens(brand));
    }

    /** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions). */
    static int damerauLevenshtein(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
