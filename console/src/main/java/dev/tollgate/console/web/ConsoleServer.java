package dev.tollgate.console.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.console.auth.LoginThrottle;
import dev.tollgate.console.auth.Role;
import dev.tollgate.console.auth.Tokens;
import dev.tollgate.console.auth.UserDirectory;
import dev.tollgate.console.ingest.KafkaIngest;
import dev.tollgate.console.store.ConsoleStore;
import dev.tollgate.console.store.DecisionRow;
import dev.tollgate.console.store.QueueFilter;
import dev.tollgate.console.store.QueuePage;
import dev.tollgate.console.store.VerdictRow;
import dev.tollgate.detectors.rules.ReasonCode;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.SameSite;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The analysts' web console: login, the held-order queue, an order's evidence and history, decisions, reopening,
 * the label export and the audit log. Pages are server-side templates (jte, compiled at build time, HTML-escaped);
 * everything is served from the jar.
 *
 * <p>Security: sessions are random 256-bit cookies ({@code HttpOnly}, {@code SameSite=Strict}, {@code Secure} behind
 * TLS) stored as their SHA-256; every POST carries the session's CSRF token (the login form a pre-session one);
 * failed logins are rate limited per user and per address; each decision, reopening, evidence view and login is in
 * the audit log; a strict Content-Security-Policy allows only the console's own script and style.
 */
public final class ConsoleServer implements AutoCloseable {
    public static final String SESSION_COOKIE = "tollgate_session";
    public static final String LOGIN_COOKIE = "tollgate_login";
    public static final int PAGE_SIZE = 25;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final List<String> CODES = Arrays.stream(ReasonCode.values()).map(Enum::name).toList();

    /** How the console runs. */
    public record Settings(String host, int port, Duration sessionLength, boolean secureCookies, int maxLoginFailures,
                           Duration loginWindow) {
        public static Settings defaults(int port) {
            return new Settings("127.0.0.1", port, Duration.ofHours(8), false, 5, Duration.ofMinutes(15));
        }
    }

    private final Settings settings;
    private final ConsoleStore store;
    private final UserDirectory users;
    private final DecisionDesk desk;
    private final KafkaIngest ingest;
    private final LoginThrottle throttle;
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final Clock clock;
    private Javalin app;

    public ConsoleServer(Settings settings, ConsoleStore store, UserDirectory users, DecisionDesk desk,
                         KafkaIngest ingest, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.users = users;
        this.desk = desk;
        this.ingest = ingest;
        this.clock = clock;
        this.throttle = new LoginThrottle(settings.maxLoginFailures(), settings.loginWindow());
    }

    /** Starts serving; returns the port (the given one, or the one picked for port 0). */
    public int start() {
        app = Javalin.create(config -> {
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.startup.showJavalinBanner = false;
            config.routes.before(this::guard);
            config.routes.get("/", ctx -> ctx.redirect("/queue"));
            config.routes.get("/login", this::loginPage);
            config.routes.post("/login", this::login);
            config.routes.post("/logout", this::logout);
            config.routes.get("/queue", this::queue);
            config.routes.get("/order", this::order);
            config.routes.get("/order/state", this::orderState);
            config.routes.post("/order/decision", this::decide);
            config.routes.post("/order/reopen", this::reopen);
            config.routes.get("/labels.jsonl", this::exportLabels);
            config.routes.get("/audit", this::auditLog);
            config.routes.get("/health", this::health);
            config.routes.get("/favicon.ico", ctx -> ctx.status(204));
            config.routes.get("/assets/{name}", this::asset);
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            config.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        }).start();
        return app.port();
    }

    // ------------------------------------------------------------------------------------------------ guard

    private static final Set<String> OPEN = Set.of("/login", "/health", "/favicon.ico");

    /** Security headers on everything; a session for everything but login, health and assets; CSRF on POSTs. */
    private void guard(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
        String path = ctx.path();
        if (OPEN.contains(path) || path.startsWith("/assets/")) {
            return;
        }
        ConsoleStore.LoginSession s = session(ctx);
        UserDirectory.User user = s == null ? null : users.user(s.username());
        if (user == null) {
            if (ctx.method() == HandlerType.GET) {
                ctx.redirect("/login");
                ctx.skipRemainingHandlers();
                return;
            }
            throw new HttpResponseException(401, "not logged in", Map.of());
        }
        PageInfo page = new PageInfo(user.name(), user.roleValue(), s.csrf());
        ctx.attribute("page", page);
        if (ctx.method() == HandlerType.POST && !Tokens.same(ctx.formParam("_csrf"), s.csrf())) {
            store.audit(user.name(), "csrf-refused", null, ctx.method() + " " + path, ctx.ip());
            throw new HttpResponseException(403, "the form's security token is missing or stale: reload the page",
                    Map.of());
        }
    }

    private ConsoleStore.LoginSession session(Context ctx) {
        String token = ctx.cookie(SESSION_COOKIE);
        return token == null ? null : store.session(Tokens.digest(token), clock.instant()).orElse(null);
    }

    private static PageInfo page(Context ctx) {
        return ctx.attribute("page");
    }

    private static void require(Context ctx, Role role) {
        if (!page(ctx).role().includes(role)) {
            throw new HttpResponseException(403, "this needs the " + role.label() + " role", Map.of());
        }
    }

    // ------------------------------------------------------------------------------------------------ login

    private void loginPage(Context ctx) {
        // the same token while its cookie lives: a second tab, or a request the browser makes on its own, must not
        // invalidate a form already shown
        String existing = ctx.cookie(LOGIN_COOKIE);
        String token = existing != null && existing.matches("[A-Za-z0-9_-]{43}") ? existing : Tokens.random();
        ctx.cookie(cookie(LOGIN_COOKIE, token, 600));
        render(ctx, 200, "login.jte", Map.of("token", token, "error", "", "name", ""));
    }

    private void login(Context ctx) {
        String name = String.valueOf(ctx.formParam("username")).strip();
        String password = ctx.formParam("password");
        String address = ctx.ip();
        if (!Tokens.same(ctx.formParam("_login"), ctx.cookie(LOGIN_COOKIE))) {
            throw new HttpResponseException(403, "the login form's security token is missing or stale: reload the "
                    + "page", Map.of());
        }
        String token = Tokens.random();
        ctx.cookie(cookie(LOGIN_COOKIE, token, 600));
        if (!throttle.allowed(name, address)) {
            store.audit(name, "login-throttled", null, null, address);
            render(ctx, 429, "login.jte", Map.of("token", token, "name", name,
                    "error", "Too many failed logins: try again in " + settings.loginWindow().toMinutes() + " minutes."));
            return;
        }
        UserDirectory.User user = users.authenticate(name, password);
        if (user == null) {
            throttle.failed(name, address);
            store.audit(name, "login-failed", null, null, address);
            render(ctx, 401, "login.jte", Map.of("token", token, "name", name,
                    "error", "Wrong user name or password."));
            return;
        }
        String session = Tokens.random();
        store.putSession(Tokens.digest(session), new ConsoleStore.LoginSession(user.name(), Tokens.random(),
                clock.instant().plus(settings.sessionLength())));
        store.audit(user.name(), "login", null, null, address);
        ctx.cookie(cookie(SESSION_COOKIE, session, (int) settings.sessionLength().toSeconds()));
        ctx.removeCookie(LOGIN_COOKIE, "/");
        ctx.redirect("/queue");
    }

    private void logout(Context ctx) {
        String token = ctx.cookie(SESSION_COOKIE);
        if (token != null) {
            store.deleteSession(Tokens.digest(token));
        }
        store.audit(page(ctx).user(), "logout", null, null, ctx.ip());
        ctx.removeCookie(SESSION_COOKIE, "/");
        ctx.redirect("/login");
    }

    private Cookie cookie(String name, String value, int maxAge) {
        return new Cookie(name, value, "/", maxAge, settings.secureCookies(), true, null, SameSite.STRICT);
    }

    // ------------------------------------------------------------------------------------------------ queue

    private void queue(Context ctx) {
        QueueFilter f = new QueueFilter(ctx.queryParam("status"), ctx.queryParam("program"),
                ctx.queryParam("reason"), ctx.queryParam("publisher"), day(ctx.queryParam("from"), 0),
                day(ctx.queryParam("to"), 1), ctx.queryParam("sort"));
        int pageNo = Math.max(0, parseInt(ctx.queryParam("page"), 1) - 1);
        QueuePage q = store.queue(f, pageNo, PAGE_SIZE);
        Map<String, Object> m = new HashMap<>();
        m.put("filter", f);
        m.put("q", q);
        m.put("programs", store.programs());
        m.put("publishers", store.publishers());
        m.put("codes", CODES);
        m.put("from", java.util.Objects.requireNonNullElse(ctx.queryParam("from"), ""));
        m.put("to", java.util.Objects.requireNonNullElse(ctx.queryParam("to"), ""));
        m.put("link", new QueueLinks(ctx.queryParamMap()));
        render(ctx, 200, "queue.jte", m);
    }

    /** A day {@code yyyy-MM-dd} as the instant it starts ({@code plusDays} 1: the end of that day), or null. */
    private static Instant day(String s, int plusDays) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s.strip()).plusDays(plusDays).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + s + "' is not a date (yyyy-mm-dd)");
        }
    }

    private static int parseInt(String s, int orElse) {
        try {
            return s == null ? orElse : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return orElse;
        }
    }

    // ------------------------------------------------------------------------------------------------ an order

    private void order(Context ctx) {
        String id = requiredOrderId(ctx.queryParam("id"));
        OrderView view = orderView(id, ctx.queryParam("notice"));
        if (view.versions().isEmpty()) {
            throw new HttpResponseException(404, "no verdict for order " + id + " has been read", Map.of());
        }
        store.audit(page(ctx).user(), "view", id, null, ctx.ip());
        render(ctx, 200, "order.jte", Map.of("view", view));
    }

    private OrderView orderView(String id, String notice) {
        List<OrderView.Version> versions = new ArrayList<>();
        for (VerdictRow v : store.history(id)) {
            versions.add(new OrderView.Version(v, ReasonText.reasons(v.reasons())));
        }
        Collections.reverse(versions);
        return new OrderView(id, versions, store.facts(id).orElse(null), store.timeline(id),
                store.related(id, true, 10), store.related(id, false, 10), store.decisionsOf(id), Tokens.random(),
                notice);
    }

    /** The newest verdict of an order as JSON: the order page polls it while a decision is on its way. */
    private void orderState(Context ctx) {
        VerdictRow v = newest(requiredOrderId(ctx.queryParam("id")));
        ObjectNode n = JSON.createObjectNode();
        if (v != null) {
            n.put("version", v.version());
            n.put("decision", v.decision());
            n.put("final", v.fin());
            n.put("decidedBy", v.decidedBy());
        }
        ctx.contentType("application/json").result(n.toString());
    }

    private void decide(Context ctx) {
        require(ctx, Role.ANALYST);
        String id = requiredOrderId(ctx.formParam("orderId"));
        String decision = ctx.formParam("decision");
        if (!"CREDIT".equals(decision) && !"EXCLUDE".equals(decision)) {
            throw new IllegalArgumentException("decision must be CREDIT or EXCLUDE");
        }
        String note = ctx.formParam("note") == null ? "" : ctx.formParam("note").strip();
        if (note.isEmpty()) {
            redirectToOrder(ctx, id, "A decision needs a note saying why.");
            return;
        }
        if (note.length() > 2000) {
            throw new IllegalArgumentException("the note is longer than 2000 characters");
        }
        String key = ctx.formParam("key");
        if (key == null || !key.matches("[A-Za-z0-9_-]{20,64}")) {
            throw new IllegalArgumentException("the form has no valid one-time key: reload the page");
        }
        VerdictRow newest = newest(id);
        if (newest == null) {
            throw new HttpResponseException(404, "no verdict for order " + id + " has been read", Map.of());
        }
        boolean decidable = OrderView.decidable(newest, store.facts(id).orElse(null));
        boolean reversal = "true".equals(ctx.formParam("reversal"));
        PageInfo page = page(ctx);
        if (!decidable && !reversal) {
            store.audit(page.user(), "decision-refused", id, "order is final; a reversal is needed", ctx.ip());
            redirectToOrder(ctx, id, "This order is final: it changes only through an explicit reversal by a lead.");
            return;
        }
        if (reversal) {
            require(ctx, Role.LEAD);
            if (decidable) {
                throw new IllegalArgumentException("this order is not final; decide it instead of reversing it");
            }
            if (!"yes".equals(ctx.formParam("confirm"))) {
                redirectToOrder(ctx, id, "Tick the box to confirm the reversal of a final verdict.");
                return;
            }
        }
        DecisionDesk.Outcome out = desk.decide(key, id, decision, page.user(), note, reversal);
        DecisionRow d = out.decision();
        if (!out.repeated()) {
            store.audit(page.user(), reversal ? "reversal" : "decision", id, d.decision() + ": " + d.note(), ctx.ip());
        }
        redirectToOrder(ctx, id, out.repeated() ? "This decision was already sent; it was not sent again."
                : (reversal ? "Reversal" : "Decision") + " " + d.decision() + " sent, signed as " + page.user()
                        + ". Waiting for the final verdict.");
    }

    private void reopen(Context ctx) {
        require(ctx, Role.ANALYST);
        String id = requiredOrderId(ctx.formParam("orderId"));
        VerdictRow newest = newest(id);
        if (newest == null || !"EXCLUDE".equals(newest.decision())) {
            throw new IllegalArgumentException("only an excluded order is reopened");
        }
        if (newest.fin()) {
            require(ctx, Role.LEAD); // reopening a final verdict is the first step of changing it
        }
        boolean reopened = store.reopen(id, page(ctx).user(), clock.instant());
        if (reopened) {
            store.audit(page(ctx).user(), "reopen", id, null, ctx.ip());
        }
        redirectToOrder(ctx, id, reopened ? "Reopened: the order is back in the queue." : "Already reopened.");
    }

    /** The newest verdict read for an order, or {@code null}. */
    private VerdictRow newest(String orderId) {
        List<VerdictRow> h = store.history(orderId);
        return h.isEmpty() ? null : h.get(h.size() - 1);
    }

    private static void redirectToOrder(Context ctx, String id, String notice) {
        ctx.redirect("/order?id=" + QueueLinks.encode(id) + "&notice=" + QueueLinks.encode(notice));
    }

    private static String requiredOrderId(String id) {
        if (id == null || id.isBlank() || id.length() > 200) {
            throw new IllegalArgumentException("no order id given");
        }
        return id;
    }

    // ------------------------------------------------------------------------------------------------ the rest

    private void exportLabels(Context ctx) throws IOException {
        require(ctx, Role.ANALYST);
        store.audit(page(ctx).user(), "export-labels", null, null, ctx.ip());
        ctx.contentType("application/x-ndjson; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"analyst-labels.jsonl\"");
        try (Writer w = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8)) {
            store.exportLabels(w, LabelExport::label);
        }
    }

    private void auditLog(Context ctx) {
        require(ctx, Role.LEAD);
        String order = ctx.queryParam("order");
        render(ctx, 200, "audit.jte", Map.of("rows", store.auditLog(order == null || order.isBlank() ? null : order,
                500), "order", order == null ? "" : order));
    }

    private void health(Context ctx) {
        ObjectNode n = JSON.createObjectNode();
        n.put("ingesting", ingest.failure() == null);
        n.put("verdictsRead", ingest.verdictsRead());
        n.put("eventsRead", ingest.eventsRead());
        if (ingest.failure() != null) {
            n.put("error", ingest.failure().getMessage());
        }
        ctx.status(ingest.failure() == null ? 200 : 503).contentType("application/json").result(n.toString());
    }

    private static final Map<String, String> ASSETS = Map.of("console.css", "text/css; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8");

    private void asset(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        String type = ASSETS.get(name);
        if (type == null) {
            throw new HttpResponseException(404, "no such asset", Map.of());
        }
        try (InputStream in = ConsoleServer.class.getResourceAsStream("/console/" + name)) {
            ctx.header("Cache-Control", "max-age=3600");
            ctx.contentType(type).result(in.readAllBytes());
        }
    }

    private void error(Context ctx, int status, String message) {
        render(ctx, status, "error.jte", Map.of("status", status, "message", message == null ? "" : message));
    }

    /** Renders a template with {@code params} and the page's viewer ({@link PageInfo#ANONYMOUS} before login). */
    private void render(Context ctx, int status, String template, Map<String, Object> params) {
        Map<String, Object> all = new HashMap<>(params);
        PageInfo page = ctx.attribute("page");
        all.put("page", page == null ? PageInfo.ANONYMOUS : page);
        StringOutput out = new StringOutput();
        templates.render(template, all, out);
        ctx.status(status).html(out.toString());
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
    }
}
