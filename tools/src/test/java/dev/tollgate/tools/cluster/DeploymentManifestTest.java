package dev.tollgate.tools.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifest (deploy/kubernetes/tollgate.yaml) runs the lean jar and its main class, on the Flink version
 * the build uses, with the same settings as the local cluster's config.yaml except where production must differ
 * (object storage and HA instead of local directories).
 */
class DeploymentManifestTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void theFlinkDeploymentRunsTheLeanJarsMainWithCheckpointsInObjectStorageAndHa() throws Exception {
        JsonNode d = YAML.readTree(REPO.resolve("deploy/kubernetes/tollgate.yaml").toFile());
        assertThat(d.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        assertThat(d.path("kind").asText()).isEqualTo("FlinkDeployment");
        JsonNode job = d.path("spec").path("job");
        assertThat(job.path("jarURI").asText()).isEqualTo("local:///opt/flink/usrlib/tollgate-job.jar");
        assertThat(job.path("entryClass").asText()).isEqualTo(dev.tollgate.jobs.TollgateJob.class.getName());
        assertThat(job.path("upgradeMode").asText()).isIn("last-state", "savepoint");
        assertThat(job.path("args").toString()).contains("--bootstrap");
        assertThat(Files.readString(REPO.resolve("deploy/kubernetes/Dockerfile")))
                .contains("COPY jobs/target/tollgate-job.jar /opt/flink/usrlib/tollgate-job.jar");

        String flink = org.apache.flink.runtime.util.EnvironmentInformation.getVersion();
        String[] v = flink.split("\\.");
        assertThat(d.path("spec").path("flinkVersion").asText()).isEqualTo("v" + v[0] + "_" + v[1]);

        Map<String, String> k8s = new TreeMap<>();
        d.path("spec").path("flinkConfiguration").fields().forEachRemaining(e -> k8s.put(e.getKey(),
                e.getValue().asText()));
        assertThat(k8s.get("execution.checkpointing.dir")).startsWith("s3://");
        assertThat(k8s.get("execution.checkpointing.savepoint-dir")).startsWith("s3://");
        assertThat(k8s.get("state.changelog.dstl.dfs.base-path")).startsWith("s3://");
        assertThat(k8s.get("high-availability.type")).isEqualTo("kubernetes");
        assertThat(k8s.get("high-availability.storageDir")).startsWith("s3://");
    }

    @Test
    void theManifestAndTheLocalClusterShareEverySettingTheyBothName() throws Exception {
        Map<String, String> local = flatten(YAML.readTree(REPO.resolve("cluster/conf/config.yaml").toFile()));
        JsonNode d = YAML.readTree(REPO.resolve("deploy/kubernetes/tollgate.yaml").toFile());
        Map<String, String> k8s = flatten(d.path("spec").path("flinkConfiguration"));
        Map<String, String> differing = new TreeMap<>();
        for (var e : k8s.entrySet()) {
            String mine = local.get(e.getKey());
            if (mine != null && !mine.equals(e.getValue())) {
                differing.put(e.getKey(), mine + " here, " + e.getValue() + " on Kubernetes");
            }
        }
        // the Prometheus port is a range on one machine and one port per pod
        differing.remove("metrics.reporter.prom.port");
        assertThat(differing).isEmpty();
        for (String key : new String[] {"execution.checkpointing.interval", "execution.checkpointing.mode",
            "state.backend.type", "state.changelog.enabled", "restart-strategy.type",
            "metrics.reporter.prom.factory.class", "taskmanager.numberOfTaskSlots"}) {
            assertThat(k8s).as(key).containsKey(key);
            assertThat(local).as(key).containsKey(key);
        }
    }

    /** YAML nested or dotted, as Flink reads it: {@code a: {b: 1}} and {@code a.b: 1} are the same key. */
    private static Map<String, String> flatten(JsonNode node) throws IOException {
        Map<String, String> out = new TreeMap<>();
        flatten("", node, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, node.asText());
        }
    }
}
