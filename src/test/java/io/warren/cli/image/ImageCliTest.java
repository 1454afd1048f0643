package io.warren.cli.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.cli.WarrenMain;
import io.warren.runtime.testsupport.ContainerdExtension;
import io.warren.runtime.testsupport.LocalRegistry;
import io.warren.runtime.testsupport.TestImages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** The real CLI against a private containerd and a local registry. */
class ImageCliTest {
  @RegisterExtension
  static final ContainerdExtension CTD = new ContainerdExtension();

  record Result(int code, String out, String err) {}

  static Result warren(String... args) {
    CommandLine cl = WarrenMain.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(List.of(args));
    int code = cl.execute(all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  String[] ctd(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--containerd");
    all.add(CTD.socket().toString());
    all.add("--namespace");
    all.add(CTD.namespace());
    return all.toArray(String[]::new);
  }

  @Test
  void importPullAndList() throws Exception {
    Path tar = TestImages.busybox(CTD.work().resolve("cli.tar"), "warren.test/cli:1");
    Result imported = warren(ctd("image", "import", tar.toString()));
    assertEquals(0, imported.code(), imported.err());
    assertTrue(imported.out().startsWith("warren.test/cli:1 sha256:"), imported.out());

    try (LocalRegistry reg = LocalRegistry.plain(Files.createDirectories(CTD.work().resolve("reg")))) {
      reg.push(TestImages.multiLayerGzip(CTD.work().resolve("m.tar"), "warren.test/m:1"), "warren/m:1", null);
      Result pulled = warren(ctd("image", "pull", "--plain-http", reg.host() + "/warren/m:1"));
      assertEquals(0, pulled.code(), pulled.err());
      assertTrue(pulled.out().startsWith("pulled " + reg.host() + "/warren/m:1 sha256:"), pulled.out());
      assertTrue(pulled.err().contains("100%") && pulled.err().contains("layers 2/2"), pulled.err());

      Result noRegistry = warren(ctd("image", "pull", reg.host() + "/warren/m:1"));
      assertEquals(1, noRegistry.code(), "HTTPS to a plain-HTTP registry fails: " + noRegistry.err());
      assertTrue(noRegistry.err().contains("registry '" + reg.host() + "'"), noRegistry.err());
    }

    Result ls = warren(ctd("image", "ls", "--json"));
    assertEquals(0, ls.code(), ls.err());
    JsonNode arr = new ObjectMapper().readTree(ls.out());
    List<String> names = new ArrayList<>();
    arr.forEach(n -> names.add(n.get("name").asText()));
    assertTrue(names.contains("warren.test/cli:1"), names.toString());
    assertEquals(2, names.size(), names.toString());
    Result table = warren(ctd("image", "ls"));
    assertTrue(table.out().startsWith("NAME"), table.out());
  }

  @Test
  void badInputIsAUsageError() {
    Result bad = warren(ctd("image", "pull", "Bad Ref"));
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("image reference 'Bad Ref'"), bad.err());
    Result missing = warren(ctd("image", "import", "/nonexistent/file.tar"));
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("file: '/nonexistent/file.tar' does not exist"), missing.err());
    Result help = warren("image", "pull", "--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("--insecure-registry"), help.out());
  }
}
