package io.warren.embedded;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Join tokens as Warren issues them: 32 random bytes in hex, a role, valid 24 h, reusable, held
 * in memory only (a restarted manager issues new ones). Tokens are never logged.
 */
public final class JoinTokens {
  public static final Duration TTL = Duration.ofHours(24);

  /** An issued token. */
  public record Token(String value, String role, Instant expiresAt) {
    @Override
    public String toString() {
      return "Token{role=" + role + ", expiresAt=" + expiresAt + "}";
    }
  }

  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  private final Clock clock;
  private final SecureRandom random;

  public JoinTokens(Clock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  /** @param role {@code worker} or {@code manager} */
  public Token generate(String role) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    Token t = new Token(HexFormat.of().formatHex(b), role, clock.instant().plus(TTL));
    tokens.put(t.value(), t);
    tokens.values().removeIf(x -> x.expiresAt().isBefore(clock.instant()));
    return t;
  }

  /** The token if it was issued here and has not expired. */
  public Optional<Token> validate(String value) {
    if (value == null) {
      return Optional.empty();
    }
    Token t = tokens.get(value);
    if (t == null || !clock.instant().isBefore(t.expiresAt())) {
      return Optional.empty();
    }
    return Optional.of(t);
  }
}
