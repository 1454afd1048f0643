package io.warren.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.posix.MSyncFlag;
import net.openhft.posix.PosixAPI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chronicle's POSIX calls go through {@link ChroniclePosix}: msync by JNA, jnr-ffi never built. */
class ChroniclePosixTest {

  private static final int EINVAL = 22;

  @TempDir Path dir;

  @Test
  void msyncOfAMappedPageSucceedsAndAnUnalignedAddressReportsEinval() throws Exception {
    ChroniclePosix.install();
    PosixAPI posix = PosixAPI.posix();
    assertInstanceOf(ChroniclePosix.class, posix, "Chronicle's holder has our bindings");
    MappedBytes bytes = MappedBytes.mappedBytes(dir.resolve("f").toFile(), 64 << 10);
    try {
      bytes.writeLong(0, 42);
      long address = bytes.addressForWrite(0); // the start of a mapping: page-aligned
      assertEquals(0, posix.msync(address, 4096, MSyncFlag.MS_SYNC));
      assertEquals(-1, posix.msync(address + 1, 4096, MSyncFlag.MS_SYNC.value()));
      assertEquals(EINVAL, posix.lastError());
    } finally {
      bytes.releaseLast();
    }
  }

  @Test
  void aJournalSyncingEveryRecordNeverBuildsTheJnrBindings() {
    ChroniclePosix.install();
    try (ChronicleJournal j = ChronicleJournal.builder(dir).sync(SyncMode.ALWAYS).open()) {
      for (int i = 0; i < 100; i++) {
        j.append(TestRecords.transition(i, 1));
      }
    }
    assertFalse(((ChroniclePosix) PosixAPI.posix()).fullBindingsBuilt(),
        "msync is the only POSIX call the journal makes");
  }
}
