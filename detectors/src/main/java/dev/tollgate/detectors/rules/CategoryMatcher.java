package dev.tollgate.detectors.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Matches item category paths against excluded-category rules, tolerant of how the seeds and feeds write them:
 * "Security and protection> Personal protective equipment" equals "Security &amp; Protection &gt; Personal Protective
 * Equipment". A multi-segment rule matches a path it prefixes, segment by segment. A one-segment rule ("Books") matches
 * any segment equal to it or starting with it before "and" ("Books &amp; Magazines"), but not a segment that merely
 * contains the word ("Travel Bags" is luggage, not travel).
 */
public final class CategoryMatcher {
    private CategoryMatcher() {
    }

    public static boolean matches(String rulePath, String itemCategory) {
        if (rulePath == null || itemCategory == null) {
            return false;
        }
        List<List<String>> rule = segments(rulePath);
        List<List<String>> item = segments(itemCategory);
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

    /** Lower-cased word tokens per path segment; "&amp;" reads as "and"; a trailing plural "s" is kept. */
    static List<List<String>> segments(String path) {
        List<List<String>> out = new ArrayList<>();
        for (String seg : path.split(">")) {
            String norm = seg.toLowerCase(Locale.ROOT).replace("&", " and ");
            List<String> tokens = new ArrayList<>(Arrays.asList(norm.split("[^\\p{L}\\p{N}]+")));
            tokens.removeIf(String::isEmpty);
            if (!tokens.isEmpty()) {
                out.add(tokens);
            }
        }
        return out;
    }
}
