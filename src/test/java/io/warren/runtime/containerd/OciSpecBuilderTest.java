package io.warren.runtime.containerd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.warren.runtime.ContainerSpec;
import io.warren.runtime.image.ImageConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spec JSON itself: default spec parts, image merge, limits, mounts, netns. */
class OciSpecBuilderTest {
  static final ImageConfig IMAGE = new ImageConfig(List.of("PATH=/bin", "A=image", "B=image"),
      List.of("/entry"), List.of("arg1"), "/srv", "", List.of(), "linux", "amd64");

  static JsonNode build(ContainerSpec s) throws Exception {
    // read back with a full JSON library: the spec must be what any OCI runtime parses
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(OciSpecBuilder.build(s, IMAGE, new UserResolver.User(7, 8), "ns1"));
  }

  @Test
  void imageConfigIsMergedUnderTheSpec() throws Exception {
    JsonNode fromImage = build(new ContainerSpec("c1", "x/y:1", Map.of(), List.of(), Map.of("B", "task"), "",
        "", "", null, List.of(), null, null, null, null));
    assertEquals("[\"/entry\",\"arg1\"]", fromImage.at("/process/args").toString());
    List<String> env = new ArrayList<>();
    fromImage.at("/process/env").forEach(e -> env.add(e.asText()));
    assertEquals(List.of("PATH=/bin", "A=image", "B=task"), env);
    assertEquals("/srv", fromImage.at("/process/cwd").asText());
    assertEquals(7, fromImage.at("/process/user/uid").asInt());
    assertEquals(8, fromImage.at("/process/user/gid").asInt());
    assertEquals("c1", fromImage.at("/hostname").asText());
    assertEquals("/ns1/c1", fromImage.at("/linux/cgroupsPath").asText());
    assertTrue(fromImage.at("/process/noNewPrivileges").asBoolean());
    assertFalse(fromImage.at("/linux/resources").has("memory"));

    JsonNode overridden = build(new ContainerSpec("c2", "x/y:1", Map.of(), List.of("sh", "-c", "x"), Map.of(),
        "/work", "", "h", new ContainerSpec.Limits(1 << 26, 512, 50_000, 0, 10),
        List.of(ContainerSpec.Mount.bind("/tmp", "/data", true)), Path.of("/etc/resolv.conf"),
        Path.of("/var/run/netns/n1"), null, null));
    assertEquals("[\"sh\",\"-c\",\"x\"]", overridden.at("/process/args").toString());
    assertEquals("/work", overridden.at("/process/cwd").asText());
    assertEquals(1 << 26, overridden.at("/linux/resources/memory/limit").asLong());
    assertEquals(100_000, overridden.at("/linux/resources/cpu/period").asLong(), "period defaults to 100 ms");
    assertEquals(10, overridden.at("/linux/resources/pids/limit").asLong());
    String mounts = overridden.at("/mounts").toString();
    assertTrue(mounts.contains("{\"destination\":\"/data\",\"type\":\"bind\",\"source\":\"/tmp\",\"options\":[\"rbind\",\"ro\"]}"),
        mounts);
    assertTrue(mounts.contains("\"destination\":\"/etc/resolv.conf\""), mounts);
    assertTrue(mounts.contains("\"destination\":\"/sys/fs/cgroup\""), mounts);
    assertTrue(overridden.at("/linux/namespaces").toString().contains(
        "{\"type\":\"network\",\"path\":\"/var/run/netns/n1\"}"));
  }
}
