package io.warren.manager;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.warren.api.v1.CreateServiceRequest;
import io.warren.api.v1.DeleteServiceRequest;
import io.warren.api.v1.WarrenAPIGrpc;
import io.warren.embedded.EmbeddedManager;
import io.warren.embedded.EmbeddedManagerConfig;
import io.warren.task.ActualState;
import io.warren.task.DesiredState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WatchContainers brings a new assignment to the worker without waiting for the next poll, and
 * a manager that does not serve it (Warren's own) leaves the worker polling as before.
 */
class AssignmentWatchTest {
  /** Polls so rare that anything arriving within seconds came through the watch. */
  static final SessionTimings SLOW_POLL = new SessionTimings(Duration.ofSeconds(60),
      Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofMillis(800), Duration.ofSeconds(2));

  @TempDir Path managerDir;
  @TempDir Path workerDir;
  final FakeTaskControl tasks = new FakeTaskControl();

  @Test
  void assignmentsAndShutdownsArriveBeforeTheNextPoll() {
    EmbeddedManager manager = new EmbeddedManager(EmbeddedManagerConfig.builder()
        .listen("127.0.0.1:0").dataDir(managerDir).tls(false)
        .reconcileInterval(Duration.ofMillis(100)).build()).start();
    ManagedChannel adminChannel = NettyChannelBuilder
        .forAddress("127.0.0.1", manager.address().port()).usePlaintext().build();
    ManagerClient client = ManagerClient.connect(WorkerConfig.builder().nodeId("w1").plaintext(true)
        .managerAddress("127.0.0.1:" + manager.address().port()).dataDir(workerDir).build(),
        SLOW_POLL.rpcTimeout());
    ManagerSession session = new ManagerSession(client, tasks, SLOW_POLL, Clock.systemUTC(),
        new Random(3), AckJournal.NONE);
    try {
      session.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> session.stats().syncs() == 1
          && session.stats().watchingAssignments());
      var admin = WarrenAPIGrpc.newBlockingStub(adminChannel);
      String id = admin.createService(CreateServiceRequest.newBuilder().setName("web")
          .setImage("registry.local/demo:1").setReplicas(2).build()).getService().getId();

      await().atMost(Duration.ofSeconds(5))
          .until(() -> tasks.withState(ActualState.RUNNING).size() == 2);
      assertTrue(session.stats().assignmentEvents() >= 1, "came through the watch");

      admin.deleteService(DeleteServiceRequest.newBuilder().setId(id).build());
      await().atMost(Duration.ofSeconds(5)).until(() ->
          tasks.desired.values().stream().filter(d -> d == DesiredState.SHUTDOWN).count() == 2);
      assertTrue(session.stats().heartbeats() <= 1, "no poll cycle went by: "
          + session.stats());
    } finally {
      session.close();
      client.close();
      adminChannel.shutdownNow();
      manager.close();
    }
  }

  @Test
  void aManagerWithoutTheRpcIsPolled() throws Exception {
    try (ScriptedManager manager = new ScriptedManager()) {
      ManagerClient client = ManagerClient.connect(WorkerConfig.builder().nodeId("w1")
          .plaintext(true).managerAddress("127.0.0.1:" + manager.port()).dataDir(workerDir).build(),
          Duration.ofSeconds(2));
      ManagerSession session = new ManagerSession(client, tasks, ManagerSessionTlsTest.FAST,
          Clock.systemUTC(), new Random(1), AckJournal.NONE);
      try {
        session.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> session.stats().syncs() >= 2);
        manager.listing = List.of(ManagerSessionBehaviourTest.running("t1", "registry.local/a:1"));
        await().atMost(Duration.ofSeconds(10))
            .until(() -> tasks.withState(ActualState.RUNNING).size() == 1);
        assertFalse(session.stats().watchingAssignments(), "watch given up: " + session.stats());
        assertEquals(0, session.stats().assignmentEvents());
      } finally {
        session.close();
        client.close();
      }
    }
  }

  @Test
  void warrensNotImplementedAnswerCountsAsUnsupported() {
    // what Warren v1.6's manager answers (facts/warren-api.md): UNKNOWN, "... not yet implemented"
    assertTrue(AssignmentWatch.unsupported(
        Status.UNKNOWN.withDescription("WatchContainers not yet implemented")));
    assertTrue(AssignmentWatch.unsupported(Status.UNIMPLEMENTED));
    assertFalse(AssignmentWatch.unsupported(Status.UNAVAILABLE.withDescription("io exception")));
    assertFalse(AssignmentWatch.unsupported(Status.UNKNOWN.withDescription("boom")));
  }
}
