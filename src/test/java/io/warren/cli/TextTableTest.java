package io.warren.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

  @Test
  void everyColumnStartsWhereItsHeaderDoesWhateverTheCellsLength() {
    StringWriter s = new StringWriter();
    TextTable.print(new PrintWriter(s), List.of("TASK", "STATE", "ATTEMPT"), List.of(
        List.of("252657fd-06ad-401c-9f0a-37cfdb2af840", "running", "1"),
        List.of("t1", "backing-off", "12")));
    assertEquals("""
        TASK                                  STATE        ATTEMPT
        252657fd-06ad-401c-9f0a-37cfdb2af840  running      1
        t1                                    backing-off  12
        """, s.toString());
  }
}
