package io.warren.runtime.image;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Docker-style image reference, normalised the way the Docker CLI and containerd do it:
 * {@code busybox} is {@code docker.io/library/busybox:latest}; {@code host:5000/a/b@sha256:...}
 * keeps its digest. The first path element is a registry host only if it contains '.' or ':' or
 * is {@code localhost}.
 *
 * @param registry host[:port], e.g. {@code docker.io} or {@code 127.0.0.1:5000}
 * @param repository path inside the registry, e.g. {@code library/busybox}
 * @param tag the tag, {@code latest} when neither tag nor digest was given; null with a digest only
 * @param digest {@code sha256:<hex>} or null
 */
public record ImageReference(String registry, String repository, String tag, String digest) {
  public static final String DOCKER_HUB = "docker.io";
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
  private static final Pattern HOST = Pattern.compile(
      "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::[0-9]{1,5})?"
      + "|\\[[0-9a-fA-F:]+\\](?::[0-9]{1,5})?");

  /**
   * Parses and normalises.
   *
   * @throws IllegalArgumentException naming the reference and what is wrong with it
   */
  public static ImageReference parse(String ref) {
    if (ref == null || ref.isBlank()) {
      throw bad(ref, "it is empty");
    }
    if (!ref.equals(ref.strip()) || ref.chars().anyMatch(Character::isWhitespace)) {
      throw bad(ref, "it contains whitespace");
    }
    String rest = ref;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        throw bad(ref, "digest '" + digest + "' is not sha256:<64 hex>");
      }
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw bad(ref, "tag '" + tag + "' is not valid");
      }
    }
    String registry = DOCKER_HUB;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        if (!HOST.matcher(first).matches()) {
          throw bad(ref, "registry host '" + first + "' is not valid");
        }
        registry = first.toLowerCase(Locale.ROOT);
        rest = rest.substring(slash + 1);
      }
    }
    if (rest.isEmpty()) {
      throw bad(ref, "the repository name is empty");
    }
    for (String component : rest.split("/", -1)) {
      if (!COMPONENT.matcher(component).matches()) {
        throw bad(ref, "repository component '" + component
            + "' must be lowercase letters, digits and separators");
      }
    }
    if (registry.equals(DOCKER_HUB) || registry.equals("index.docker.io")) {
      registry = DOCKER_HUB;
      if (!rest.contains("/")) {
        rest = "library/" + rest;
      }
    }
    if (rest.length() > 255) {
      throw bad(ref, "the repository name is longer than 255 characters");
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
    return new ImageReference(registry, rest, tag, digest);
  }

  private static IllegalArgumentException bad(String ref, String why) {
    return new IllegalArgumentException("image reference '" + ref + "' is invalid: " + why);
  }

  /** The name containerd stores the image under: registry/repository[:tag][@digest]. */
  @Override
  public String toString() {
    return registry + "/" + repository + (tag == null ? "" : ":" + tag)
        + (digest == null ? "" : "@" + digest);
  }

  /** The manifest reference to ask the registry for: the digest when present, else the tag. */
  public String manifestReference() {
    return digest != null ? digest : tag;
  }

  /** The host to talk to: Docker Hub's API lives at registry-1.docker.io. */
  public String apiHost() {
    return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
  }
}
