package io.warren.runtime.image;

import io.warren.runtime.ContainerRuntime.PullProgress;
import io.warren.runtime.RuntimeFailure;
import io.warren.runtime.containerd.ContainerdRuntime;
import io.warren.runtime.containerd.ImageStore;
import io.warren.runtime.containerd.ResolvedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pulls an image natively: resolves the reference at the registry (an index to its linux/amd64
 * manifest), then stores it through {@link ImageStore} (content under a lease, image record,
 * unpack), streaming each layer from the registry straight into containerd's content store.
 */
public final class RegistryPuller implements ContainerdRuntime.ImagePuller {
  private final RegistryClient client;

  public RegistryPuller(RegistryClient client) {
    this.client = client;
  }

  @Override
  public ResolvedImage pull(ImageReference ref, ImageStore store, PullProgress progress)
      throws IOException, RuntimeFailure {
    try {
      RegistryClient.Fetched top = client.manifest(ref, ref.manifestReference());
      Map<String, byte[]> small = new ConcurrentHashMap<>();
      small.put(top.digest(), top.body());
      Descriptor manifest = top.descriptor();
      if (MediaTypes.isIndex(top.mediaType())) {
        manifest = OciJson.selectPlatform(OciJson.indexEntries(top.body()), "image " + ref);
        RegistryClient.Fetched m = client.manifest(ref, manifest.digest());
        small.put(m.digest(), m.body());
        manifest = Descriptor.of(m.mediaType(), m.digest(), m.body().length);
      } else if (!MediaTypes.isManifest(top.mediaType())) {
        throw new RegistryException("image " + ref + " has unsupported manifest type '" + top.mediaType() + "'",
            true, null);
      }
      BlobSource source = new BlobSource() {
        @Override
        public InputStream open(Descriptor d) throws IOException {
          byte[] cached = small.get(d.digest());
          return cached != null ? new ByteArrayInputStream(cached) : client.blob(ref, d);
        }
      };
      return store.store(ref.toString(), manifest, source, progress);
    } catch (RegistryException e) {
      if (e.fatal()) {
        throw new RuntimeFailure(RuntimeFailure.Kind.FATAL, e.getMessage(), e);
      }
      throw e;
    } catch (IllegalArgumentException e) {
      throw new RuntimeFailure(RuntimeFailure.Kind.FATAL, e.getMessage(), e);
    }
  }
}
