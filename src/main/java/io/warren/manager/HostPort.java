package io.warren.manager;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A {@code host:port} address, validated. IPv6 literals are written {@code [::1]:8080}. */
public record HostPort(String host, int port) {

  public HostPort {
    if (host == null || host.isBlank() || host.contains(" ")) {
      throw new IllegalArgumentException("host '" + host + "' is not a host name or IP address");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range 0..65535");
    }
  }

  /**
   * Parses {@code host:port}.
   *
   * @param field the option or field name, used in the error message
   * @throws IllegalArgumentException naming the field and the value
   */
  public static HostPort parse(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + ": an address host:port is required");
    }
    String v = value.trim();
    int colon = v.lastIndexOf(':');
    if (colon <= 0 || colon == v.length() - 1) {
      throw new IllegalArgumentException(field + ": '" + value + "' is not host:port");
    }
    String host = v.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(v.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + ": '" + value + "' has no numeric port");
    }
    try {
      return new HostPort(host, port);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": '" + value + "': " + e.getMessage());
    }
  }

  /** Whether the host is a loopback name or address (without a DNS lookup for other names). */
  public boolean isLoopback() {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!host.matches("[0-9.]+") && !host.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
