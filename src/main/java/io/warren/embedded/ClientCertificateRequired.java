package io.warren.embedded;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.warren.api.v1.WarrenAPIGrpc;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * On the TLS listener, every RPC but RequestCertificate needs a client certificate issued by the
 * cluster CA (the TLS layer verifies the chain when one is presented). Warren's manager only
 * requests a certificate and never checks it; we close that gap.
 */
final class ClientCertificateRequired implements ServerInterceptor {
  private static final String JOIN =
      WarrenAPIGrpc.getRequestCertificateMethod().getFullMethodName();

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    if (!JOIN.equals(call.getMethodDescriptor().getFullMethodName()) && !hasClientCert(call)) {
      call.close(Status.UNAUTHENTICATED.withDescription(
          "a client certificate from the cluster CA is required (join with a token first)"),
          new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }

  private static boolean hasClientCert(ServerCall<?, ?> call) {
    SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (session == null) {
      return false;
    }
    try {
      return session.getPeerCertificates().length > 0;
    } catch (SSLPeerUnverifiedException e) {
      return false;
    }
  }
}
