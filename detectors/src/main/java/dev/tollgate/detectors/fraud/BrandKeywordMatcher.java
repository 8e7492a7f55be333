package dev.tollgate.detectors.fraud;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * Does a search keyword bid on a brand? REASON-CODES.md: the keyword "contains the program's brand terms ... or a
 * misspelling of them: compared without case, spaces or punctuation, within one edit". Both sides are squashed to
 * their letters and digits (lower case, accents removed), and the keyword matches when some stretch of it is within N
 * Damerau-Levenshtein edits (insertion, deletion, substitution, adjacent transposition) of a squashed brand term. So
 * "aliexpres", "ali-express", "AliExpress coupon", "alliexpress.com" match "aliexpress", the term "alibaba.com"
 * matches "alibabacom" and "Ali-Baba.com", while "wireless earbuds", "alibi express delivery" or "bali beach" do not.
 */
public final class BrandKeywordMatcher {
    /** Brand terms shorter than this must appear exactly: one edit on a short word matches too much. */
    private static final int MIN_FUZZY_LENGTH = 5;
    private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}");

    private final List<String> brands;
    private final int maxEdits;

    public BrandKeywordMatcher(List<String> brandTerms, int maxEditsPerToken) {
        this.brands = brandTerms.stream().map(BrandKeywordMatcher::squash).filter(b -> !b.isEmpty()).distinct().toList();
        this.maxEdits = maxEditsPerToken;
    }

    /** The squashed brand term the keyword bids on, or {@code null}. */
    public String match(String keyword) {
        if (keyword == null || keyword.isBlank()) {
            return null;
        }
        String text = squash(keyword);
        for (String brand : brands) {
            int allowed = brand.length() < MIN_FUZZY_LENGTH ? 0 : maxEdits;
            if (text.contains(brand) || (allowed > 0 && substringDistance(brand, text) <= allowed)) {
                return brand;
            }
        }
        return null;
    }

    /** Lower-case letters and digits without accents: "Ali-Baba.com" becomes "alibabacom". */
    static String squash(String text) {
        String plain = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("")
                .toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(plain.length());
        plain.codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
        return out.toString();
    }

    /**
     * The fewest edits that turn {@code pattern} into some substring of {@code text} (optimal string alignment, with
     * the substring free to start anywhere: Sellers' approximate matching).
     */
    static int substringDistance(String pattern, String text) {
        int m = pattern.length();
        int n = text.length();
        int[][] d = new int[m + 1][n + 1];
        for (int i = 0; i <= m; i++) {
            d[i][0] = i;
        }
        int best = m;
        for (int j = 1; j <= n; j++) {
            for (int i = 1; i <= m; i++) {
                int cost = pattern.charAt(i - 1) == text.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && pattern.charAt(i - 1) == text.charAt(j - 2)
                        && pattern.charAt(i - 2) == text.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
            best = Math.min(best, d[m][j]);
        }
        return best;
    }
}
