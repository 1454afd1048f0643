package io.warren.runtime.containerd;

import io.warren.runtime.image.Descriptor;
import io.warren.runtime.image.ImageConfig;
import io.warren.runtime.image.Manifest;
import java.util.List;

/**
 * A locally stored image, resolved down to its platform manifest.
 *
 * @param chainIds per layer; the last is the snapshot a container's rootfs is prepared from
 */
public record ResolvedImage(String name, Descriptor manifestDescriptor, Manifest manifest,
    ImageConfig config, List<String> chainIds) {
  public String topChainId() {
    return chainIds.get(chainIds.size() - 1);
  }
}
