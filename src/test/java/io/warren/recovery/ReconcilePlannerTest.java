package io.warren.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.recovery.JournaledTask.Expectation;
import io.warren.recovery.JournaledTask.OpenIntent;
import io.warren.recovery.Resolution.ExitedWhileDown;
import io.warren.recovery.Resolution.IntentResolved;
import io.warren.recovery.Resolution.Reap;
import io.warren.recovery.Resolution.Reattach;
import io.warren.recovery.Resolution.Vanished;
import io.warren.runtime.ContainerLabels;
import io.warren.runtime.ExitStatus;
import io.warren.runtime.ObservedContainer;
import io.warren.runtime.ObservedContainer.TaskStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcilePlannerTest {

  private static ObservedContainer container(String task, int attempt, TaskStatus status, int pid,
      ExitStatus exit) {
    return new ObservedContainer(task + "-a" + attempt,
        Map.of(ContainerLabels.TASK, task, ContainerLabels.ATTEMPT, Integer.toString(attempt),
            ContainerLabels.MANAGED_BY, ContainerLabels.MANAGED_BY_VALUE),
        status, pid, exit);
  }

  private static JournaledTask task(String id, int attempt, String state, Expectation exp,
      OpenIntent... open) {
    return new JournaledTask(id, attempt, state, id + "-a" + attempt, exp, List.of(open));
  }

  @Test
  void runningContainerIsReattachedWithItsPid() {
    List<Resolution> plan = ReconcilePlanner.plan(
        List.of(task("t1", 1, "running", Expectation.RUNNING)),
        List.of(container("t1", 1, TaskStatus.RUNNING, 4242, null)));
    assertEquals(List.of(new Reattach("t1", "t1-a1", 4242)), plan);
  }

  @Test
  void exitWhileDownCarriesTheRealExitCode() {
    ExitStatus exit = new ExitStatus(7, 1_000L, false);
    List<Resolution> plan = ReconcilePlanner.plan(
        List.of(task("t1", 1, "running", Expectation.RUNNING)),
        List.of(container("t1", 1, TaskStatus.STOPPED, 0, exit)));
    assertEquals(List.of(new ExitedWhileDown("t1", "t1-a1", exit)), plan);
  }

  @Test
  void createIntentWithoutOutcomeIsAnsweredByContainerExistence() {
    OpenIntent create = new OpenIntent(3, "create", "t1-a1");
    List<Resolution> existed = ReconcilePlanner.plan(
        List.of(task("t1", 1, "creating", Expectation.CREATED, create)),
        List.of(container("t1", 1, TaskStatus.NO_TASK, 0, null)));
    assertTrue(existed.contains(new IntentResolved("t1", 3, "create", true, Map.of())));

    List<Resolution> absent = ReconcilePlanner.plan(
        List.of(task("t1", 1, "creating", Expectation.CREATED, create)), List.of());
    assertEquals(List.of(new IntentResolved("t1", 3, "create", false, Map.of())), absent,
        "an absent container after a create intent is not 'vanished': the create never happened");
  }

  @Test
  void startIntentIsAnsweredByTaskPresenceAndReportsThePid() {
    OpenIntent start = new OpenIntent(4, "start", "t1-a1");
    List<Resolution> plan = ReconcilePlanner.plan(
        List.of(task("t1", 1, "starting", Expectation.CREATED, start)),
        List.of(container("t1", 1, TaskStatus.RUNNING, 99, null)));
    assertEquals(new IntentResolved("t1", 4, "start", true, Map.of("pid", "99")), plan.get(0));
    assertEquals(new Reattach("t1", "t1-a1", 99), plan.get(1));
  }

  @Test
  void unownedAndSupersededContainersAreReapedWithReasons() {
    List<Resolution> plan = ReconcilePlanner.plan(
        List.of(task("t1", 2, "running", Expectation.RUNNING)),
        List.of(container("t1", 2, TaskStatus.RUNNING, 10, null),
            container("t1", 1, TaskStatus.RUNNING, 11, null),
            container("ghost", 1, TaskStatus.RUNNING, 12, null)));
    assertTrue(plan.contains(new Reattach("t1", "t1-a2", 10)));
    assertTrue(plan.stream().anyMatch(r -> r instanceof Reap reap
        && reap.containerId().equals("t1-a1") && reap.reason().startsWith("superseded")));
    assertTrue(plan.stream().anyMatch(r -> r instanceof Reap reap
        && reap.containerId().equals("ghost-a1") && reap.reason().contains("not owned")));
    assertEquals(3, plan.size());
  }

  @Test
  void terminalTaskOwningAContainerGetsItReaped() {
    List<Resolution> plan = ReconcilePlanner.plan(
        List.of(task("t1", 1, "failed", Expectation.NONE)),
        List.of(container("t1", 1, TaskStatus.STOPPED, 0, new ExitStatus(1, 5, false))));
    assertEquals(1, plan.size());
    assertTrue(plan.get(0) instanceof Reap reap && reap.reason().contains("failed"));
  }

  @Test
  void missingContainerThatShouldRunIsVanished() {
    List<Resolution> plan = ReconcilePlanner.plan(
        List.of(task("t1", 1, "running", Expectation.RUNNING)), List.of());
    assertEquals(List.of(new Vanished("t1", "t1-a1")), plan);
  }

  @Test
  void anOpenWatchDoesNotHideAVanishedContainer() {
    // A running task always has its watch open: the wait the stop cut short.
    OpenIntent watch = new OpenIntent(7, "watch", "t1-a1");
    List<Resolution> plan = ReconcilePlanner.plan(
        List.of(task("t1", 1, "running", Expectation.RUNNING, watch)), List.of());
    assertTrue(plan.contains(new Vanished("t1", "t1-a1")), plan.toString());

    OpenIntent stop = new OpenIntent(8, "stop", "t1-a1");
    List<Resolution> stopping = ReconcilePlanner.plan(
        List.of(task("t1", 1, "stopping", Expectation.RUNNING, watch, stop)), List.of());
    assertTrue(stopping.stream().noneMatch(r -> r instanceof Vanished),
        "a stop cut short accounts for the container: " + stopping);
  }

  @Test
  void removeIntentResolvedWhenContainerGone() {
    OpenIntent remove = new OpenIntent(9, "remove", "t1-a1");
    List<Resolution> plan = ReconcilePlanner.plan(
        List.of(task("t1", 1, "removing", Expectation.EXITED, remove)), List.of());
    assertEquals(List.of(new IntentResolved("t1", 9, "remove", true, Map.of())), plan);
  }

  @Test
  void creatingTaskWithoutContainerOrIntentIsLeftToTheEngine() {
    // Crash after the Transition to creating but before the create intent: nothing happened yet.
    assertEquals(List.of(), ReconcilePlanner.plan(
        List.of(task("t1", 1, "creating", Expectation.CREATED)), List.of()));
  }
}
