package dev.tollgate.detectors.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Matches item category paths against excluded-category rules, tolerant of how the seeds and feeds write them:
 * "Security and protection> Personal protective equipment" equals "Security &amp; Protection &gt; Personal Protective
 * Equipment". A multi-segment rule matches a path it prefixes, segment by segment. A one-segment rule ("Books") matches
 * any segment equal to it or starting with it before "and" ("Books &amp; Magazines"), but not a segment that merely
 * contains the word ("Travel Bags" is luggage, not travel).
 */
public final class CategoryMatcher {
    /** Rule paths come from the policies, so there are few: each is tokenised once. */
    private static final Map<String, List<List<String>>> RULES = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_RULES = 10_000;

    private CategoryMatcher() {
    }

    public static boolean matches(String rulePath, String itemCategory) {
        if (rulePath == null || itemCategory == null) {
            return false;
        }
        return matches(rule(rulePath), segments(itemCategory));
    }

    /** The tokenised rule path, computed once per distinct rule. */
    static List<List<String>> rule(String rulePath) {
        List<List<String>> known = RULES.get(rulePath);
        if (known != null) {
            return known;
        }
        List<List<String>> rule = segments(rulePath);
        if (RULES.size() < MAX_CACHED_RULES) {
            RULES.put(rulePath, rule);
        }
        return rule;
    }

    /**
     * Whether the tokenised {@code rule} (see {@link #rule}) matches the tokenised item path ({@link #segments}): a
     * caller checking one item against many rules tokenises the item once.
     */
    public static boolean matches(String rulePath, List<List<String>> item) {
        return rulePath != null && item != null && matches(rule(rulePath), item);
    }

    private static boolean matches(List<List<String>> rule, List<List<String>> item) {
        if (rule.isEmpty() || item.isEmpty()) {
            return false;
        }
        if (rule.size() == 1) {
            List<String> r = rule.get(0);
            for (List<String> seg : item) {
                if (seg.equals(r) || (seg.size() > r.size() && seg.subList(0, r.size()).equals(r)
                        && seg.get(r.size()).equals("and"))) {
                    return true;
                }
            }
            return false;
        }
        if (rule.size() > item.size()) {
            return false;
        }
        return item.subList(0, rule.size()).equals(rule);
    }

    /**
     * Lower-cased word tokens (letters and digits) per path segment; "&amp;" reads as "and"; a trailing plural "s" is
     * kept.
     */
    public static List<List<String>> segments(String path) {
        List<List<String>> out = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= path.length(); i++) {
            int c = i < path.length() ? path.codePointAt(i) : '>';
            if (Character.isLetterOrDigit(c)) {
                word.appendCodePoint(c);
            } else {
                if (word.length() > 0) {
                    tokens.add(word.toString().toLowerCase(Locale.ROOT));
                    word.setLength(0);
                }
                if (c == '&') {
                    tokens.add("and");
                } else if (c == '>') {
                    if (!tokens.isEmpty()) {
                        out.add(List.copyOf(tokens));
                    }
                    tokens.clear();
                }
            }
            if (Character.isSupplementaryCodePoint(c)) {
                i++;
            }
        }
        return out;
    }
}
