package io.warren.runtime.containerd;

import io.warren.runtime.image.BlobSource;
import io.warren.runtime.image.Descriptor;
import java.io.InputStream;

/** Blobs already in containerd's content store (to re-unpack an image whose snapshots went away). */
final class ContentBlobSource implements BlobSource {
  private final ContentStore content;

  ContentBlobSource(ContentStore content) {
    this.content = content;
  }

  @Override
  public InputStream open(Descriptor d) {
    return content.open(d.digest());
  }
}
