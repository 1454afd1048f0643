package io.warren.runtime.containerd;

import io.grpc.StatusRuntimeException;
import io.warren.runtime.ContainerRuntime.PullProgress;
import io.warren.runtime.containerd.proto.images.CreateImageRequest;
import io.warren.runtime.containerd.proto.images.GetImageRequest;
import io.warren.runtime.containerd.proto.images.Image;
import io.warren.runtime.containerd.proto.images.ListImagesRequest;
import io.warren.runtime.containerd.proto.images.UpdateImageRequest;
import io.warren.runtime.containerd.proto.snapshots.StatSnapshotRequest;
import io.warren.runtime.image.BlobSource;
import io.warren.runtime.image.Descriptor;
import io.warren.runtime.image.Digests;
import io.warren.runtime.image.ImageConfig;
import io.warren.runtime.image.Manifest;
import io.warren.runtime.image.MediaTypes;
import io.warren.runtime.image.OciJson;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Images in containerd: storing one (content under a lease, GC labels, the image record, unpack)
 * and resolving a stored one to its platform manifest, config and chain ids. Resolutions are
 * cached per manifest digest (content is immutable), which saves a few ms per container start.
 */
public final class ImageStore {
  public static final String SNAPSHOTTER = "overlayfs";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ImageStore.class);
  private final ContainerdConnection conn;
  private final ContentStore content;
  private final Map<String, ResolvedImage> byManifest = new ConcurrentHashMap<>();

  public ImageStore(ContainerdConnection conn) {
    this.conn = conn;
    this.content = new ContentStore(conn);
  }

  public ContentStore content() {
    return content;
  }

  /** The stored image record, or empty. */
  public Optional<Image> get(String name) {
    try {
      return Optional.of(conn.images().get(GetImageRequest.newBuilder().setName(name).build()).getImage());
    } catch (StatusRuntimeException e) {
      if (ContainerdErrors.isNotFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  public List<Image> list() {
    return conn.images().list(ListImagesRequest.getDefaultInstance()).getImagesList();
  }

  /** Resolves a stored image (index → linux/amd64 manifest → config), or empty if absent. */
  public Optional<ResolvedImage> resolve(String name) {
    Optional<Image> img = get(name);
    if (img.isEmpty()) {
      return Optional.empty();
    }
    var t = img.get().getTarget();
    Descriptor target = Descriptor.of(t.getMediaType(), t.getDigest(), t.getSize());
    ResolvedImage cached = byManifest.get(target.digest());
    if (cached != null && cached.name().equals(name)) {
      return Optional.of(cached);
    }
    if (MediaTypes.isIndex(target.mediaType())) {
      target = OciJson.selectPlatform(OciJson.indexEntries(content.read(target.digest())), "image " + name);
    }
    Manifest m = OciJson.manifest(content.read(target.digest()));
    ImageConfig config = OciJson.config(content.read(m.config().digest()));
    ResolvedImage r = new ResolvedImage(name, target, m, config, Arrays.asList(Digests.chainIds(config.diffIds())));
    byManifest.put(target.digest(), r);
    return Optional.of(r);
  }

  /** True when the image's top layer snapshot exists (the image is unpacked). */
  public boolean unpacked(ResolvedImage img) {
    try {
      conn.snapshots().stat(StatSnapshotRequest.newBuilder().setSnapshotter(SNAPSHOTTER)
          .setKey(img.topChainId()).build());
      return true;
    } catch (StatusRuntimeException e) {
      if (ContainerdErrors.isNotFound(e)) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Stores a platform manifest and everything it references, records the image under {@code name},
   * and unpacks it. Idempotent: blobs and snapshots already present are skipped.
   */
  public ResolvedImage store(String name, Descriptor manifestDesc, BlobSource source, PullProgress progress)
      throws IOException {
    byte[] manifestJson = source.readSmall(manifestDesc);
    Manifest m = OciJson.manifest(manifestJson);
    byte[] configJson = source.readSmall(m.config());
    ImageConfig config = OciJson.config(configJson);
    OciJson.requirePlatform(config, "image " + name);
    if (config.diffIds().size() != m.layers().size()) {
      throw new IOException("image " + name + ": config lists " + config.diffIds().size()
          + " diff_ids for " + m.layers().size() + " layers");
    }
    List<String> chain = Arrays.asList(Digests.chainIds(config.diffIds()));
    long total = m.layers().stream().mapToLong(Descriptor::size).sum();
    AtomicLong done = new AtomicLong();
    int layers = m.layers().size();
    progress.update(0, total, 0, layers);
    long t0 = System.nanoTime();
    long tFetched;
    try (Lease lease = Lease.create(conn, "image", Duration.ofHours(1))) {
      var ch = lease.channel();
      // Fetch config and layers concurrently, and unpack each layer as soon as it and the layers
      // below it are in (containerd's own client pipelines the same way).
      var configWrite = LAYER_POOL.submit(() -> content.write(ch, m.config(),
          new java.io.ByteArrayInputStream(configJson), Map.of(), n -> { }));
      List<java.util.concurrent.Future<Void>> layerWrites = writeLayers(ch, m.layers(), source, progress, done,
          total);
      Unpacker unpacker = new Unpacker(conn, content);
      try {
        for (int i = 0; i < layers; i++) {
          join(layerWrites.get(i));
          unpacker.unpackLayer(ch, i, m.layers(), config.diffIds(), chain);
        }
        join(configWrite);
      } finally {
        layerWrites.forEach(f -> f.cancel(true));
      }
      Map<String, String> refs = new HashMap<>();
      refs.put("containerd.io/gc.ref.content.config", m.config().digest());
      for (int i = 0; i < layers; i++) {
        refs.put("containerd.io/gc.ref.content.l." + i, m.layers().get(i).digest());
      }
      content.write(ch, manifestDesc, new java.io.ByteArrayInputStream(manifestJson), refs, n -> {});
      // an existing manifest keeps its old labels: set them explicitly either way
      content.updateLabels(manifestDesc.digest(), refs);
      record(name, manifestDesc);
      tFetched = System.nanoTime();
      content.updateLabels(m.config().digest(),
          Map.of("containerd.io/gc.ref.snapshot." + SNAPSHOTTER, chain.get(chain.size() - 1)));
    }
    LOG.debug("stored {}: fetch+unpack {} ms, labels+lease {} ms", name, (tFetched - t0) / 1_000_000,
        (System.nanoTime() - tFetched) / 1_000_000);
    ResolvedImage r = new ResolvedImage(name, manifestDesc, m, config, chain);
    byManifest.put(manifestDesc.digest(), r);
    return r;
  }

  /**
   * Streams the layers into the content store, up to {@link #PARALLEL_LAYERS} at a time (as
   * containerd's own client does); blobs already present are skipped.
   */
  private List<java.util.concurrent.Future<Void>> writeLayers(io.grpc.Channel ch, List<Descriptor> layers,
      BlobSource source, PullProgress progress, AtomicLong done, long total) {
    java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
    int n = layers.size();
    List<java.util.concurrent.Future<Void>> futures = new ArrayList<>();
    for (Descriptor layer : layers) {
      futures.add(LAYER_POOL.submit(() -> {
        if (!content.exists(layer.digest())) {
          try (InputStream in = source.open(layer)) {
            content.write(ch, layer, in, Map.of(), b -> progress.update(done.addAndGet(b), total, finished.get(), n));
          }
        } else {
          done.addAndGet(layer.size());
        }
        progress.update(done.get(), total, finished.incrementAndGet(), n);
        return null;
      }));
    }
    return futures;
  }

  private static void join(java.util.concurrent.Future<?> f) throws IOException {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(c);
    }
  }

  private static final int PARALLEL_LAYERS = 4;
  private static final java.util.concurrent.ExecutorService LAYER_POOL =
      java.util.concurrent.Executors.newFixedThreadPool(PARALLEL_LAYERS, r -> {
        Thread t = new Thread(r, "image-layer-fetch");
        t.setDaemon(true);
        return t;
      });

  private void record(String name, Descriptor target) {
    Image img = Image.newBuilder().setName(name).setTarget(
        io.warren.runtime.containerd.proto.types.Descriptor.newBuilder().setMediaType(target.mediaType())
            .setDigest(target.digest()).setSize(target.size())).build();
    try {
      conn.images().create(CreateImageRequest.newBuilder().setImage(img).build());
    } catch (StatusRuntimeException e) {
      if (!ContainerdErrors.isAlreadyExists(e)) {
        throw e;
      }
      conn.images().update(UpdateImageRequest.newBuilder().setImage(img).build());
    }
  }
}
