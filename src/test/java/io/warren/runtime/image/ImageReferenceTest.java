package io.warren.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {
  @Test
  void normalisesLikeDocker() {
    assertEquals("docker.io/library/busybox:latest", ImageReference.parse("busybox").toString());
    assertEquals("docker.io/library/busybox:1.36", ImageReference.parse("busybox:1.36").toString());
    assertEquals("docker.io/me/app:latest", ImageReference.parse("me/app").toString());
    assertEquals("docker.io/library/redis:7", ImageReference.parse("index.docker.io/redis:7").toString());
    assertEquals("127.0.0.1:5000/a/b:latest", ImageReference.parse("127.0.0.1:5000/a/b").toString());
    assertEquals("localhost/x:1", ImageReference.parse("localhost/x:1").toString());
    String d = "sha256:" + "a".repeat(64);
    ImageReference byDigest = ImageReference.parse("ghcr.io/o/r@" + d);
    assertEquals(d, byDigest.manifestReference());
    assertEquals("ghcr.io/o/r@" + d, byDigest.toString());
    assertEquals("registry-1.docker.io", ImageReference.parse("busybox").apiHost());
  }

  @Test
  void rejectsMalformedReferencesNamingThem() {
    for (String bad : new String[] {"", "Busybox", "a b", "busybox:", "busybox@sha256:12", "host:99999999/x",
        "a//b", "-lead"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(bad));
      assertTrue(e.getMessage().startsWith("image reference '" + bad + "'"), e.getMessage());
    }
  }
}
