package dev.tollgate.detectors.fraud;

import dev.tollgate.detectors.model.Channel;
import dev.tollgate.detectors.model.ClickSignal;
import dev.tollgate.detectors.model.ClickSignal.PriorClick;
import dev.tollgate.detectors.model.Placement;
import dev.tollgate.detectors.model.SessionEvent;
import dev.tollgate.detectors.model.SessionKind;
import dev.tollgate.detectors.policy.Settings;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.rules.Finding;
import dev.tollgate.detectors.rules.VerdictEngine;
import dev.tollgate.detectors.signing.EvidenceKey;
import dev.tollgate.detectors.testing.Cases;
import dev.tollgate.detectors.testing.Clicks;
import dev.tollgate.detectors.verdict.Assessment;
import dev.tollgate.detectors.verdict.Decision;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.tollgate.detectors.testing.Clicks.click;
import static dev.tollgate.detectors.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

/** Each detector against the traffic it must catch and the honest look-alikes it must leave alone. */
class FraudDetectorsTest {
    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
            + "Gecko) Chrome/131.0.0.0 Safari/537.36";
    private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

    private static Assessment assess(Clicks c) {
        return Cases.of(order("o1").at("2026-11-20T11:00:00Z").build()).with(c.at("2026-11-20T10:00:00Z").build())
                .assess();
    }

    private static List<String> codes(Assessment a) {
        return a.findings().stream().map(f -> f.code().name()).toList();
    }

    private static Finding only(Assessment a) {
        assertThat(a.findings()).hasSize(1);
        return a.findings().get(0);
    }

    @Test
    void anOrdinaryClickAndOrderRaiseNothing() {
        Assessment a = assess(click("c1").userAgent(CHROME));
        assertThat(a.findings()).isEmpty();
        assertThat(a.decision()).isEqualTo(Decision.CREDIT);
    }

    @Nested
    class CookieStuffing {
        @Test
        void flagsAnIframeOrAOnePixelClick() {
            assertThat(only(assess(click("c1").placement(Placement.IFRAME))).detector())
                    .isEqualTo(CookieStuffingDetector.DETECTOR);
            assertThat(codes(assess(click("c1").viewport(1, 1)))).containsExactly("COOKIE_STUFFING");
            assertThat(codes(assess(click("c1").viewport(0, 600)))).containsExactly("COOKIE_STUFFING");
        }

        @Test
        void aMissingInteractionCountOrViewportAloneIsNotStuffing() {
            assertThat(codes(assess(click("c1").interactions(null).viewport(null, null)))).isEmpty();
            assertThat(codes(assess(click("c1").interactions(0).viewport(360, 640)))).isEmpty();
        }
    }

    @Nested
    class Popup {
        @Test
        void flagsPopupPlacementAndPopunderReferrersWithoutInteraction() {
            assertThat(codes(assess(click("c1").placement(Placement.POPUP)))).containsExactly("POPUP_TRAFFIC");
            assertThat(only(assess(click("c1").referrer("https://serve.popads.net/c?id=9").interactions(0)))
                    .evidence()).contains("popads");
        }

        /**
         * REASON-CODES.md: "the referrer is a pop-under ad network", with no condition on interactions; seed 003:
         * "Pop-ups ... are strictly forbidden".
         */
        @Test
        void aPopunderReferrerIsPopupTrafficEvenWhenTheVisitorInteracted() {
            assertThat(only(assess(click("c1").referrer("https://serve.popads.net/c?id=9").interactions(5)))
                    .evidence()).contains("popads").contains("\"interactions\":5");
            assertThat(codes(assess(click("c1").referrer("https://cdn.propellerads.com/x").interactions(12))))
                    .containsExactly("POPUP_TRAFFIC");
        }

        @Test
        void otherReferrersAreNotPopupTraffic() {
            assertThat(codes(assess(click("c1").referrer("https://www.google.com/search?q=earbuds").interactions(0))))
                    .isEmpty();
            assertThat(codes(assess(click("c1").referrer("https://blog.example.org/popular-deals").interactions(0))))
                    .isEmpty();
        }
    }

    @Nested
    class Bot {
        @Test
        void flagsCrawlerHttpLibraryAndHeadlessAgents() {
            for (String ua : List.of("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                    "python-requests/2.31.0", "curl/8.4.0",
                    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 "
                            + "Safari/537.36")) {
                assertThat(codes(assess(click("c1").userAgent(ua)))).as(ua).containsExactly("BOT_TRAFFIC");
            }
        }

        @Test
        void everydayBrowsersAreNotBots() {
            for (String ua : List.of(CHROME, IPHONE, "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 "
                            + "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
                    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                            + "Version/17.4 Safari/605.1.15")) {
                assertThat(codes(assess(click("c1").userAgent(ua)))).as(ua).isEmpty();
            }
        }

        @Test
        void flagsABotAgentOnTheOrder() {
            var a = Cases.of(order("o1").userAgent("Go-http-client/1.1").build()).with(click("c1").build()).assess();
            assertThat(only(a).evidence()).contains("\"seenOn\":\"order\"");
        }

        @Test
        void anAppOrderSentThroughAnHttpLibraryIsNoBot() {
            var a = Cases.of(order("o1").channel(Channel.APP).userAgent("okhttp/4.9.0").build())
                    .with(click("c1").program("aliexpress-megabonus").build()).assess();
            var app = Cases.of(order("o1").program("aliexpress-megabonus").channel(Channel.APP)
                    .userAgent("okhttp/4.9.0").build())
                    .with(click("c1").program("aliexpress-megabonus").build()).assess();
            assertThat(codes(app)).isEmpty();
            assertThat(codes(a)).doesNotContain("BOT_TRAFFIC");
        }

        @Test
        void neverPutsARawIpIntoEvidence() {
            var trail = new ClickSignal("c1", "ip:abc", 0, List.of(new ClickSignal.TrailFinding("BOT_TRAFFIC",
                    "bot.velocity", "{\"clicks\":40}")), List.of());
            var a = Cases.of(order("o1").build()).with(click("c1").ip("203.0.113.7").build()).signal(trail).assess();
            assertThat(a.findings()).extracting(Finding::evidence).noneMatch(e -> e.contains("203.0.113.7"));
            assertThat(codes(a)).containsExactly("BOT_TRAFFIC");
        }

        @Test
        void aDataCentreIpShowsOnlyItsHashUnderTheConfiguredKey() {
            EvidenceKey key = EvidenceKey.of("k".repeat(40));
            EvidenceKey other = EvidenceKey.of("o".repeat(40));
            var order = Cases.of(order("o1").build()).with(click("c1").ip("203.0.113.7").build()).build();
            String evidence = only(new VerdictEngine(dataCentres(key)).assess(order)).evidence();
            assertThat(evidence).contains("\"ipHash\":\"" + key.hash("203.0.113.7") + "\"")
                    .contains("\"range\":\"203.0.113.0/24\"").doesNotContain("203.0.113.7");
            assertThat(only(new VerdictEngine(dataCentres(other)).assess(order)).evidence())
                    .as("the hash depends on the key: without it nobody can recompute it from a guessed address")
                    .doesNotContain(key.hash("203.0.113.7")).contains(other.hash("203.0.113.7"));
        }

        private static TollgateConfig dataCentres(EvidenceKey key) {
            Settings s = Cases.CONFIG.settings();
            DetectorSettings d = s.detectors();
            DetectorSettings.Bot b = d.bot();
            DetectorSettings.Bot bot = new DetectorSettings.Bot(b.velocityWindow(), b.maxClicksPerIp(),
                    b.maxClicksPerDevice(), b.maxClicksPerUser(), b.regularityMinClicks(), b.regularityMaxCv(),
                    b.regularityMaxMeanInterval(), b.accountsWindow(), b.maxAccountsPerDevice(),
                    List.of("203.0.113.0/24"), b.dataCentreFile());
            return Cases.CONFIG.withSettings(new Settings(s.version(), s.time(), s.sanctions(), s.feeds(),
                    s.maxRecordBytes(), s.usdRates(), new DetectorSettings(d.cookieStuffing(), d.clickHijack(),
                    d.popup(), bot, d.deviceSwitch(), d.brandBidding(), d.geo()))).withEvidenceKey(key);
        }
    }

    @Nested
    class DeviceSwitch {
        @Test
        void flagsAnOrderPlacedOnAnotherDevice() {
            var a = Cases.of(order("o1").device("d2").build()).with(click("c1").device("d1").build()).assess();
            assertThat(codes(a)).containsExactly("DEVICE_SWITCH");
            assertThat(a.decision()).as("portals holds a device switch for review").isEqualTo(Decision.REVIEW);
        }

        @Test
        void megabonusExcludesPaymentOnAnotherDevice() {
            var c = click("c1").program("aliexpress-megabonus").device("d1").build();
            var a = Cases.of(order("o1").program("aliexpress-megabonus").build()).with(c)
                    .session(new SessionEvent("s1", c.ts() + 60_000, "c1", SessionKind.PAYMENT_ON_OTHER_DEVICE, null))
                    .assess();
            assertThat(codes(a)).containsExactly("DEVICE_SWITCH");
            assertThat(a.decision()).isEqualTo(Decision.EXCLUDE);
        }

        @Test
        void flagsAwinClickAndTransactionDevicesThatDiffer() {
            var c = click("c1").program("alibaba-awin").device(null).build();
            var switched = Cases.of(order("o1").program("alibaba-awin").device(null).awinDevices("Windows", "iPhone")
                    .build()).with(c).assess();
            var same = Cases.of(order("o1").program("alibaba-awin").device(null).awinDevices("iPhone", "iPhone")
                    .build()).with(c).assess();
            var unknown = Cases.of(order("o1").program("alibaba-awin").device(null).awinDevices("Unknown", "iPhone")
                    .build()).with(c).assess();
            assertThat(codes(switched)).containsExactly("DEVICE_SWITCH");
            assertThat(codes(same)).isEmpty();
            assertThat(codes(unknown)).isEmpty();
        }

        @Test
        void theAliexpressAppMayOpenAfterActivationOnMegabonusButNotOnPortals() {
            var mega = Cases.of(order("o1").program("aliexpress-megabonus").channel(Channel.APP).build())
                    .with(click("c1").program("aliexpress-megabonus").userAgent(IPHONE).build()).assess();
            var portals = Cases.of(order("o1").channel(Channel.APP).build()).with(click("c1").userAgent(IPHONE)
                    .build()).assess();
            assertThat(codes(mega)).isEmpty();
            assertThat(codes(portals)).containsExactly("DEVICE_SWITCH");
        }

        @Test
        void shoppingOnOnePhoneThroughoutIsNotASwitch() {
            var a = Cases.of(order("o1").device("phone-1").build())
                    .with(click("c1").device("phone-1").userAgent(IPHONE).build()).assess();
            assertThat(codes(a)).isEmpty();
        }
    }

    @Nested
    class BrandBidding {
        private Assessment paid(String program, String keyword) {
            return Cases.of(order("o1").program(program).build()).with(click("c1").program(program)
                    .referrer("https://www.googleadservices.com/pagead/aclk?sa=L&ai=x")
                    .landing("https://www.aliexpress.com/?gclid=EAIaIQ&utm_term=" + keyword.replace(" ", "+"))
                    .build()).assess();
        }

        @Test
        void flagsBrandKeywordsAndTheirMisspellingsOnPaidSearch() {
            for (String kw : List.of("aliexpress", "AliExpress coupon", "ali express", "aliexpres", "alliexpress",
                    "ailexpress", "ali-express.com")) {
                assertThat(codes(paid("aliexpress-portals", kw))).as(kw).containsExactly("BRAND_BIDDING");
            }
            assertThat(codes(paid("alibaba-awin", "alibaba.com wholesale"))).containsExactly("BRAND_BIDDING");
        }

        @Test
        void genericPaidKeywordsAndOrganicBrandSearchesAreAllowed() {
            assertThat(codes(paid("aliexpress-portals", "wireless earbuds"))).isEmpty();
            assertThat(codes(paid("aliexpress-portals", "express delivery"))).isEmpty();
            var organic = Cases.of(order("o1").build()).with(click("c1")
                    .referrer("https://www.google.com/search?q=aliexpress").build()).assess();
            assertThat(codes(organic)).isEmpty();
        }

        @Test
        void readsTheKeywordFromTheContractFieldAndBingClickIds() {
            var a = Cases.of(order("o1").build()).with(click("c1").keyword("aliexpress app")
                    .landing("https://www.aliexpress.com/?msclkid=abc").build()).assess();
            assertThat(only(a).evidence()).contains("msclkid");
        }
    }

    @Nested
    class ClickHijack {
        private final long clickTs = Instant.parse("2026-11-20T10:55:00Z").toEpochMilli();

        private Assessment withPrior(String publisher, String priorAt, String orderAt) {
            var prior = new PriorClick("c0", Instant.parse(priorAt).toEpochMilli(), "aliexpress-portals", publisher);
            var signal = new ClickSignal("c1", "user:u1", clickTs, List.of(), List.of(prior));
            return Cases.of(order("o1").at(orderAt).build())
                    .with(click("c1").publisher("pub-hijacker").at("2026-11-20T10:55:00Z").build())
                    .signal(signal).assess();
        }

        @Test
        void flagsAnOverwriteOfAnotherPublishersLiveClickJustBeforeTheOrder() {
            var a = withPrior("pub-honest", "2026-11-20T09:00:00Z", "2026-11-20T11:00:00Z");
            assertThat(only(a).evidence()).contains("pub-honest");
            assertThat(a.decision()).isEqualTo(Decision.EXCLUDE);
        }

        @Test
        void leavesTheLastClickAloneWhenItCameWellBeforeTheOrderOrFromTheSamePublisher() {
            assertThat(codes(withPrior("pub-honest", "2026-11-20T09:00:00Z", "2026-11-20T11:30:00Z"))).isEmpty();
            assertThat(codes(withPrior("pub-hijacker", "2026-11-20T09:00:00Z", "2026-11-20T11:00:00Z"))).isEmpty();
            assertThat(codes(withPrior("pub-honest", "2026-11-10T09:00:00Z", "2026-11-20T11:00:00Z")))
                    .as("earlier click outside the 3-day window").isEmpty();
        }

        @Test
        void flagsACartThatWasNotEmptyAndAForeignAffiliateLinkInTheSession() {
            assertThat(codes(assess(click("c1").cart(3)))).containsExactly("CLICK_HIJACK");
            var c = click("c1").build();
            var a = Cases.of(order("o1").build()).with(c)
                    .session(new SessionEvent("s1", c.ts() + 5_000, "c1", SessionKind.OTHER_AFFILIATE_LINK, null))
                    .assess();
            assertThat(codes(a)).containsExactly("CLICK_HIJACK");
        }

        @Test
        void anUnknownCartIsNotAFullCart() {
            assertThat(codes(assess(click("c1").cart(null)))).isEmpty();
        }
    }

    @Nested
    class SanctionedOriginByIp {
        @Test
        void looksUpTheCountryOfAnIpWithoutIpCountry() {
            var a = Cases.of(order("o1").shipTo("NO").build())
                    .with(click("c1").ipCountry(null).ip("2.144.0.10").build()).assess();
            assertThat(codes(a)).containsExactly("SANCTIONED_ORIGIN");
            assertThat(a.findings().get(0).evidence()).contains("\"click_ip\":\"IR\"").doesNotContain("2.144.0.10");
        }
    }
}
