package io.warren.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The program registers only the subcommand it runs; help and errors still see all of them. */
class WarrenMainTest {

  @Test
  void topLevelHelpListsEverySubcommand() {
    Out o = run("--help");
    assertEquals(0, o.exit);
    for (String name : List.of("help", "up", "worker", "manager", "journal", "replay", "image",
        "service", "ps", "node", "secret", "volume", "token", "logs")) {
      assertTrue(o.out.contains("\n  " + name + " "), name + " in:\n" + o.out);
    }
  }

  @Test
  void aSubcommandRunsAloneWithItsOwnHelpAndTheHelpCommandStillFindsIt() {
    Out own = run("worker", "--help");
    assertEquals(0, own.exit);
    assertTrue(own.out.startsWith("Usage: warren worker"), own.out);
    Out viaHelp = run("help", "worker");
    assertEquals(0, viaHelp.exit);
    assertTrue(viaHelp.out.startsWith("Usage: warren worker"), viaHelp.out);
  }

  @Test
  void anUnknownSubcommandIsAUsageError() {
    Out o = run("wroker");
    assertEquals(ExitCodes.USAGE, o.exit);
    assertTrue(o.err.contains("wroker"), o.err);
  }

  private record Out(int exit, String out, String err) {}

  private static Out run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int exit = WarrenMain.run(args);
      return new Out(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
