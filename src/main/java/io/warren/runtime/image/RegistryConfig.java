package io.warren.runtime.image;

import java.util.Map;
import java.util.Set;

/**
 * How to reach registries.
 *
 * @param plainHttp hosts (host[:port]) spoken to over plain HTTP
 * @param insecure hosts whose HTTPS certificate is not verified (self-signed test registries)
 * @param credentials per host: used for Basic auth and to obtain bearer tokens; never logged
 */
public record RegistryConfig(Set<String> plainHttp, Set<String> insecure, Map<String, Credentials> credentials) {
  public static final RegistryConfig DEFAULT = new RegistryConfig(Set.of(), Set.of(), Map.of());

  public RegistryConfig {
    plainHttp = Set.copyOf(plainHttp);
    insecure = Set.copyOf(insecure);
    credentials = Map.copyOf(credentials);
  }

  /** A user name and password (or token). toString hides the secret. */
  public record Credentials(String username, String password) {
    @Override
    public String toString() {
      return "Credentials[" + username + ", ****]";
    }
  }
}
