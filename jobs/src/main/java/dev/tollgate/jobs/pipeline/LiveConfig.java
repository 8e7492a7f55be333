package dev.tollgate.jobs.pipeline;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.detectors.policy.ConfigLoader;
import dev.tollgate.detectors.policy.ControlChange;
import dev.tollgate.detectors.policy.TollgateConfig;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;

import java.io.IOException;
import java.io.Serializable;
import java.util.Objects;

/**
 * The configuration in force in one operator instance: the base read from the files at start-up, or the base with the
 * live control change applied. Every operator whose thresholds can change at run time (click trails, publisher delay
 * profiles, the verdict changelog) connects the control stream, keeps the change in its own broadcast state (so it
 * survives restarts and rescaling) and asks {@link #refresh} before it uses the configuration: the change is applied
 * from each key's next event or timer on, and parsed once per change, not per event.
 */
public final class LiveConfig implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Broadcast state holding the control change in force as JSON text (key {@code "current"}). */
    public static final MapStateDescriptor<String, String> STATE = new MapStateDescriptor<>("control",
            Types.STRING, Types.STRING);
    private static final String CURRENT = "current";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final TollgateConfig base;
    private transient TollgateConfig current;
    private transient String appliedJson;
    private transient String appliedVersion;

    public LiveConfig(TollgateConfig base) {
        this.base = Objects.requireNonNull(base);
    }

    /** Reads a control change: {@code {"version", "settings": {path: value}, "programs": {id: {path: value}}}}. */
    public static ControlChange parse(String json) throws IOException {
        ControlChange c = JSON.readValue(json, ControlChange.class);
        if (c.version() == null || c.version().isBlank()) {
            throw new IOException("missing version");
        }
        return c;
    }

    /**
     * Validates a change against the base configuration, as the files are validated, and keeps it in force when it
     * is valid; an invalid change leaves the change in force as it was.
     *
     * @return {@code null} when the change was accepted, else what is wrong with it
     */
    public String accept(String json, BroadcastState<String, String> state) throws Exception {
        try {
            new ConfigLoader().apply(base, parse(json));
        } catch (IOException | RuntimeException e) {
            return e.getMessage();
        }
        state.put(CURRENT, json);
        return null;
    }

    /**
     * Brings the configuration up to the change in broadcast state.
     *
     * @return whether the configuration in force changed since the last call
     */
    public boolean refresh(ReadOnlyBroadcastState<String, String> state) throws Exception {
        String json = state.get(CURRENT);
        if (Objects.equals(json, appliedJson)) {
            return false; // the hot path: the change in force is the one already applied
        }
        appliedJson = json;
        ControlChange change = json == null ? null : parse(json);
        String version = change == null ? null : change.version();
        if (Objects.equals(version, appliedVersion)) {
            return false;
        }
        current = change == null ? base : new ConfigLoader().apply(base, change);
        appliedVersion = version;
        return true;
    }

    /** The version of the control change in force, or {@code null} while the base configuration is. */
    public String version() {
        return appliedVersion;
    }

    /** The configuration in force (the base until {@link #refresh} has seen a change). */
    public TollgateConfig config() {
        return current == null ? base : current;
    }
}
