package io.warren.runtime.containerd;

import com.google.protobuf.ByteString;
import com.google.protobuf.FieldMask;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.warren.runtime.containerd.proto.content.Info;
import io.warren.runtime.containerd.proto.content.InfoRequest;
import io.warren.runtime.containerd.proto.content.ReadContentRequest;
import io.warren.runtime.containerd.proto.content.ReadContentResponse;
import io.warren.runtime.containerd.proto.content.UpdateRequest;
import io.warren.runtime.containerd.proto.content.WriteAction;
import io.warren.runtime.containerd.proto.content.WriteContentRequest;
import io.warren.runtime.containerd.proto.content.WriteContentResponse;
import io.warren.runtime.image.Descriptor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/** containerd's content store: streaming writes (Content.Write), reads, and label updates. */
public final class ContentStore {
  private static final int CHUNK = 1 << 20;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ContentStore.class);
  private static final int WINDOW = 4;
  private final ContainerdConnection conn;

  public ContentStore(ContainerdConnection conn) {
    this.conn = conn;
  }

  /** True when the blob is in the content store. */
  public boolean exists(String digest) {
    try {
      conn.content().info(InfoRequest.newBuilder().setDigest(digest).build());
      return true;
    } catch (StatusRuntimeException e) {
      if (ContainerdErrors.isNotFound(e)) {
        return false;
      }
      throw e;
    }
  }

  public Info info(String digest) {
    return conn.content().info(InfoRequest.newBuilder().setDigest(digest).build()).getInfo();
  }

  /** Reads a whole blob (manifests, configs; small). */
  public byte[] read(String digest) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Iterator<ReadContentResponse> it = conn.content().read(
        ReadContentRequest.newBuilder().setDigest(digest).build());
    while (it.hasNext()) {
      out.writeBytes(it.next().getData().toByteArray());
    }
    return out.toByteArray();
  }

  /** Streams a blob: for layers read to find /etc/passwd. */
  public InputStream open(String digest) {
    Iterator<ReadContentResponse> it = conn.content().withDeadlineAfter(10, TimeUnit.MINUTES)
        .read(ReadContentRequest.newBuilder().setDigest(digest).build());
    return new InputStream() {
      private ByteString chunk = ByteString.EMPTY;
      private int pos;

      @Override
      public int read() {
        byte[] b = new byte[1];
        return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        while (pos >= chunk.size()) {
          if (!it.hasNext()) {
            return -1;
          }
          chunk = it.next().getData();
          pos = 0;
        }
        int n = Math.min(len, chunk.size() - pos);
        chunk.copyTo(b, pos, off, n);
        pos += n;
        return n;
      }
    };
  }

  /** Sets labels on a blob (only the given keys change). */
  public void updateLabels(String digest, Map<String, String> labels) {
    Info.Builder info = Info.newBuilder().setDigest(digest).putAllLabels(labels);
    FieldMask.Builder mask = FieldMask.newBuilder();
    labels.keySet().forEach(k -> mask.addPaths("labels." + k));
    conn.content().update(UpdateRequest.newBuilder().setInfo(info).setUpdateMask(mask).build());
  }

  /**
   * Writes a blob through a leased channel. containerd verifies size and digest at commit.
   *
   * @return false when the blob already existed (nothing written)
   */
  public boolean write(Channel leased, Descriptor d, InputStream data, Map<String, String> labels,
      LongConsumer progress) throws IOException {
    long t0 = System.nanoTime();
    Writer w = new Writer();
    ClientCallStreamObserverHolder holder = new ClientCallStreamObserverHolder();
    conn.contentAsync(leased).withDeadlineAfter(30, TimeUnit.MINUTES).write(holder.wrap(w));
    var req = holder.requests();
    String ref = "warren-" + d.digest();
    try {
      req.onNext(WriteContentRequest.newBuilder().setAction(WriteAction.STAT).setRef(ref)
          .setTotal(d.size()).setExpected(d.digest()).build());
      WriteContentResponse stat = w.take();
      if (stat == null) {
        return false; // ALREADY_EXISTS
      }
      long offset = stat.getOffset();
      // resume an interrupted ingest: skip what containerd already has
      data.skipNBytes(offset);
      progress.accept(offset);
      byte[] buf = new byte[CHUNK];
      int outstanding = 0;
      while (true) {
        int n = data.readNBytes(buf, 0, CHUNK);
        if (n <= 0) {
          break;
        }
        req.onNext(WriteContentRequest.newBuilder().setAction(WriteAction.WRITE).setRef(ref)
            .setOffset(offset).setData(ByteString.copyFrom(buf, 0, n)).build());
        offset += n;
        progress.accept(n);
        if (++outstanding > WINDOW) {
          requireResponse(w.take(), d);
          outstanding--;
        }
      }
      req.onNext(WriteContentRequest.newBuilder().setAction(WriteAction.COMMIT).setRef(ref)
          .setTotal(d.size()).setOffset(offset).setExpected(d.digest()).putAllLabels(labels).build());
      req.onCompleted();
      WriteContentResponse last = null;
      for (int i = 0; i <= outstanding; i++) {
        last = w.take();
        if (last == null) {
          return false; // committed concurrently by someone else
        }
      }
      if (!d.digest().equals(last.getDigest())) {
        throw new IOException("containerd committed " + last.getDigest() + " for " + d.digest());
      }
      LOG.debug("wrote {} ({} bytes) in {} ms", d.digest(), d.size(), (System.nanoTime() - t0) / 1_000_000);
      return true;
    } catch (RuntimeException | IOException e) {
      req.onError(e);
      throw e;
    }
  }

  private static void requireResponse(WriteContentResponse r, Descriptor d) throws IOException {
    if (r == null) {
      throw new IOException("content write of " + d.digest() + " ended early");
    }
  }

  /** Gives access to the request side of the bidi call. */
  private static final class ClientCallStreamObserverHolder {
    private ClientCallStreamObserver<WriteContentRequest> requests;

    ClientResponseObserver<WriteContentRequest, WriteContentResponse> wrap(Writer w) {
      return new ClientResponseObserver<>() {
        @Override
        public void beforeStart(ClientCallStreamObserver<WriteContentRequest> rs) {
          requests = rs;
        }

        @Override
        public void onNext(WriteContentResponse value) {
          w.queue.add(value);
        }

        @Override
        public void onError(Throwable t) {
          w.queue.add(t);
        }

        @Override
        public void onCompleted() {
          w.queue.add(Writer.END);
        }
      };
    }

    ClientCallStreamObserver<WriteContentRequest> requests() {
      return requests;
    }
  }

  /** Responses of one write call, consumed in order. */
  private static final class Writer {
    static final Object END = new Object();
    final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();

    /** Next response; null when the blob already exists. */
    WriteContentResponse take() throws IOException {
      Object o;
      try {
        o = queue.poll(10, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      if (o instanceof WriteContentResponse r) {
        return r;
      }
      if (o instanceof StatusRuntimeException sre && ContainerdErrors.isAlreadyExists(sre)) {
        return null;
      }
      if (o instanceof RuntimeException re) {
        throw re;
      }
      if (o instanceof Throwable t) {
        throw new IOException(t);
      }
      throw new IOException("content write stream ended without a response");
    }
  }
}
