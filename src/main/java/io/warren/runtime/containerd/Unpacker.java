package io.warren.runtime.containerd;

import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.warren.runtime.containerd.proto.diff.ApplyRequest;
import io.warren.runtime.containerd.proto.snapshots.CommitSnapshotRequest;
import io.warren.runtime.containerd.proto.snapshots.PrepareSnapshotRequest;
import io.warren.runtime.containerd.proto.snapshots.RemoveSnapshotRequest;
import io.warren.runtime.containerd.proto.snapshots.StatSnapshotRequest;
import io.warren.runtime.containerd.proto.types.Mount;
import io.warren.runtime.image.Descriptor;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Unpacks layers into committed overlayfs snapshots named by chain id: for each layer not yet
 * present, Prepare an extraction snapshot on its parent, Diff.Apply the layer (containerd handles
 * gzip), check the applied diff id, Commit. Runs under the caller's lease (facts §9).
 */
final class Unpacker {
  private final ContainerdConnection conn;
  private final ContentStore content;

  Unpacker(ContainerdConnection conn, ContentStore content) {
    this.conn = conn;
    this.content = content;
  }

  void unpack(Channel leased, List<Descriptor> layers, List<String> diffIds, List<String> chain)
      throws IOException {
    for (int i = 0; i < layers.size(); i++) {
      unpackLayer(leased, i, layers, diffIds, chain);
    }
  }

  /** Unpacks layer {@code i}; layers below it must be unpacked already. */
  void unpackLayer(Channel leased, int i, List<Descriptor> layers, List<String> diffIds, List<String> chain)
      throws IOException {
    var snaps = conn.snapshots(leased);
    {
      String chainId = chain.get(i);
      if (exists(snaps, chainId)) {
        return;
      }
      String key = "extract-" + UUID.randomUUID() + " " + chainId;
      PrepareSnapshotRequest.Builder prep = PrepareSnapshotRequest.newBuilder()
          .setSnapshotter(ImageStore.SNAPSHOTTER).setKey(key)
          .putLabels("containerd.io/snapshot.ref", chainId);
      if (i > 0) {
        prep.setParent(chain.get(i - 1));
      }
      List<Mount> mounts = snaps.prepare(prep.build()).getMountsList();
      boolean committed = false;
      try {
        Descriptor layer = layers.get(i);
        var applied = conn.diff(leased).apply(ApplyRequest.newBuilder()
            .setDiff(io.warren.runtime.containerd.proto.types.Descriptor.newBuilder()
                .setMediaType(layer.mediaType()).setDigest(layer.digest()).setSize(layer.size()))
            .addAllMounts(mounts).build()).getApplied();
        if (!applied.getDigest().equals(diffIds.get(i))) {
          throw new IOException("layer " + layer.digest() + " unpacked to diff id " + applied.getDigest()
              + ", the image config says " + diffIds.get(i));
        }
        try {
          snaps.commit(CommitSnapshotRequest.newBuilder().setSnapshotter(ImageStore.SNAPSHOTTER)
              .setName(chainId).setKey(key).build());
          committed = true;
        } catch (StatusRuntimeException e) {
          if (!ContainerdErrors.isAlreadyExists(e)) { // unpacked concurrently: fine
            throw e;
          }
        }
        content.updateLabels(layer.digest(), Map.of("containerd.io/uncompressed", diffIds.get(i)));
      } finally {
        if (!committed) {
          try {
            snaps.remove(RemoveSnapshotRequest.newBuilder().setSnapshotter(ImageStore.SNAPSHOTTER)
                .setKey(key).build());
          } catch (StatusRuntimeException ignored) {
            // the lease's expiry collects it
          }
        }
      }
    }
  }

  private static boolean exists(io.warren.runtime.containerd.proto.snapshots.SnapshotsGrpc.SnapshotsBlockingStub s,
      String key) {
    try {
      s.stat(StatSnapshotRequest.newBuilder().setSnapshotter(ImageStore.SNAPSHOTTER).setKey(key).build());
      return true;
    } catch (StatusRuntimeException e) {
      if (ContainerdErrors.isNotFound(e)) {
        return false;
      }
      throw e;
    }
  }
}
