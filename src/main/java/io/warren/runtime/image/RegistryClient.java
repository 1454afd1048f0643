package io.warren.runtime.image;

import java.io.FilterInputStream;
import io.warren.runtime.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The OCI distribution API, read side: manifests and blobs, with anonymous, Basic and bearer-token
 * auth (the WWW-Authenticate challenge names the token realm, service and scope). HTTPS uses the
 * JVM's (system) trust store; hosts in {@link RegistryConfig#plainHttp()} use plain HTTP, hosts in
 * {@link RegistryConfig#insecure()} skip certificate checks. Every byte is digest-verified.
 */
public final class RegistryClient {
  static final String ACCEPT = String.join(", ", MediaTypes.OCI_INDEX, MediaTypes.DOCKER_LIST,
      MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST);
  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private final RegistryConfig config;
  // Built on first use: an HttpClient brings the JDK's TLS stack (some 400 classes) and a
  // selector thread, which a worker whose images are all present locally never needs.
  private HttpClient verified;
  private HttpClient unverified;
  private final Map<String, String> authByScope = new ConcurrentHashMap<>();

  public RegistryClient(RegistryConfig config) {
    this.config = config;
  }

  /** A fetched manifest or index. */
  public record Fetched(String mediaType, String digest, byte[] body) {
    public Descriptor descriptor() {
      return Descriptor.of(mediaType, digest, body.length);
    }
  }

  /** GETs a manifest or index by tag or digest; a digest reference is verified. */
  public Fetched manifest(ImageReference ref, String reference) throws IOException {
    HttpResponse<InputStream> r = get(ref, "/manifests/" + reference, ACCEPT);
    byte[] body;
    try (InputStream in = r.body()) {
      body = in.readNBytes(8 * 1024 * 1024);
    }
    String digest = Digests.of(body);
    if (reference.startsWith("sha256:") && !reference.equals(digest)) {
      throw new RegistryException("manifest " + reference + " of " + ref + " hashes to " + digest, true, null);
    }
    String mt = r.headers().firstValue("Content-Type").map(s -> s.split(";")[0].trim()).orElse("");
    if (!MediaTypes.isIndex(mt) && !MediaTypes.isManifest(mt)) {
      mt = OciJson.mediaTypeOf(body, MediaTypes.OCI_MANIFEST);
    }
    return new Fetched(mt, digest, body);
  }

  /** Opens a blob; the stream throws at its end if size or digest do not match {@code d}. */
  public InputStream blob(ImageReference ref, Descriptor d) throws IOException {
    HttpResponse<InputStream> r = get(ref, "/blobs/" + Digests.require(d.digest(), "blob digest"), "*/*");
    return new VerifyingStream(r.body(), d);
  }

  private HttpResponse<InputStream> get(ImageReference ref, String path, String accept) throws IOException {
    String host = ref.apiHost();
    URI uri = URI.create(scheme(ref.registry()) + "://" + host + "/v2/" + ref.repository() + path);
    String scope = "repository:" + ref.repository() + ":pull";
    String key = host + " " + scope;
    for (int attempt = 0; attempt < 2; attempt++) {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).header("Accept", accept);
      String auth = authByScope.get(key);
      if (auth != null) {
        b.header("Authorization", auth);
      }
      HttpResponse<InputStream> r = send(ref, b.build());
      if (r.statusCode() == 200) {
        return r;
      }
      drain(r);
      if (r.statusCode() == 401 && attempt == 0) {
        String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
        authByScope.put(key, authorize(ref, challenge, scope));
        continue;
      }
      throw statusError(ref, path, r.statusCode());
    }
    throw new RegistryException("registry '" + ref.registry() + "' refused the credentials for " + ref, true, null);
  }

  /** Answers a WWW-Authenticate challenge with an Authorization header value. */
  private String authorize(ImageReference ref, String challenge, String scope) throws IOException {
    Optional<RegistryConfig.Credentials> creds = Optional.ofNullable(config.credentials().get(ref.registry()));
    if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
      RegistryConfig.Credentials c = creds.orElseThrow(() -> new RegistryException(
          "registry '" + ref.registry() + "' wants Basic auth and no credentials are configured for it", true, null));
      return basic(c);
    }
    if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
      throw new RegistryException("registry '" + ref.registry() + "' sent an unsupported auth challenge '"
          + challenge + "'", true, null);
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1), m.group(2));
    }
    String realm = params.get("realm");
    if (realm == null) {
      throw new RegistryException("registry '" + ref.registry() + "' sent a Bearer challenge without realm", true, null);
    }
    StringBuilder q = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?");
    if (params.containsKey("service")) {
      q.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8)).append('&');
    }
    q.append("scope=").append(URLEncoder.encode(params.getOrDefault("scope", scope), StandardCharsets.UTF_8));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(q.toString())).timeout(Duration.ofSeconds(30));
    creds.ifPresent(c -> b.header("Authorization", basic(c)));
    HttpResponse<byte[]> r;
    try {
      r = client(URI.create(realm).getHost()).send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (IOException e) {
      throw new RegistryException("token service " + realm + " of registry '" + ref.registry()
          + "' is unreachable: " + e, false, e);
    }
    if (r.statusCode() != 200) {
      throw new RegistryException("token service " + realm + " refused a token for " + ref + " (HTTP "
          + r.statusCode() + (creds.isEmpty() ? ", no credentials configured" : "") + ")", true, null);
    }
    Map<String, Object> json = Json.parseObject(r.body(), "token service answer");
    String token = Json.text(json, "token", Json.text(json, "access_token", ""));
    if (token.isEmpty()) {
      throw new RegistryException("token service " + realm + " answered without a token", true, null);
    }
    return "Bearer " + token;
  }

  private static String basic(RegistryConfig.Credentials c) {
    return "Basic " + Base64.getEncoder().encodeToString(
        (c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<InputStream> send(ImageReference ref, HttpRequest req) throws IOException {
    try {
      return client(ref.registry()).send(req, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ConnectException e) {
      Throwable c = e.getCause() != null ? e.getCause() : e;
      // the JDK client reports a failed DNS lookup as a bare ConnectException: ask DNS ourselves
      boolean unknown = c instanceof UnknownHostException || !resolvable(req.uri().getHost());
      throw new RegistryException("registry '" + ref.registry() + "' is " + (unknown ? "unknown (DNS lookup failed)"
          : "unreachable (" + c + ")"), unknown, e);
    } catch (HttpTimeoutException e) {
      throw new RegistryException("registry '" + ref.registry() + "' timed out", false, e);
    } catch (IOException e) {
      Throwable c = e.getCause();
      if (c instanceof UnknownHostException || e instanceof UnknownHostException) {
        throw new RegistryException("registry '" + ref.registry() + "' is unknown (DNS lookup failed)", true, e);
      }
      throw new RegistryException("registry '" + ref.registry() + "': " + e, false, e);
    }
  }

  private static boolean resolvable(String host) {
    try {
      java.net.InetAddress.getAllByName(host);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private RegistryException statusError(ImageReference ref, String path, int code) {
    String what = path.startsWith("/manifests/") ? "manifest " + path.substring(11) : "blob " + path.substring(7);
    return switch (code) {
      case 404 -> new RegistryException("registry '" + ref.registry() + "' has no " + what + " for "
          + ref.repository() + " (image " + ref + " not found)", true, null);
      case 401, 403 -> new RegistryException("registry '" + ref.registry() + "' denied access to " + ref
          + " (HTTP " + code + ")", true, null);
      default -> new RegistryException("registry '" + ref.registry() + "' answered HTTP " + code + " for " + what,
          code >= 400 && code < 500 && code != 429, null);
    };
  }

  private String scheme(String registry) {
    return config.plainHttp().contains(registry) ? "http" : "https";
  }

  private synchronized HttpClient client(String host) {
    for (String h : config.insecure()) {
      if (h.equals(host) || h.startsWith(host + ":")) {
        if (unverified == null) {
          unverified = newClient().sslContext(trustAll()).build();
        }
        return unverified;
      }
    }
    if (verified == null) {
      verified = newClient().build();
    }
    return verified;
  }

  private static HttpClient.Builder newClient() {
    return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
        .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10));
  }

  private static void drain(HttpResponse<InputStream> r) {
    try (InputStream in = r.body()) {
      in.readNBytes(64 * 1024);
    } catch (IOException ignored) {
      // error body only
    }
  }

  private static SSLContext trustAll() {
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

  /** Checks size and sha256 as the bytes stream past; fails at EOF on a mismatch. */
  private static final class VerifyingStream extends FilterInputStream {
    private final Descriptor d;
    private final MessageDigest md = Digests.sha256();
    private long count;
    private boolean checked;

    VerifyingStream(InputStream in, Descriptor d) {
      super(in);
      this.d = d;
    }

    @Override
    public int read() throws IOException {
      byte[] b = new byte[1];
      return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        md.update(b, off, n);
        count += n;
        if (count > d.size()) {
          throw new IOException("blob " + d.digest() + " is larger than its descriptor's " + d.size() + " bytes");
        }
      } else if (n < 0 && !checked) {
        checked = true;
        String got = Digests.hex(md);
        if (count != d.size() || !got.equals(d.digest())) {
          throw new IOException("blob " + d.digest() + " failed verification: got " + count + " bytes hashing to "
              + got);
        }
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buf = new byte[8192];
      long left = n;
      while (left > 0) {
        int r = read(buf, 0, (int) Math.min(buf.length, left));
        if (r < 0) {
          break;
        }
        left -= r;
      }
      return n - left;
    }
  }
}
