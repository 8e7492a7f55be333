package dev.tollgate.detectors.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tollgate.detectors.fraud.DetectorSettings;
import dev.tollgate.detectors.fraud.GeoDatabase;
import dev.tollgate.detectors.fraud.IpRangeTable;
import dev.tollgate.detectors.model.Money;
import dev.tollgate.detectors.policy.ProgramPolicy.Terms;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Loads config/tollgate.yaml and config/programs/*.yaml, resolves {@code extends} (objects merge key by key, lists and
 * scalars of the child replace the parent's), and validates every field. Any problem stops start-up with a
 * {@link PolicyException} naming the file, the field and the problem.
 */
public final class ConfigLoader {
    public static final String SETTINGS_FILE = "tollgate.yaml";
    public static final String PROGRAMS_DIR = "programs";
    /** Classpath root of the bundled configuration (the repository's config/ directory). */
    public static final String BUNDLED_ROOT = "tollgate-config/";
    /** Lists the bundled program files, since a classpath cannot be listed; a test keeps it equal to config/programs. */
    public static final String BUNDLED_INDEX = "programs.list";

    /** The detector reason codes of REASON-CODES.md whose severity every program sets (SANCTIONED_ORIGIN is a term). */
    public static final List<String> DETECTOR_CODES = List.of("COOKIE_STUFFING", "CLICK_HIJACK", "POPUP_TRAFFIC",
            "BOT_TRAFFIC", "DEVICE_SWITCH", "BRAND_BIDDING");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern PROGRAM_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final ObjectMapper yaml = JsonMapper.builder(new YAMLFactory())
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();
    private final ObjectMapper canonicalJson = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /** Loads the configuration in {@code dir} (a directory holding tollgate.yaml and programs/). */
    public TollgateConfig load(Path dir) {
        return load(dir, Map.of());
    }

    /**
     * Loads {@code dir} with settings overridden: keys are dotted paths into tollgate.yaml
     * ({@code detectors.bot.maxClicksPerDevice}), values are read as the file would read them. For sweeps.
     */
    public TollgateConfig load(Path dir, Map<String, String> overrides) {
        if (!Files.isDirectory(dir)) {
            throw new PolicyException(dir.toString(), null, "not a directory");
        }
        Path settingsFile = dir.resolve(SETTINGS_FILE);
        Path programsDir = dir.resolve(PROGRAMS_DIR);
        if (!Files.isRegularFile(settingsFile)) {
            throw new PolicyException(settingsFile.toString(), null, "file not found");
        }
        if (!Files.isDirectory(programsDir)) {
            throw new PolicyException(programsDir.toString(), null, "directory not found");
        }
        Map<String, Source> sources = new TreeMap<>();
        try (Stream<Path> files = Files.list(programsDir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                sources.put(idFromFileName(p.getFileName().toString()), new Source(p.toString(), read(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return build(new Source(settingsFile.toString(), read(settingsFile)), sources,
                geo -> dir.resolve(geo).toAbsolutePath().toString(), overrides);
    }

    /**
     * Settings the running job reads once, when it starts, each with the part of the job that reads it: a live change
     * cannot reach them, so one that names them is refused rather than accepted and silently ignored. (Everything else
     * is read through the live configuration by the operator that uses it: detector thresholds by the click trails, the
     * delay profiles and the verdict changelog; the changelog's time bounds, terms, severities, rates by the
     * changelog.) Keys ending in {@code .} are prefixes.
     */
    static final Map<String, String> START_UP_SETTINGS = Map.ofEntries(
            Map.entry("version", "names the files' configuration; a change has a version of its own"),
            Map.entry("time.outOfOrderness", "the sources' and the replay's watermarks"),
            Map.entry("time.sourceIdleness", "the Kafka source's watermarks"),
            Map.entry("time.eventSourceIdleness", "the Kafka source's watermarks"),
            Map.entry("time.futureBound", "the parser and the sources' timestamps"),
            Map.entry("time.clickRetention", "the attribution join"),
            Map.entry("maxRecordBytes", "the parser"),
            Map.entry("feeds.", "the parser (native feeds' time zones and programs)"),
            Map.entry("detectors.geo.ipRanges", "reference data loaded with the job"),
            Map.entry("detectors.bot.dataCentreFile", "reference data loaded with the job"));
    /** Program paths read once when the job starts (see {@link #START_UP_SETTINGS}). */
    static final Map<String, String> START_UP_PROGRAM_PATHS = Map.of(
            "terms.attributionWindow.window", "the attribution join's and the click trails' retention of clicks");

    private static void refuseStartUpOnly(String file, String field, String path, Map<String, String> startUp) {
        for (Map.Entry<String, String> e : startUp.entrySet()) {
            if (e.getKey().endsWith(".") ? path.startsWith(e.getKey()) : path.equals(e.getKey())) {
                throw new PolicyException(file, field, "cannot change while the job runs: read once at start-up by "
                        + e.getValue() + "; change the configuration files and restart the job from a savepoint");
            }
        }
    }

    /**
     * The configuration {@code base} with a live change applied, validated like the files: settings and the named
     * programs' policies are overridden (children that extend a changed program keep their own copy). Every policy
     * version becomes {@code id@<change version>#digest}. A path read only at start-up ({@link #START_UP_SETTINGS})
     * is refused, naming it.
     *
     * @throws PolicyException naming the change, the field and the problem; {@code base} stays as it was
     */
    public TollgateConfig apply(TollgateConfig base, ControlChange change) {
        String file = "control change '" + change.version() + "'";
        if (change.version() == null || change.version().isBlank()) {
            throw new PolicyException("control change", "version", "is required");
        }
        ObjectMapper plain = yaml.copy()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
        JsonNode settingsTree = plain.valueToTree(base.settings());
        Map<String, String> settingOverrides = change.settings() == null ? Map.of() : change.settings();
        settingOverrides.forEach((path, value) -> {
            refuseStartUpOnly(file, "settings." + path, path, START_UP_SETTINGS);
            override(file, settingsTree, "settings." + path, path, value);
        });
        Settings settings = bind(file, settingsTree, Settings.class);
        validateSettings(file, settings);
        Map<String, Map<String, String>> programOverrides = change.programs() == null ? Map.of() : change.programs();
        for (String id : programOverrides.keySet()) {
            if (!base.knows(id)) {
                throw new PolicyException(file, "programs." + id, "unknown program");
            }
        }
        Map<String, ProgramPolicy> programs = new LinkedHashMap<>();
        Map<String, String> versions = new LinkedHashMap<>();
        String settingsDigest = canonical(settingsTree);
        for (Map.Entry<String, ProgramPolicy> e : base.programs().entrySet()) {
            String id = e.getKey();
            JsonNode tree = plain.valueToTree(e.getValue());
            programOverrides.getOrDefault(id, Map.of()).forEach((path, value) -> {
                refuseStartUpOnly(file, "programs." + id + "." + path, path, START_UP_PROGRAM_PATHS);
                override(file, tree, "programs." + id + "." + path, path, value);
            });
            ProgramPolicy policy = bind(file, tree, ProgramPolicy.class);
            validateProgram(file, id, policy);
            programs.put(id, policy);
            versions.put(id, id + "@" + change.version() + "#" + digest(canonical(tree) + settingsDigest));
        }
        return new TollgateConfig(settings, Map.copyOf(programs), Map.copyOf(versions), base.evidenceKey());
    }

    /** Loads the configuration bundled in the jar (a copy of the repository's config/ directory). */
    public TollgateConfig loadBundled() {
        return loadBundled(Map.of());
    }

    /** The bundled configuration with settings overridden, as {@link #load(Path, Map)}. */
    public TollgateConfig loadBundled(Map<String, String> overrides) {
        String index = readResource(BUNDLED_ROOT + PROGRAMS_DIR + "/" + BUNDLED_INDEX);
        Map<String, Source> sources = new TreeMap<>();
        for (String line : index.split("\n")) {
            String name = line.trim();
            if (!name.isEmpty() && !name.startsWith("#")) {
                String resource = BUNDLED_ROOT + PROGRAMS_DIR + "/" + name;
                sources.put(idFromFileName(name), new Source("classpath:" + resource, readResource(resource)));
            }
        }
        String settings = BUNDLED_ROOT + SETTINGS_FILE;
        return build(new Source("classpath:" + settings, readResource(settings)), sources,
                geo -> "classpath:" + BUNDLED_ROOT + geo, overrides);
    }

    private record Source(String file, String text) {
    }

    private TollgateConfig build(Source settingsSource, Map<String, Source> programSources,
                                 java.util.function.UnaryOperator<String> resolveFile,
                                 Map<String, String> overrides) {
        JsonNode settingsTree = tree(settingsSource);
        overrides.forEach((path, value) -> override(settingsSource.file(), settingsTree, path, path, value));
        Settings settings = bind(settingsSource.file(), settingsTree, Settings.class);
        validateSettings(settingsSource.file(), settings);
        settings = settings.withResolvedFiles(
                rangeFile(settingsSource.file(), "detectors.geo.ipRanges", settings.detectors().geo().ipRanges(),
                        resolveFile),
                rangeFile(settingsSource.file(), "detectors.bot.dataCentreFile",
                        settings.detectors().bot().dataCentreFile(), resolveFile));
        if (programSources.isEmpty()) {
            throw new PolicyException(settingsSource.file(), null, "no program policies found in programs/");
        }
        Map<String, JsonNode> trees = new TreeMap<>();
        programSources.forEach((id, src) -> trees.put(id, tree(src)));

        Map<String, ProgramPolicy> programs = new LinkedHashMap<>();
        Map<String, String> versions = new LinkedHashMap<>();
        String settingsDigestInput = canonical(settingsTree);
        // Parents first, so that a bad inherited value is reported against the file that holds it.
        for (String id : parentsFirst(trees)) {
            String file = programSources.get(id).file();
            JsonNode merged = resolve(id, trees, programSources, new LinkedHashSet<>());
            ProgramPolicy policy = bind(file, merged, ProgramPolicy.class);
            validateProgram(file, id, policy);
            programs.put(id, policy);
            versions.put(id, id + "@" + policy.version() + "#" + digest(canonical(merged) + settingsDigestInput));
        }
        return new TollgateConfig(settings, Map.copyOf(programs), Map.copyOf(versions));
    }

    private static List<String> parentsFirst(Map<String, JsonNode> trees) {
        List<String> order = new ArrayList<>();
        for (String id : trees.keySet()) {
            addParentsFirst(id, trees, order, new LinkedHashSet<>());
        }
        return order;
    }

    private static void addParentsFirst(String id, Map<String, JsonNode> trees, List<String> order, Set<String> path) {
        if (order.contains(id) || !trees.containsKey(id) || !path.add(id)) {
            return; // unknown parents and cycles are reported by resolve()
        }
        JsonNode parent = trees.get(id).get("extends");
        if (parent != null && parent.isTextual()) {
            addParentsFirst(parent.asText(), trees, order, path);
        }
        order.add(id);
    }

    private static void override(String file, JsonNode tree, String field, String path, String value) {
        String[] parts = path.split("\\.");
        JsonNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.get(parts[i]);
            if (node == null || !node.isObject()) {
                throw new PolicyException(file, field, "no such setting");
            }
        }
        String leaf = parts[parts.length - 1];
        boolean severityMap = parts.length >= 2 && "detectors".equals(parts[parts.length - 2]);
        if ((!node.has(leaf) && !severityMap) || (node.has(leaf) && node.get(leaf).isContainerNode())) {
            throw new PolicyException(file, field, "no such setting");
        }
        ((ObjectNode) node).put(leaf, value);
    }

    /** Resolves an IP range file against the configuration directory and checks that it reads. */
    private static String rangeFile(String file, String field, String value,
                                    java.util.function.UnaryOperator<String> resolve) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String location = Path.of(value).isAbsolute() ? value : resolve.apply(value);
        try (var reader = GeoDatabase.open(location)) {
            IpRangeTable.fromCsv(reader, location);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new PolicyException(file, field, "cannot use '" + value + "': file not found (" + location + ")");
        } catch (IOException | RuntimeException e) {
            throw new PolicyException(file, field, "cannot use '" + value + "': " + e.getMessage());
        }
        return location;
    }

    private JsonNode resolve(String id, Map<String, JsonNode> trees, Map<String, Source> sources, Set<String> seen) {
        String file = sources.get(id).file();
        if (!seen.add(id)) {
            throw new PolicyException(file, "extends", "cycle of extends: " + String.join(" -> ", seen) + " -> " + id);
        }
        JsonNode own = trees.get(id);
        JsonNode parentId = own.get("extends");
        if (parentId == null || parentId.isNull()) {
            return own.deepCopy();
        }
        if (!parentId.isTextual() || !trees.containsKey(parentId.asText())) {
            throw new PolicyException(file, "extends", "unknown program '" + parentId.asText()
                    + "' (known: " + String.join(", ", trees.keySet()) + ")");
        }
        JsonNode base = resolve(parentId.asText(), trees, sources, seen);
        return merge((ObjectNode) base, own);
    }

    private static JsonNode merge(ObjectNode base, JsonNode child) {
        Iterator<Map.Entry<String, JsonNode>> it = child.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = base.get(e.getKey());
            if (existing != null && existing.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) existing, e.getValue());
            } else {
                base.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        return base;
    }

    private JsonNode tree(Source src) {
        try {
            JsonNode node = yaml.readTree(src.text());
            if (node == null || !node.isObject()) {
                throw new PolicyException(src.file(), null, "must be a YAML mapping");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new PolicyException(src.file(), null, "not valid YAML: " + e.getOriginalMessage());
        }
    }

    private <T> T bind(String file, JsonNode tree, Class<T> type) {
        try {
            return yaml.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw new PolicyException(file, path(e), cause(e));
        } catch (JsonProcessingException e) {
            throw new PolicyException(file, null, e.getOriginalMessage());
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String cause(JsonMappingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root instanceof JsonMappingException jme ? jme.getOriginalMessage() : root.getMessage();
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "'";
        }
        return msg == null ? e.getOriginalMessage() : msg.split("\n")[0];
    }

    private void validateSettings(String file, Settings s) {
        Checks c = new Checks(file);
        c.require("version", s.version());
        c.require("time", s.time());
        Settings.Time t = s.time();
        c.positive("time.outOfOrderness", t.outOfOrderness());
        c.positive("time.clickGrace", t.clickGrace());
        c.positive("time.finalityDelay", t.finalityDelay());
        c.positive("time.clickRetention", t.clickRetention());
        c.positive("time.maxOrderAge", t.maxOrderAge());
        c.positive("time.finalTombstone", t.finalTombstone());
        c.positive("time.decisionWait", t.decisionWait());
        c.positive("time.reviewHold", t.reviewHold());
        c.positive("time.sourceIdleness", t.sourceIdleness());
        c.positive("time.eventSourceIdleness", t.eventSourceIdleness());
        c.positive("time.futureBound", t.futureBound());
        c.require("sanctions", s.sanctions());
        for (int i = 0; i < s.sanctions().size(); i++) {
            Settings.Sanction sn = s.sanctions().get(i);
            c.country("sanctions[" + i + "].country", sn.country());
            if (sn.since() != null && sn.until() != null && !sn.until().isAfter(sn.since())) {
                throw new PolicyException(file, "sanctions[" + i + "].until", "must be after since");
            }
        }
        c.require("feeds", s.feeds());
        c.require("feeds.aliexpress", s.feeds().aliexpress());
        c.require("feeds.awin", s.feeds().awin());
        c.zone("feeds.aliexpress.timeZone", s.feeds().aliexpress().timeZone());
        c.zone("feeds.awin.timeZone", s.feeds().awin().timeZone());
        c.require("feeds.aliexpress.defaultProgram", s.feeds().aliexpress().defaultProgram());
        c.require("feeds.awin.defaultProgram", s.feeds().awin().defaultProgram());
        if (s.maxRecordBytes() < 256) {
            throw new PolicyException(file, "maxRecordBytes", "must be at least 256, got " + s.maxRecordBytes());
        }
        validateDetectors(c, s.detectors());
        c.require("usdRates", s.usdRates());
        s.usdRates().forEach((cur, rate) -> {
            c.currency("usdRates." + cur, cur);
            if (rate == null || rate.signum() <= 0) {
                throw new PolicyException(file, "usdRates." + cur, "must be a positive number");
            }
        });
    }

    private static void validateDetectors(Checks c, DetectorSettings d) {
        c.require("detectors", d);
        c.require("detectors.cookieStuffing", d.cookieStuffing());
        c.positive("detectors.cookieStuffing.burstWindow", d.cookieStuffing().burstWindow());
        c.positive("detectors.cookieStuffing.delayWindow", d.cookieStuffing().delayWindow());
        c.atLeast("detectors.cookieStuffing.burstMinPrograms", d.cookieStuffing().burstMinPrograms(), 2);
        c.atLeast("detectors.cookieStuffing.delayMinPublisherOrders", d.cookieStuffing().delayMinPublisherOrders(), 5);
        c.atLeast("detectors.cookieStuffing.delayMinProgramOrders", d.cookieStuffing().delayMinProgramOrders(), 5);
        c.require("detectors.clickHijack", d.clickHijack());
        c.positive("detectors.clickHijack.overwriteGap", d.clickHijack().overwriteGap());
        c.require("detectors.popup", d.popup());
        c.require("detectors.popup.popunderNetworks", d.popup().popunderNetworks());
        c.require("detectors.bot", d.bot());
        c.positive("detectors.bot.velocityWindow", d.bot().velocityWindow());
        c.atLeast("detectors.bot.maxClicksPerIp", d.bot().maxClicksPerIp(), 2);
        c.atLeast("detectors.bot.maxClicksPerDevice", d.bot().maxClicksPerDevice(), 2);
        c.atLeast("detectors.bot.maxClicksPerUser", d.bot().maxClicksPerUser(), 2);
        c.atLeast("detectors.bot.regularityMinClicks", d.bot().regularityMinClicks(), 4);
        c.positive("detectors.bot.regularityMaxMeanInterval", d.bot().regularityMaxMeanInterval());
        c.positive("detectors.bot.accountsWindow", d.bot().accountsWindow());
        c.atLeast("detectors.bot.maxAccountsPerDevice", d.bot().maxAccountsPerDevice(), 1);
        try {
            IpRangeTable.fromCidrs(d.bot().dataCentreRanges());
        } catch (RuntimeException e) {
            throw new PolicyException(c.file(), "detectors.bot.dataCentreRanges", e.getMessage());
        }
        c.require("detectors.deviceSwitch", d.deviceSwitch());
        c.require("detectors.brandBidding", d.brandBidding());
        c.require("detectors.brandBidding.clickIdParams", d.brandBidding().clickIdParams());
        c.require("detectors.brandBidding.adClickReferrers", d.brandBidding().adClickReferrers());
        c.require("detectors.brandBidding.keywordParams", d.brandBidding().keywordParams());
        c.require("detectors.geo", d.geo());
    }

    private void validateProgram(String file, String fileId, ProgramPolicy p) {
        Checks c = new Checks(file);
        c.require("id", p.id());
        if (!p.id().equals(fileId)) {
            throw new PolicyException(file, "id", "'" + p.id() + "' does not match the file name '" + fileId + "'");
        }
        if (!PROGRAM_ID.matcher(p.id()).matches()) {
            throw new PolicyException(file, "id", "'" + p.id() + "' must be lower-case letters, digits and dashes");
        }
        c.require("version", p.version());
        c.require("brandTerms", p.brandTerms());
        if (p.brandTerms().isEmpty() || p.brandTerms().stream().anyMatch(b -> b == null || b.isBlank())) {
            throw new PolicyException(file, "brandTerms", "must list at least one non-empty brand term");
        }
        c.require("terms", p.terms());
        Terms t = p.terms();
        c.term("terms.attributionWindow", t.attributionWindow(), w -> w.severity());
        if (t.attributionWindow().severity().enabled()) {
            c.positive("terms.attributionWindow.window", t.attributionWindow().window());
            c.require("terms.attributionWindow.anchor", t.attributionWindow().anchor());
        }
        c.term("terms.noQualifyingClick", t.noQualifyingClick(), x -> x.severity());
        c.term("terms.orderLimit", t.orderLimit(), x -> x.severity());
        if (t.orderLimit().severity().enabled()) {
            c.money("terms.orderLimit.max", t.orderLimit().max());
        }
        c.term("terms.ineligibleItems", t.ineligibleItems(), x -> x.severity());
        ProgramPolicy.IneligibleItems items = t.ineligibleItems();
        c.countries("terms.ineligibleItems.allowedSellerCountries", items.allowedSellerCountries());
        if (items.categories() != null) {
            for (int i = 0; i < items.categories().size(); i++) {
                ProgramPolicy.CategoryRule r = items.categories().get(i);
                String f = "terms.ineligibleItems.categories[" + i + "]";
                c.require(f + ".path", r.path());
                c.countries(f + ".shipTo", r.shipTo());
            }
        }
        if (items.excludedStores() != null) {
            for (String store : items.excludedStores()) {
                if (!Set.of("main", "tmall", "plaza").contains(store)) {
                    throw new PolicyException(file, "terms.ineligibleItems.excludedStores",
                            "'" + store + "' is not one of [main, tmall, plaza]");
                }
            }
        }
        c.term("terms.ineligibleChannel", t.ineligibleChannel(), x -> x.severity());
        c.term("terms.foreignPromoCode", t.foreignPromoCode(), x -> x.severity());
        if (t.foreignPromoCode().severity().enabled()) {
            c.require("terms.foreignPromoCode.ownCodes", t.foreignPromoCode().ownCodes());
            try {
                Pattern.compile(t.foreignPromoCode().ownCodes());
            } catch (PatternSyntaxException e) {
                throw new PolicyException(file, "terms.foreignPromoCode.ownCodes",
                        "not a regular expression: " + e.getDescription());
            }
        }
        c.term("terms.notCompleted", t.notCompleted(), x -> x.severity());
        if (t.notCompleted().maxAfterPayment() != null) {
            c.positive("terms.notCompleted.maxAfterPayment", t.notCompleted().maxAfterPayment());
        }
        c.require("terms.notCompleted.refundWindow", t.notCompleted().refundWindow());
        if (t.notCompleted().refundWindow().isNegative()) {
            throw new PolicyException(file, "terms.notCompleted.refundWindow", "must not be negative");
        }
        c.term("terms.currencyNotEligible", t.currencyNotEligible(), x -> x.severity());
        if (t.currencyNotEligible().severity().enabled()) {
            c.require("terms.currencyNotEligible.accepted", t.currencyNotEligible().accepted());
            for (String cur : t.currencyNotEligible().accepted()) {
                c.currency("terms.currencyNotEligible.accepted", cur);
            }
        }
        c.term("terms.networkFraudFlag", t.networkFraudFlag(), x -> x.severity());
        c.term("terms.trackingBlocked", t.trackingBlocked(), x -> x.severity());
        c.term("terms.commissionCapped", t.commissionCapped(), x -> x.severity());
        if (t.commissionCapped().severity().enabled()) {
            BigDecimal rate = t.commissionCapped().rate();
            if (rate == null || rate.signum() <= 0 || rate.compareTo(BigDecimal.ONE) > 0) {
                throw new PolicyException(file, "terms.commissionCapped.rate", "must be in (0, 1], got " + rate);
            }
            c.money("terms.commissionCapped.maxCommission", t.commissionCapped().maxCommission());
        }
        c.term("terms.sessionInterrupted", t.sessionInterrupted(), x -> x.severity());
        if (t.sessionInterrupted().severity().enabled()) {
            c.require("terms.sessionInterrupted.until", t.sessionInterrupted().until());
            c.require("terms.sessionInterrupted.kinds", t.sessionInterrupted().kinds());
            if (t.sessionInterrupted().kinds().isEmpty()) {
                throw new PolicyException(file, "terms.sessionInterrupted.kinds", "must name at least one kind");
            }
        }
        c.term("terms.serviceFeeExcluded", t.serviceFeeExcluded(), x -> x.severity());
        if (t.serviceFeeExcluded().severity().enabled()) {
            c.require("terms.serviceFeeExcluded.buyerCountries", t.serviceFeeExcluded().buyerCountries());
            c.countries("terms.serviceFeeExcluded.buyerCountries", t.serviceFeeExcluded().buyerCountries());
        }
        c.term("terms.sanctionedOrigin", t.sanctionedOrigin(), x -> x.severity());
        List<ProgramPolicy.RestrictedCountry> restricted = t.sanctionedOrigin().restricted();
        if (restricted != null) {
            for (int i = 0; i < restricted.size(); i++) {
                c.country("terms.sanctionedOrigin.restricted[" + i + "].country", restricted.get(i).country());
            }
        }
        c.require("detectors", p.detectors());
        for (String code : DETECTOR_CODES) {
            c.require("detectors." + code, p.detectors().get(code));
        }
        for (String code : p.detectors().keySet()) {
            if (!DETECTOR_CODES.contains(code)) {
                throw new PolicyException(file, "detectors." + code, "not a detector reason code (one of "
                        + String.join(", ", DETECTOR_CODES) + ")");
            }
        }
        c.require("appHandoff", p.appHandoff());
    }

    /** Field checks that name the file and field on failure. */
    record Checks(String file) {
        void require(String field, Object value) {
            if (value == null) {
                throw new PolicyException(file, field, "is required");
            }
        }

        <T> void term(String field, T term, java.util.function.Function<T, Severity> severity) {
            require(field, term);
            require(field + ".severity", severity.apply(term));
        }

        void atLeast(String field, int value, int min) {
            if (value < min) {
                throw new PolicyException(file, field, "must be at least " + min + ", got " + value);
            }
        }

        void positive(String field, Duration d) {
            require(field, d);
            if (d.isNegative() || d.isZero()) {
                throw new PolicyException(file, field, "must be a positive duration, got " + d);
            }
        }

        void country(String field, String code) {
            require(field, code);
            if (!COUNTRY.matcher(code).matches()) {
                throw new PolicyException(file, field, "'" + code + "' is not an upper-case ISO 3166-1 alpha-2 code");
            }
        }

        void countries(String field, List<String> codes) {
            if (codes != null) {
                codes.forEach(code -> country(field, code));
            }
        }

        void currency(String field, String code) {
            if (code == null || !CURRENCY.matcher(code).matches()) {
                throw new PolicyException(file, field, "'" + code + "' is not an ISO 4217 currency code");
            }
        }

        void money(String field, Money m) {
            require(field, m);
            require(field + ".value", m.value());
            currency(field + ".currency", m.currency());
            if (m.value().signum() <= 0) {
                throw new PolicyException(file, field + ".value", "must be positive, got " + m.value());
            }
        }

        void zone(String field, String zone) {
            require(field, zone);
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw new PolicyException(file, field, "'" + zone + "' is not a time zone id");
            }
        }
    }

    private static String idFromFileName(String name) {
        return name.substring(0, name.length() - ".yaml".length());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PolicyException(p.toString(), null, "cannot read: " + e.getMessage());
        }
    }

    private static String readResource(String name) {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new PolicyException("classpath:" + name, null, "not found");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String canonical(JsonNode node) {
        try {
            return canonicalJson.writeValueAsString(canonicalJson.treeToValue(node, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
