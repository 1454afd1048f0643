package io.warren.runtime.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A tiny Docker token service (the {@code auth: token:} realm of docker-registry): checks Basic
 * credentials, and issues RS256 JWTs whose {@code x5c} header carries a self-signed certificate
 * that the registry trusts through {@code rootcertbundle}. The same key and certificate serve the
 * registry's TLS. Only for tests.
 */
public final class TokenServer implements AutoCloseable {
  public static final String SERVICE = "warren-test-registry";
  public static final String ISSUER = "warren-test-issuer";
  public static final String USER = "warren";
  public static final String PASSWORD = "s3cret-test-only";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final Path cert;
  private final Path key;
  private final PrivateKey privateKey;
  private final String x5c;
  private final AtomicInteger issued = new AtomicInteger();

  public TokenServer(Path dir) throws Exception {
    cert = dir.resolve("cert.pem");
    key = dir.resolve("key.pem");
    ContainerdExtension.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
        "-out", cert.toString(), "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1");
    privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pem(key, "PRIVATE KEY")));
    X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(cert)));
    x5c = Base64.getEncoder().encodeToString(c.getEncoded());
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/token", this::token);
    server.start();
  }

  public String realm() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  public Path certFile() {
    return cert;
  }

  public Path keyFile() {
    return key;
  }

  /** How many tokens were handed out. */
  public int issued() {
    return issued.get();
  }

  private void token(HttpExchange ex) throws IOException {
    try (ex) {
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      String expected = "Basic " + Base64.getEncoder().encodeToString(
          (USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
      if (!expected.equals(auth)) {
        ex.sendResponseHeaders(401, -1);
        return;
      }
      List<String> scopes = new ArrayList<>();
      String q = ex.getRequestURI().getRawQuery();
      for (String kv : q == null ? new String[0] : q.split("&")) {
        if (kv.startsWith("scope=")) {
          scopes.add(URLDecoder.decode(kv.substring(6), StandardCharsets.UTF_8));
        }
      }
      byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("token", jwt(scopes)));
      issued.incrementAndGet();
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  private String jwt(List<String> scopes) throws Exception {
    ObjectNode header = JSON.createObjectNode().put("typ", "JWT").put("alg", "RS256");
    header.putArray("x5c").add(x5c);
    long now = System.currentTimeMillis() / 1000;
    ObjectNode claims = JSON.createObjectNode().put("iss", ISSUER).put("sub", USER).put("aud", SERVICE)
        .put("exp", now + 600).put("nbf", now - 60).put("iat", now).put("jti", UUID.randomUUID().toString());
    ArrayNode access = claims.putArray("access");
    for (String s : scopes) { // repository:<name>:<actions>
      String[] p = s.split(":");
      if (p.length == 3) {
        ObjectNode a = access.addObject().put("type", p[0]).put("name", p[1]);
        ArrayNode actions = a.putArray("actions");
        for (String act : p[2].split(",")) {
          actions.add(act);
        }
      }
    }
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signingInput = b64.encodeToString(JSON.writeValueAsBytes(header)) + "."
        + b64.encodeToString(JSON.writeValueAsBytes(claims));
    Signature sig = Signature.getInstance("SHA256withRSA");
    sig.initSign(privateKey);
    sig.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + b64.encodeToString(sig.sign());
  }

  private static byte[] pem(Path p, String type) throws IOException {
    String s = Files.readString(p);
    int a = s.indexOf("-----BEGIN " + type + "-----");
    int b = s.indexOf("-----END " + type + "-----");
    if (a < 0 || b < 0) {
      throw new IOException(p + " holds no " + type);
    }
    return Base64.getMimeDecoder().decode(s.substring(a + 16 + type.length(), b));
  }

  static SSLContext trustAllContext() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }}, new SecureRandom());
      return ctx;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
