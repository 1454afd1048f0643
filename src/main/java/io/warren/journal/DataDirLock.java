package io.warren.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one-writer rule: an exclusive {@code flock}-style lock on {@code <dataDir>/lock}, which holds
 * the owner's PID. The kernel drops the lock when the owner dies (even by kill -9), so a stale
 * file never blocks a restart; the PID in it is only for the error message.
 */
public final class DataDirLock implements AutoCloseable {

  public static final String FILE_NAME = "lock";

  private final Path dataDir;
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(Path dataDir, FileChannel channel, FileLock lock) {
    this.dataDir = dataDir;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock at once or fails.
   *
   * @throws DataDirLockedException naming the holder's PID when someone holds it
   * @throws JournalException when the directory or file cannot be created
   */
  public static DataDirLock acquire(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    FileChannel channel;
    try {
      Files.createDirectories(dataDir);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new JournalException("cannot open lock file " + file + ": " + e.getMessage(), e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by another channel in this very JVM: same answer as another process
    } catch (IOException e) {
      closeQuietly(channel);
      throw new JournalException("cannot lock " + file + ": " + e.getMessage(), e);
    }
    if (lock == null) {
      String holder = readPid(channel);
      closeQuietly(channel);
      throw new DataDirLockedException(dataDir, holder);
    }
    try {
      byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(pid), 0);
      channel.force(true);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new JournalException("cannot write PID to " + file + ": " + e.getMessage(), e);
    }
    return new DataDirLock(dataDir, channel, lock);
  }

  /** The PID recorded in {@code <dataDir>/lock}, "unknown" if there is none. */
  static String readPid(FileChannel channel) {
    try {
      ByteBuffer buf = ByteBuffer.allocate(32);
      channel.read(buf, 0);
      String pid = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
      return pid.isEmpty() ? "unknown" : pid;
    } catch (IOException e) {
      return "unknown";
    }
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // the channel close below releases it too
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing to do: closing a lock file we are giving up
    }
  }
}
