package io.warren.internal;

/**
 * Runs the static initialisers of classes named as strings (some are package-private in their
 * libraries), ahead of their first use: the start-up preloads of the journal and the containerd
 * client use it to move library initialisation off crash recovery's path.
 */
public final class ClassInitialisation {
  private ClassInitialisation() {}

  /**
   * Initialises each named class that exists; a name a later library version no longer has is
   * skipped (its initialiser then runs on first use: slower, never wrong).
   *
   * @return how many of the names were found and initialised
   */
  public static int initialise(ClassLoader loader, String... names) {
    int initialised = 0;
    for (String name : names) {
      try {
        Class.forName(name, true, loader);
        initialised++;
      } catch (ClassNotFoundException e) {
        // renamed or removed upstream: see above
      }
    }
    return initialised;
  }
}
