package dev.tollgate.console.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The console's users, from a YAML file that holds only bcrypt hashes:
 *
 * <pre>
 * users:
 *   - name: maria
 *     role: analyst
 *     passwordHash: "$2a$12$..."
 * </pre>
 *
 * {@code tollgate console add-user} writes it. The file is read at start.
 */
public final class UserDirectory {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{1,63}");

    /** One user as the file writes it. */
    public record User(@JsonProperty("name") String name, @JsonProperty("role") String role,
                       @JsonProperty("passwordHash") String passwordHash) {
        public Role roleValue() {
            return Role.parse(role);
        }
    }

    record UsersFile(@JsonProperty("users") List<User> users) {
    }

    private final Map<String, User> byName;

    private UserDirectory(Map<String, User> byName) {
        this.byName = byName;
    }

    public static UserDirectory load(Path file) throws IOException {
        Map<String, User> users = new LinkedHashMap<>();
        if (Files.exists(file)) {
            UsersFile f = YAML.readValue(file.toFile(), UsersFile.class);
            for (User u : f.users() == null ? List.<User>of() : f.users()) {
                checkName(u.name());
                u.roleValue();
                if (u.passwordHash() == null || !u.passwordHash().startsWith("$2")) {
                    throw new IllegalArgumentException(file + ": user " + u.name() + " has no bcrypt passwordHash");
                }
                if (users.put(u.name(), u) != null) {
                    throw new IllegalArgumentException(file + ": user " + u.name() + " is listed twice");
                }
            }
        }
        return new UserDirectory(users);
    }

    /** Adds or replaces a user in {@code file} (written atomically), returning the directory as it is now. */
    public static UserDirectory addUser(Path file, String name, Role role, String password) throws IOException {
        checkName(name);
        Map<String, User> users = new LinkedHashMap<>(load(file).byName);
        users.put(name, new User(name, role.label(), Passwords.hash(password)));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        YAML.writeValue(tmp.toFile(), new UsersFile(new ArrayList<>(users.values())));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new UserDirectory(users);
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name '" + name + "' must be 2-64 characters of a-z, 0-9, "
                    + "'.', '_' or '-', starting with a letter");
        }
    }

    /** The user when the password is theirs, else {@code null} (taking as long for an unknown name). */
    public User authenticate(String name, String password) {
        User u = name == null ? null : byName.get(name);
        return Passwords.matches(password, u == null ? null : u.passwordHash()) ? u : null;
    }

    public User user(String name) {
        return byName.get(name);
    }

    public int size() {
        return byName.size();
    }
}
