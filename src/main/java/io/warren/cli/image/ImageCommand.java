package io.warren.cli.image;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code warren image}: local images in containerd. */
@Command(name = "image", mixinStandardHelpOptions = true,
    description = "Import, pull and list images in containerd (natively, over its gRPC API).",
    subcommands = {ImageImportCommand.class, ImagePullCommand.class, ImageListCommand.class})
public final class ImageCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
