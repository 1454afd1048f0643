package io.warren.manager;

import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the three kinds of channel a worker (or the admin CLI) opens to a manager. */
public final class ManagerChannels {
  private static final Logger log = LoggerFactory.getLogger(ManagerChannels.class);
  private static final String[] TLS13 = {"TLSv1.3"};

  private ManagerChannels() {}

  /**
   * TLS 1.3 without verifying the server and without a client certificate: only for the one
   * RequestCertificate call, before the CA is known (what Warren's worker does).
   */
  public static ManagedChannel joinChannel(HostPort address) {
    try {
      SslContext ssl = GrpcSslContexts.forClient()
          .trustManager(InsecureTrustManagerFactory.INSTANCE)
          .protocols(TLS13)
          .build();
      return NettyChannelBuilder.forAddress(address.host(), address.port()).sslContext(ssl).build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot set up TLS for the join call: " + e.getMessage(), e);
    }
  }

  /** Mutual TLS: our certificate and key, the server verified against the cluster CA. */
  public static ManagedChannel mutualTls(HostPort address, X509Certificate cert, PrivateKey key,
      List<X509Certificate> ca, Optional<String> serverName) {
    try {
      SslContext ssl = GrpcSslContexts.forClient()
          .keyManager(key, cert)
          .trustManager(ca.toArray(new X509Certificate[0]))
          .protocols(TLS13)
          .build();
      NettyChannelBuilder b = NettyChannelBuilder.forAddress(address.host(), address.port())
          .sslContext(ssl);
      serverName.ifPresent(b::overrideAuthority);
      return b.build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot set up mutual TLS: " + e.getMessage(), e);
    }
  }

  /** Plaintext, loopback only, for development; says loudly that it is insecure. */
  public static ManagedChannel plaintext(HostPort address) {
    if (!address.isLoopback()) {
      throw new IllegalArgumentException("plaintext gRPC is only allowed to a loopback address, got "
          + address);
    }
    log.warn("INSECURE: talking to the manager at {} over plaintext gRPC (no TLS, no identity); "
        + "for loopback development only", address);
    return NettyChannelBuilder.forAddress(address.host(), address.port()).usePlaintext().build();
  }
}
