package io.warren.cli.admin;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.warren.api.v1.GetServiceRequest;
import io.warren.api.v1.NodeResources;
import io.warren.api.v1.RegisterNodeRequest;
import io.warren.api.v1.WarrenAPIGrpc;
import io.warren.cli.WarrenMain;
import io.warren.embedded.EmbeddedManager;
import io.warren.embedded.EmbeddedManagerConfig;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin CLI against a real embedded manager on loopback: output and exit codes. */
class AdminCliTest {
  @TempDir Path dir;
  EmbeddedManager manager;
  ManagedChannel channel;
  WarrenAPIGrpc.WarrenAPIBlockingStub api;
  String address;
  String out;
  String err;

  @BeforeEach
  void setUp() {
    manager = new EmbeddedManager(EmbeddedManagerConfig.builder().listen("127.0.0.1:0")
        .dataDir(dir.resolve("m")).tls(false).reconcileInterval(Duration.ofMillis(100)).build()).start();
    address = "127.0.0.1:" + manager.address().port();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", manager.address().port()).usePlaintext().build();
    api = WarrenAPIGrpc.newBlockingStub(channel);
    api.registerNode(RegisterNodeRequest.newBuilder().setId("node-a").setRole("worker")
        .setResources(NodeResources.newBuilder().setCpuCores(4).setMemoryBytes(1L << 30)).build());
  }

  @AfterEach
  void tearDown() {
    channel.shutdownNow();
    manager.close();
  }

  int warren(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    var cl = WarrenMain.newCommandLine();
    cl.setOut(new PrintWriter(o));
    cl.setErr(new PrintWriter(e));
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    // --manager goes after the verb: append it
    all[args.length] = "--manager";
    all[args.length + 1] = address;
    int code = cl.execute(all);
    out = o.toString();
    err = e.toString();
    return code;
  }

  @Test
  void serviceLifecycleAndPsJson() throws Exception {
    assertEquals(0, warren("service", "create", "web", "--image", "registry.local/web:1", "--replicas", "2",
        "--env", "A=1", "--memory", "64m", "--cpus", "0.5", "--restart", "on-failure",
        "--stop-timeout", "15s", "--command", "sleep", "60"), err);
    String id = out.trim();
    var svc = api.getService(GetServiceRequest.newBuilder().setName("web").build()).getService();
    assertEquals(id, svc.getId());
    assertEquals(64L << 20, svc.getResources().getMemoryBytes());
    assertEquals(512, svc.getResources().getCpuShares());
    assertEquals(15, svc.getStopTimeout());
    assertEquals(java.util.List.of("sleep", "60"), svc.getCommandList());

    await().until(() -> warren("ps", "--json") == 0 && new ObjectMapper().readTree(out).size() == 2);
    JsonNode task = new ObjectMapper().readTree(out).get(0);
    for (String f : new String[] {"id", "service", "node", "desiredState", "actualState", "containerId", "error"}) {
      assertTrue(task.has(f), "ps --json has " + f + ": " + task);
    }
    assertEquals("web", task.get("service").asText());
    assertEquals("node-a", task.get("node").asText());
    assertEquals("running", task.get("desiredState").asText());
    assertEquals("pending", task.get("actualState").asText());

    assertEquals(0, warren("service", "ls"));
    assertTrue(out.contains("web") && out.contains("0/2"), out);
    assertEquals(0, warren("service", "inspect", "web"));
    assertEquals(15, new ObjectMapper().readTree(out).get("stopTimeoutSeconds").asInt());

    assertEquals(0, warren("service", "scale", "web", "1"));
    await().until(() -> warren("ps", "--json") == 0 && count(out, "running") == 1);
    assertEquals(0, warren("service", "rm", "web"));
    await().until(() -> warren("ps", "--json") == 0 && count(out, "running") == 0);
    assertEquals(1, warren("service", "inspect", "web"), "gone");
    assertTrue(err.contains("service not found"), err);
  }

  @Test
  void badInputExitsTwoWithTheFieldNamed() {
    assertEquals(2, warren("service", "create", "web", "--image", "registry.local/web:1", "--restart", "sometimes"));
    assertTrue(err.contains("restart_policy.condition"), err);
    assertEquals(2, warren("service", "create", "web", "--image", "nginx latest"));
    assertTrue(err.contains("image"), err);
    assertEquals(2, warren("service", "create", "web", "--image", "x", "--replicas", "-1"));
    assertTrue(err.contains("replicas"), err);
    assertEquals(2, warren("service", "create", "web", "--image", "x", "--memory", "lots"));
    assertTrue(err.contains("--memory"), err);
    assertEquals(2, warren("service", "create", "web"));
    assertEquals(0, warren("service", "create", "web", "--image", "x"));
    assertEquals(1, warren("service", "create", "web", "--image", "x"));
    assertTrue(err.contains("already exists"), err);
  }

  @Test
  void nodesSecretsVolumesAndTokens() throws Exception {
    assertEquals(0, warren("node", "ls"));
    assertTrue(out.contains("node-a") && out.contains("ready"), out);

    Path f = dir.resolve("pw");
    Files.writeString(f, "s3cret-value");
    assertEquals(0, warren("secret", "create", "db", "--file", f.toString()));
    SecretCreate.stdin = new ByteArrayInputStream("from-stdin".getBytes(StandardCharsets.UTF_8));
    assertEquals(0, warren("secret", "create", "api-key", "-"));
    assertEquals(0, warren("secret", "ls"));
    assertTrue(out.contains("db") && out.contains("api-key") && !out.contains("s3cret"), out);
    assertEquals(2, warren("secret", "create", "x"), "no value source");

    assertEquals(0, warren("volume", "create", "data", "--label", "tier=db"));
    assertEquals(0, warren("volume", "ls", "--json"));
    assertEquals("data", new ObjectMapper().readTree(out).get(0).get("name").asText());
    assertEquals(0, warren("volume", "rm", "data"));
    assertEquals(0, warren("volume", "ls", "--json"));
    assertEquals(0, new ObjectMapper().readTree(out).size());
    assertEquals(1, warren("volume", "rm", "data"));

    assertEquals(0, warren("token", "create"));
    assertTrue(out.trim().matches("[0-9a-f]{64}"), out);
  }

  @Test
  void unreachableManagerIsAFailure() {
    address = "127.0.0.1:1";
    assertEquals(1, warren("service", "ls"));
    assertTrue(err.contains("cannot reach the manager"), err);
  }

  private static long count(String json, String desired) throws Exception {
    long n = 0;
    for (JsonNode t : new ObjectMapper().readTree(json)) {
      if (t.get("desiredState").asText().equals(desired)) {
        n++;
      }
    }
    return n;
  }
}
