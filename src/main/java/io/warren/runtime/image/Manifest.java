package io.warren.runtime.image;

import java.util.List;

/** An image manifest (OCI or Docker schema 2). */
public record Manifest(String mediaType, Descriptor config, List<Descriptor> layers) {
  public Manifest {
    layers = List.copyOf(layers);
  }
}
