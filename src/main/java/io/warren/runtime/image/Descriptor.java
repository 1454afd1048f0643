package io.warren.runtime.image;

import java.util.Map;

/**
 * An OCI content descriptor.
 *
 * @param platform "os/arch[/variant]" for index entries, null elsewhere
 */
public record Descriptor(String mediaType, String digest, long size, String platform,
    Map<String, String> annotations) {
  public Descriptor {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  public static Descriptor of(String mediaType, String digest, long size) {
    return new Descriptor(mediaType, digest, size, null, Map.of());
  }
}
