package dev.tollgate.detectors.fraud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ua_parser.Client;
import ua_parser.Parser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Tells programs from people by their user agent. Two field sources: the MIT-licensed crawler-user-agents list
 * (1,500 patterns tagged search-engine, http-library, browser-automation, ...), and ua-parser's regexes (uap-java),
 * whose device family "Spider" marks crawlers it knows. Results are cached per agent string (LRU), since one bot sends
 * the same agent again and again. Not thread-safe: one instance per operator instance.
 */
public final class UserAgentClassifier {
    /** What an agent was recognised as, or {@code null} for a person's browser. */
    public record BotAgent(String kind, String matched) {
    }

    private static final String RESOURCE = "tollgate-reference/crawler-user-agents.json";
    private static final BotAgent HUMAN = new BotAgent("", "");
    private static final int CACHE_SIZE = 20_000;

    private final List<Pattern> patterns = new ArrayList<>();
    private final List<String> kinds = new ArrayList<>();
    private final Pattern combined;
    private final Parser uap = new Parser();
    private final LruCache<String, BotAgent> cache = new LruCache<>(CACHE_SIZE, this::compute);

    public UserAgentClassifier() {
        StringBuilder all = new StringBuilder();
        try (InputStream in = UserAgentClassifier.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            for (JsonNode entry : new ObjectMapper().readTree(in)) {
                String p = entry.path("pattern").asText();
                try {
                    Pattern compiled = Pattern.compile(p);
                    patterns.add(compiled);
                    JsonNode tags = entry.path("tags");
                    kinds.add(tags.isArray() && tags.size() > 0 ? tags.get(0).asText() : "crawler");
                    all.append(all.length() == 0 ? "" : "|").append("(?:").append(p).append(')');
                } catch (PatternSyntaxException skipped) {
                    // a pattern written for another regex dialect; the others still apply
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.combined = Pattern.compile(all.toString());
    }

    /** The bot the agent belongs to, or {@code null} when it looks like a person's browser. */
    public BotAgent classify(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return null;
        }
        BotAgent cached = cache.get(userAgent);
        return cached == HUMAN ? null : cached;
    }

    private BotAgent compute(String ua) {
        if (combined.matcher(ua).find()) {
            for (int i = 0; i < patterns.size(); i++) {
                if (patterns.get(i).matcher(ua).find()) {
                    return new BotAgent(kinds.get(i), patterns.get(i).pattern());
                }
            }
        }
        Client c = uap.parse(ua);
        if ("Spider".equals(c.device.family)) {
            return new BotAgent("crawler", "ua-parser device Spider");
        }
        String family = c.userAgent.family == null ? "" : c.userAgent.family.toLowerCase(Locale.ROOT);
        if (family.contains("headless") || family.contains("phantomjs")) {
            return new BotAgent("browser-automation", "ua-parser " + c.userAgent.family);
        }
        return HUMAN;
    }
}
