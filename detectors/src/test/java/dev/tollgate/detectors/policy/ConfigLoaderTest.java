package dev.tollgate.detectors.policy;

import dev.tollgate.detectors.policy.ProgramPolicy.AttributionWindow.Anchor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    private static final Path REPO_CONFIG = Path.of("..", "config");

    @Test
    void bundlesOnePolicyPerProgramOfProgramsMd() {
        TollgateConfig config = new ConfigLoader().loadBundled();
        assertThat(config.programIds()).containsExactlyInAnyOrder("alibaba-cashback-us", "alibaba-awin",
                "aliexpress-portals", "aliexpress-bestprice", "aliexpress-megabonus");
        assertThat(config.policyVersion("aliexpress-portals")).matches("aliexpress-portals@[^#]+#[0-9a-f]{8}");
    }

    @Test
    void theBundledIndexListsExactlyTheRepositoryPolicyFiles() throws IOException {
        List<String> index = Files.readAllLines(REPO_CONFIG.resolve("programs/programs.list")).stream()
                .map(String::trim).filter(s -> !s.isEmpty() && !s.startsWith("#")).sorted().toList();
        try (Stream<Path> files = Files.list(REPO_CONFIG.resolve("programs"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted())
                    .containsExactlyElementsOf(index);
        }
        assertThat(new ConfigLoader().load(REPO_CONFIG).policyVersions())
                .isEqualTo(new ConfigLoader().loadBundled().policyVersions());
    }

    @Test
    void aChildProgramInheritsAndOverridesItsParent() {
        TollgateConfig config = new ConfigLoader().loadBundled();
        ProgramPolicy mega = config.program("aliexpress-megabonus");
        assertThat(mega.terms().attributionWindow().window()).isEqualTo(Duration.ofHours(2));
        assertThat(mega.terms().attributionWindow().anchor()).isEqualTo(Anchor.PAID);
        assertThat(mega.terms().currencyNotEligible().accepted()).containsExactly("USD");
        assertThat(mega.terms().ineligibleItems().requireAffiliate()).isTrue();
        assertThat(mega.terms().ineligibleItems().excludedStores()).containsExactly("tmall", "plaza");
        assertThat(mega.brandTerms()).containsExactly("aliexpress", "ali express");
        assertThat(config.program("aliexpress-bestprice").terms().attributionWindow().window())
                .isEqualTo(Duration.ofDays(3));
    }

    @Test
    void anyEditChangesThePolicyVersion(@TempDir Path dir) throws IOException {
        copyConfig(dir);
        String before = new ConfigLoader().load(dir).policyVersion("alibaba-awin");
        Path awin = dir.resolve("programs/alibaba-awin.yaml");
        Files.writeString(awin, Files.readString(awin).replace("window: P30D", "window: P31D"));
        assertThat(new ConfigLoader().load(dir).policyVersion("alibaba-awin")).isNotEqualTo(before);
    }

    @Test
    void rejectsABadDurationNamingFileAndField(@TempDir Path dir) throws IOException {
        copyConfig(dir);
        edit(dir, "aliexpress-portals", "window: P3D", "window: three days");
        assertThatThrownBy(() -> new ConfigLoader().load(dir))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("aliexpress-portals.yaml")
                .hasMessageContaining("terms.attributionWindow.window");
    }

    @Test
    void rejectsAnUnknownField(@TempDir Path dir) throws IOException {
        copyConfig(dir);
        edit(dir, "alibaba-awin", "    inclusive: false", "    inclusive: false\n    inclusiv: true");
        assertThatThrownBy(() -> new ConfigLoader().load(dir))
                .hasMessageContaining("alibaba-awin.yaml").hasMessageContaining("unknown field 'inclusiv'");
    }

    @Test
    void rejectsAnUnknownSeverity(@TempDir Path dir) throws IOException {
        copyConfig(dir);
        edit(dir, "aliexpress-bestprice", "severity: exclude", "severity: block");
        assertThatThrownBy(() -> new ConfigLoader().load(dir))
                .hasMessageContaining("aliexpress-bestprice.yaml").hasMessageContaining("severity")
                .hasMessageContaining("'block' is not one of");
    }

    @Test
    void rejectsAnUnknownParentAndAMismatchedId(@TempDir Path dir) throws IOException {
        copyConfig(dir);
        edit(dir, "aliexpress-megabonus", "extends: aliexpress-portals", "extends: aliexpress-portal");
        assertThatThrownBy(() -> new ConfigLoader().load(dir))
                .hasMessageContaining("aliexpress-megabonus.yaml: field 'extends': unknown program 'aliexpress-portal'");
        copyConfig(dir);
        edit(dir, "alibaba-awin", "id: alibaba-awin", "id: alibaba-awin2");
        assertThatThrownBy(() -> new ConfigLoader().load(dir))
                .hasMessageContaining("field 'id'").hasMessageContaining("does not match the file name");
    }

    @Test
    void rejectsAnEnabledTermMissingItsSettingsAndABadRegex(@TempDir Path dir) throws IOException {
        copyConfig(dir);
        edit(dir, "alibaba-cashback-us", "ownCodes: \"^SMARTY[A-Z0-9]*$\"", "ownCodes: \"^SMARTY[\"");
        assertThatThrownBy(() -> new ConfigLoader().load(dir))
                .hasMessageContaining("terms.foreignPromoCode.ownCodes").hasMessageContaining("not a regular expression");
        copyConfig(dir);
        edit(dir, "alibaba-awin", "    max: {value: 5000.00, currency: USD}\n", "");
        assertThatThrownBy(() -> new ConfigLoader().load(dir)).hasMessageContaining("terms.orderLimit.max")
                .hasMessageContaining("is required");
    }

    @Test
    void rejectsABadSanctionsCountryInTheSettings(@TempDir Path dir) throws IOException {
        copyConfig(dir);
        Path settings = dir.resolve("tollgate.yaml");
        Files.writeString(settings, Files.readString(settings).replace("country: KP", "country: PRK"));
        assertThatThrownBy(() -> new ConfigLoader().load(dir)).hasMessageContaining("tollgate.yaml")
                .hasMessageContaining("sanctions[2].country");
    }

    @Test
    void rejectsAMissingIpDatabase(@TempDir Path dir) throws IOException {
        copyConfig(dir);
        Files.delete(dir.resolve("geo/ip-country-sample.csv"));
        assertThatThrownBy(() -> new ConfigLoader().load(dir)).hasMessageContaining("tollgate.yaml")
                .hasMessageContaining("detectors.geo.ipRanges").hasMessageContaining("file not found");
    }

    @Test
    void requiresASeverityForEveryDetectorOfEveryProgram(@TempDir Path dir) throws IOException {
        copyConfig(dir);
        edit(dir, "alibaba-awin", "  BRAND_BIDDING: exclude\n", "");
        assertThatThrownBy(() -> new ConfigLoader().load(dir)).hasMessageContaining("alibaba-awin.yaml")
                .hasMessageContaining("detectors.BRAND_BIDDING").hasMessageContaining("is required");
    }

    private static void edit(Path dir, String program, String from, String to) throws IOException {
        Path file = dir.resolve("programs/" + program + ".yaml");
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    private static void copyConfig(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("programs"));
        Files.createDirectories(dir.resolve("geo"));
        Files.copy(REPO_CONFIG.resolve("geo/ip-country-sample.csv"), dir.resolve("geo/ip-country-sample.csv"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(REPO_CONFIG.resolve("tollgate.yaml"), dir.resolve("tollgate.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (Stream<Path> files = Files.list(REPO_CONFIG.resolve("programs"))) {
            for (Path p : files.toList()) {
                Files.copy(p, dir.resolve("programs").resolve(p.getFileName()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
