package io.warren.runtime.image;

import java.io.IOException;
import java.io.InputStream;

/** Where blobs come from when storing an image: an OCI layout on disk, or a registry. */
public interface BlobSource {
  /** Opens the blob's bytes (compressed as stored); the caller closes the stream. */
  InputStream open(Descriptor d) throws IOException;

  /** Reads a small blob (index, manifest, config) whole, verifying its digest. */
  default byte[] readSmall(Descriptor d) throws IOException {
    try (InputStream in = open(d)) {
      byte[] data = in.readNBytes(16 * 1024 * 1024);
      String got = Digests.of(data);
      if (!got.equals(d.digest())) {
        throw new IOException("digest mismatch for " + d.digest() + ": content hashes to " + got);
      }
      return data;
    }
  }
}
