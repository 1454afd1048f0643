package io.warren.journal;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import net.openhft.posix.PosixAPI;
import net.openhft.posix.internal.PosixAPIHolder;
import net.openhft.posix.internal.jnr.JNRPosixAPI;

/**
 * The POSIX bindings Chronicle uses in this process: {@code msync} through JNA, every other call
 * through Chronicle's own jnr-ffi bindings, built on the first such call.
 *
 * <p>Why: as Chronicle's core initialises it builds its jnr-ffi bindings eagerly, and jnr-ffi
 * generates them with ASM at run time: about 100–150 ms of a cold start on this project's
 * machine, on the journal's open, i.e. inside crash recovery (docs/benchmarks-recovery.md). The
 * only POSIX call Chronicle makes for the journal is {@code msync} (its sync modes, and mapped
 * chunks synced as they are released). JNA is loaded at start anyway (Chronicle's thread-affinity
 * library uses it), so one JNA function serves that call and jnr-ffi is never built unless
 * Chronicle asks for something else.
 *
 * <p>{@link #install()} must run before Chronicle's classes initialise; it does nothing if
 * bindings are already in place.
 */
public final class ChroniclePosix implements PosixAPI {

  private static final Object LOCK = new Object();

  private volatile Function msync;
  private volatile PosixAPI full;
  /** Whether this thread's last call went through JNA (then JNA holds its errno). */
  private final ThreadLocal<Boolean> lastCallViaJna = ThreadLocal.withInitial(() -> false);

  private ChroniclePosix() {}

  /** Puts these bindings in Chronicle's holder unless some are there already. Idempotent. */
  public static void install() {
    synchronized (LOCK) {
      if (PosixAPIHolder.POSIX_API == null) {
        PosixAPIHolder.POSIX_API = new ChroniclePosix();
      }
    }
  }

  /** Whether Chronicle's full (jnr-ffi) bindings have been built in this process. */
  boolean fullBindingsBuilt() {
    return full != null;
  }

  @Override
  public int msync(long address, long length, int flags) {
    Function f = msync;
    if (f == null) {
      f = Function.getFunction(Platform.C_LIBRARY_NAME, "msync", Function.C_CONVENTION);
      msync = f;
    }
    lastCallViaJna.set(true);
    return f.invokeInt(new Object[] {address, length, flags});
  }

  /** The errno of this thread's last call, from whichever binding made it. */
  @Override
  public int lastError() {
    return lastCallViaJna.get() || full == null ? Native.getLastError() : full.lastError();
  }

  private PosixAPI full() {
    lastCallViaJna.set(false);
    PosixAPI p = full;
    if (p == null) {
      synchronized (LOCK) {
        p = full;
        if (p == null) {
          p = new JNRPosixAPI();
          full = p;
        }
      }
    }
    return p;
  }

  // ---------------------------------------------------------------- everything else: jnr-ffi

  @Override
  public int close(int fd) {
    return full().close(fd);
  }

  @Override
  public int fallocate(int fd, int mode, long offset, long length) {
    return full().fallocate(fd, mode, offset, length);
  }

  @Override
  public int ftruncate(int fd, long offset) {
    return full().ftruncate(fd, offset);
  }

  @Override
  public long lseek(int fd, long offset, int whence) {
    return full().lseek(fd, offset, whence);
  }

  @Override
  public int lockf(int fd, int cmd, long len) {
    return full().lockf(fd, cmd, len);
  }

  @Override
  public int madvise(long addr, long length, int advice) {
    return full().madvise(addr, length, advice);
  }

  @Override
  public long mmap(long addr, long length, int prot, int flags, int fd, long offset) {
    return full().mmap(addr, length, prot, flags, fd, offset);
  }

  @Override
  public boolean mlock(long addr, long length) {
    return full().mlock(addr, length);
  }

  @Override
  public boolean mlock2(long addr, long length, boolean onFault) {
    return full().mlock2(addr, length, onFault);
  }

  @Override
  public void mlockall(int flags) {
    full().mlockall(flags);
  }

  @Override
  public int munmap(long addr, long length) {
    return full().munmap(addr, length);
  }

  @Override
  public int open(CharSequence path, int flags, int perm) {
    return full().open(path, flags, perm);
  }

  @Override
  public long read(int fd, long dst, long len) {
    return full().read(fd, dst, len);
  }

  @Override
  public long write(int fd, long src, long len) {
    return full().write(fd, src, len);
  }

  @Override
  public int gettimeofday(long timeval) {
    return full().gettimeofday(timeval);
  }

  @Override
  public int sched_setaffinity(int pid, int cpusetsize, long mask) {
    return full().sched_setaffinity(pid, cpusetsize, mask);
  }

  @Override
  public int sched_getaffinity(int pid, int cpusetsize, long mask) {
    return full().sched_getaffinity(pid, cpusetsize, mask);
  }

  @Override
  public long clock_gettime(int clockId) {
    return full().clock_gettime(clockId);
  }

  @Override
  public long malloc(long size) {
    return full().malloc(size);
  }

  @Override
  public void free(long ptr) {
    full().free(ptr);
  }

  @Override
  public int get_nprocs() {
    return full().get_nprocs();
  }

  @Override
  public int get_nprocs_conf() {
    return full().get_nprocs_conf();
  }

  @Override
  public int getpid() {
    return full().getpid();
  }

  @Override
  public int gettid() {
    return full().gettid();
  }

  @Override
  public String strerror(int errno) {
    return full().strerror(errno);
  }
}
