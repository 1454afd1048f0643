package io.warren.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * The CLI's tables: left-aligned columns two spaces apart, each as wide as its widest cell, so
 * full task ids (UUIDs from the manager) and container ids line up whatever their length.
 */
public final class TextTable {
  private TextTable() {}

  public static void print(PrintWriter out, List<String> header, List<List<String>> rows) {
    int[] w = new int[header.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = header.get(i).length();
      for (List<String> r : rows) {
        w[i] = Math.max(w[i], r.get(i).length());
      }
    }
    line(out, header, w);
    for (List<String> r : rows) {
      line(out, r, w);
    }
    out.flush();
  }

  private static void line(PrintWriter out, List<String> cells, int[] w) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      b.append(c);
      if (i < cells.size() - 1) {
        b.append(" ".repeat(w[i] - c.length() + 2));
      }
    }
    out.println(b.toString().stripTrailing());
  }
}
