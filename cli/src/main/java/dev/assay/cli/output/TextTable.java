package dev.assay.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Plain aligned text columns: a header row, then one row per item, two spaces between columns. */
public final class TextTable {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  /** A table with these column headers. */
  public TextTable(String... headers) {
    this.headers = List.of(headers);
  }

  /**
   * Adds a row; cells are cleaned of control characters.
   *
   * @throws IllegalArgumentException if the row has not one cell per column
   */
  public TextTable add(String... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "expected " + headers.size() + " cells, got " + cells.length);
    }
    List<String> row = new ArrayList<>(cells.length);
    for (String cell : cells) {
      row.add(TerminalText.clean(cell));
    }
    rows.add(row);
    return this;
  }

  /** The number of rows added. */
  public int size() {
    return rows.size();
  }

  /** Prints the header and the rows; the last column is not padded. */
  public void print(PrintWriter out) {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    printRow(out, headers, widths);
    rows.forEach(row -> printRow(out, row, widths));
    out.flush();
  }

  private static void printRow(PrintWriter out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      line.append(cell);
      if (i < cells.size() - 1) {
        line.append(" ".repeat(widths[i] - cell.length() + 2));
      }
    }
    out.println(line.toString().stripTrailing());
  }
}
