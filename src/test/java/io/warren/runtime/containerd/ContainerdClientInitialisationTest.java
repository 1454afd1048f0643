package io.warren.runtime.containerd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The daemon's preload initialises the containerd client by class name: every name must still
 * exist, or a gRPC or netty upgrade would silently move that work back into crash recovery.
 */
class ContainerdClientInitialisationTest {
  @Test
  void everyNamedClientClassExistsAndInitialises() {
    assertEquals(ContainerdConnection.CLIENT_CLASSES.length,
        ContainerdConnection.initialiseLibrary());
  }
}
