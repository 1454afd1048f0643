package io.warren.cli.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.warren.cli.TextTable;
import io.warren.runtime.containerd.ContainerdConnection;
import io.warren.runtime.containerd.ImageStore;
import io.warren.runtime.containerd.proto.images.Image;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code warren image ls}. */
@Command(name = "ls", mixinStandardHelpOptions = true, description = "List the images in the containerd namespace.")
public final class ImageListCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  ContainerdOptions containerd;

  @Option(names = "--json", description = "print a JSON array")
  boolean json;

  @Override
  public Integer call() throws Exception {
    try (ContainerdConnection conn = containerd.connect()) {
      List<Image> images = new ImageStore(conn).list().stream()
          .sorted(Comparator.comparing(Image::getName)).toList();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        ObjectMapper m = new ObjectMapper();
        ArrayNode arr = m.createArrayNode();
        for (Image i : images) {
          arr.addObject().put("name", i.getName()).put("digest", i.getTarget().getDigest())
              .put("mediaType", i.getTarget().getMediaType()).put("size", i.getTarget().getSize());
        }
        out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(arr));
      } else {
        TextTable.print(out, List.of("NAME", "DIGEST"), images.stream()
            .map(i -> List.of(i.getName(), i.getTarget().getDigest())).toList());
      }
      out.flush();
      return 0;
    }
  }
}
