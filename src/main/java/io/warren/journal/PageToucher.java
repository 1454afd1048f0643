package io.warren.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.core.UnsafeMemory;
import net.openhft.chronicle.core.io.ReferenceOwner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the page faults of the journal's memory-mapped cycle file off the appending thread.
 *
 * <p>Each checkpoint starts a new cycle file, and the first write into each 4 KiB page of a fresh
 * file costs a page fault (the kernel allocates the page and the file block): about 10 µs, every
 * fiftieth append or so, which alone put the append p99 above 5 µs (docs/benchmarks-journal.md).
 * After each append the writer hands this class the window just ahead of its write position; a
 * background thread writes into each page of the window with a compare-and-swap of 0 to 0, which
 * changes no byte (a record already written there is non-zero, so the swap fails) but makes the
 * kernel map the page writable, so the appender finds it ready.
 *
 * <p>The window's memory stays mapped while the thread works on it: the writer reserves the
 * chunk's {@link MappedBytesStore} before handing it over and the thread releases it afterwards.
 * Touching ahead only saves time: if anything about it fails, it turns itself off.
 * Only {@link #afterAppend} and {@link #close} are called by the writer, under its lock.
 */
final class PageToucher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PageToucher.class);

  static final long PAGE = 4096;
  /** How far ahead of the write position pages are touched. */
  static final long AHEAD = 512 * 1024;
  /** A new window is handed over once less than this is left touched ahead of the writer. */
  static final long REFILL = 256 * 1024;

  private final Thread thread;

  // writer side (the journal's lock)
  private BytesStore<?, ?> lastStore;
  private long touchedTo;
  private boolean off;

  // hand-over, guarded by this
  private MappedBytesStore pendingStore;
  private ReferenceOwner pendingOwner;
  private long pendingAddress;
  private long pendingLength;
  private boolean closed;
  private long pagesTouched;

  PageToucher(String name) {
    thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Called by the writer after each append with the appender's bytes (positioned after it).
   * Never throws: touching ahead only saves time, so a failure here turns it off and the append
   * stands.
   */
  void afterAppend(Bytes<?> bytes) {
    if (off) {
      return;
    }
    try {
      handOverAhead(bytes);
    } catch (RuntimeException e) {
      off = true;
      LOG.warn("journal page toucher off (appends go on, a little slower at times): {}",
          e.toString());
    }
  }

  private void handOverAhead(Bytes<?> bytes) {
    BytesStore<?, ?> store = bytes.bytesStore();
    long position = bytes.writePosition();
    if (store != lastStore) { // a new chunk or a new cycle file
      lastStore = store;
      touchedTo = position;
    }
    if (touchedTo - position >= REFILL || !(store instanceof MappedBytesStore)) {
      return;
    }
    MappedBytesStore mapped = (MappedBytesStore) store;
    long from = Math.max(touchedTo, position);
    long to = Math.min(from + AHEAD, mapped.safeLimit());
    if (to - from < PAGE) {
      touchedTo = Long.MAX_VALUE; // end of this chunk: the next one is a new store
      return;
    }
    long address = mapped.addressForWrite(from);
    ReferenceOwner owner = ReferenceOwner.temporary("journal-page-toucher");
    mapped.reserve(owner); // one owner per window: reservations may overlap
    hand(mapped, owner, address, to - from);
    touchedTo = to;
  }

  /** Pages touched so far (for tests and benchmarks). */
  synchronized long pagesTouched() {
    return pagesTouched;
  }

  private synchronized void hand(MappedBytesStore store, ReferenceOwner owner, long address,
      long length) {
    if (closed) {
      store.release(owner);
      return;
    }
    if (pendingStore != null) { // the thread fell behind: the newer window wins
      pendingStore.release(pendingOwner);
    }
    pendingStore = store;
    pendingOwner = owner;
    pendingAddress = address;
    pendingLength = length;
    notifyAll();
  }

  private void run() {
    while (true) {
      MappedBytesStore store;
      ReferenceOwner owner;
      long address;
      long length;
      synchronized (this) {
        while (pendingStore == null && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            closed = true;
          }
        }
        if (closed) {
          return;
        }
        store = pendingStore;
        owner = pendingOwner;
        address = pendingAddress;
        length = pendingLength;
        pendingStore = null;
      }
      try {
        long touched = touch(address, length);
        synchronized (this) {
          pagesTouched += touched;
        }
      } catch (RuntimeException | Error e) {
        LOG.debug("journal page toucher stopped touching a window: {}", e.toString());
      } finally {
        store.release(owner);
      }
    }
  }

  private static long touch(long address, long length) {
    long first = (address + PAGE - 1) & -PAGE;
    long end = address + length;
    long pages = 0;
    for (long page = first; page + Long.BYTES <= end; page += PAGE) {
      UnsafeMemory.MEMORY.compareAndSwapLong(page, 0L, 0L);
      pages++;
    }
    return pages;
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (pendingStore != null) {
        pendingStore.release(pendingOwner);
        pendingStore = null;
      }
      notifyAll();
    }
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
