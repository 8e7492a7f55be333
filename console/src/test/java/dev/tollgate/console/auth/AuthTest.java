package dev.tollgate.console.auth;

import com.google.common.base.Ticker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthTest {
    @Test
    void usersAreStoredAsBcryptHashesAndAuthenticateOnlyWithTheirPassword(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users.yaml");
        UserDirectory.addUser(file, "maria", Role.ANALYST, "correct horse battery");
        UserDirectory.addUser(file, "lena", Role.LEAD, "another long password");
        String text = Files.readString(file);
        assertThat(text).contains("maria", "$2a$12$").doesNotContain("correct horse battery");
        UserDirectory users = UserDirectory.load(file);
        assertThat(users.authenticate("maria", "correct horse battery").roleValue()).isEqualTo(Role.ANALYST);
        assertThat(users.authenticate("maria", "correct horse batter")).isNull();
        assertThat(users.authenticate("nobody", "correct horse battery")).isNull();
        assertThat(users.authenticate("maria", null)).isNull();
        // replacing a user keeps one entry with the new password
        UserDirectory.addUser(file, "maria", Role.VIEWER, "a brand new password");
        users = UserDirectory.load(file);
        assertThat(users.size()).isEqualTo(2);
        assertThat(users.authenticate("maria", "a brand new password").roleValue()).isEqualTo(Role.VIEWER);
    }

    @Test
    void weakPasswordsBadNamesAndBrokenFilesAreRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users.yaml");
        assertThatThrownBy(() -> UserDirectory.addUser(file, "maria", Role.ANALYST, "short"))
                .hasMessageContaining("at least 12");
        assertThatThrownBy(() -> UserDirectory.addUser(file, "Maria Smith", Role.ANALYST, "long enough password"))
                .hasMessageContaining("user name");
        assertThatThrownBy(() -> Role.parse("admin")).hasMessageContaining("viewer, analyst, lead");
        Files.writeString(file, "users:\n  - name: eve\n    role: lead\n    passwordHash: plaintext\n");
        assertThatThrownBy(() -> UserDirectory.load(file)).hasMessageContaining("no bcrypt passwordHash");
    }

    @Test
    void rolesIncludeTheOnesBelow() {
        assertThat(Role.LEAD.includes(Role.ANALYST)).isTrue();
        assertThat(Role.ANALYST.includes(Role.VIEWER)).isTrue();
        assertThat(Role.VIEWER.includes(Role.ANALYST)).isFalse();
    }

    @Test
    void failedLoginsBlockTheUserAndTheAddressUntilTheWindowPasses() {
        AtomicLong nanos = new AtomicLong();
        Ticker ticker = new Ticker() {
            @Override
            public long read() {
                return nanos.get();
            }
        };
        LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(15), ticker);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.allowed("maria", "10.0.0.1")).isTrue();
            throttle.failed("maria", "10.0.0.1");
        }
        assertThat(throttle.allowed("maria", "10.0.0.2")).as("same user, other address").isFalse();
        assertThat(throttle.allowed("lena", "10.0.0.1")).as("same address, other user").isTrue();
        for (int i = 0; i < 3 * (LoginThrottle.ADDRESS_FACTOR - 1); i++) {
            throttle.failed("user" + i, "10.0.0.1");
        }
        assertThat(throttle.allowed("lena", "10.0.0.1")).as("one address guessing many users").isFalse();
        assertThat(throttle.allowed("lena", "10.0.0.2")).isTrue();
        nanos.addAndGet(Duration.ofMinutes(15).toNanos() + 1);
        assertThat(throttle.allowed("maria", "10.0.0.1")).isTrue();
    }

    @Test
    void tokensAreRandomAndComparedWholly() {
        String a = Tokens.random();
        assertThat(a).hasSize(43).isNotEqualTo(Tokens.random());
        assertThat(Tokens.same(a, a)).isTrue();
        assertThat(Tokens.same(a, a.substring(1))).isFalse();
        assertThat(Tokens.same(a, null)).isFalse();
        assertThat(Tokens.digest(a)).hasSize(64).isNotEqualTo(a);
    }
}
