package dev.assay.cli.stats;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The numbers of one CSV file, read line by line and never held whole: one number per line with an
 * optional header line, or with {@code column} the named column of a comma-separated file whose
 * first line is the header. Every value must be a finite decimal number; the first that is not
 * stops the read with the file name and line number.
 */
public final class NumberColumn {
  private static final int BUFFER_BYTES = 1 << 16;

  private final Path file;
  private final @Nullable String column;

  /** The numbers of {@code file}, in the column named {@code column} (null: the only column). */
  public NumberColumn(Path file, @Nullable String column) {
    this.file = file;
    this.column = column;
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /** Its size in bytes, for progress. */
  public long sizeBytes() {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new InvalidNumberException(file + ": cannot be read: " + e.getMessage());
    }
  }

  /** Receives the numbers a chunk at a time. */
  public interface ChunkSink {
    /** The next {@code count} values, in {@code values[0..count)}; the array is reused. */
    void accept(double[] values, int count);
  }

  /**
   * Reads every value, handing them to {@code sink} in chunks of at most {@code chunkSize}, and
   * telling {@code bytesRead} how far into the file it is.
   *
   * @return the number of values
   * @throws InvalidNumberException naming the file and line of the first bad value
   */
  public long read(int chunkSize, ChunkSink sink, LongConsumer bytesRead) {
    AtomicLong position = new AtomicLong();
    double[] chunk = new double[chunkSize];
    int filled = 0;
    long count = 0;
    try (InputStream raw = Files.newInputStream(file);
        BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(new Counting(raw, position), StandardCharsets.UTF_8),
                BUFFER_BYTES)) {
      String line = lines.readLine();
      long lineNumber = 1;
      int index = 0;
      if (line != null && column != null) {
        index = columnIndex(line);
        line = lines.readLine();
        lineNumber++;
      } else if (line != null && !looksNumeric(stripBom(line))) {
        line = lines.readLine(); // the header of a one-column file
        lineNumber++;
      }
      for (; line != null; line = lines.readLine(), lineNumber++) {
        chunk[filled++] = parse(field(line, index, lineNumber), lineNumber);
        count++;
        if (filled == chunkSize) {
          sink.accept(chunk, filled);
          filled = 0;
          bytesRead.accept(position.get());
        }
      }
      if (filled > 0) {
        sink.accept(chunk, filled);
      }
      bytesRead.accept(position.get());
    } catch (IOException e) {
      throw new InvalidNumberException(file + ": cannot be read: " + e.getMessage());
    }
    if (count == 0) {
      throw new InvalidNumberException(file + ": has no values");
    }
    return count;
  }

  private int columnIndex(String header) {
    List<String> names = List.of(stripBom(header).split(",", -1));
    for (int i = 0; i < names.size(); i++) {
      if (unquote(names.get(i).trim()).equals(column)) {
        return i;
      }
    }
    throw new InvalidNumberException(
        file + ": line 1: no column '" + column + "' in the header (" + header + ")");
  }

  private String field(String line, int index, long lineNumber) {
    if (column == null) {
      return line;
    }
    int start = 0;
    for (int i = 0; i < index; i++) {
      start = line.indexOf(',', start) + 1;
      if (start == 0) {
        throw new InvalidNumberException(
            file + ": line " + lineNumber + ": no column '" + column + "' (too few fields)");
      }
    }
    int end = line.indexOf(',', start);
    return unquote(line.substring(start, end < 0 ? line.length() : end));
  }

  private double parse(String text, long lineNumber) {
    String value = text.trim();
    if (!looksNumeric(value)) {
      throw bad(text, lineNumber);
    }
    try {
      double number = Double.parseDouble(value);
      if (!Double.isFinite(number)) {
        throw bad(text, lineNumber);
      }
      return number;
    } catch (NumberFormatException e) {
      throw bad(text, lineNumber);
    }
  }

  private InvalidNumberException bad(String text, long lineNumber) {
    String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
    return new InvalidNumberException(
        file + ": line " + lineNumber + ": '" + shown + "' is not a finite number");
  }

  /**
   * Whether {@code text} is made of decimal-number characters only: {@link Double#parseDouble}
   * alone would also take "NaN", "Infinity", hexadecimal and a trailing 'd' or 'f'.
   */
  static boolean looksNumeric(String text) {
    if (text.isEmpty()) {
      return false;
    }
    boolean digit = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
        return false;
      }
    }
    return digit;
  }

  private static String stripBom(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }

  private static String unquote(String text) {
    return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
        ? text.substring(1, text.length() - 1)
        : text;
  }

  /** Counts the bytes read through it. */
  private static final class Counting extends FilterInputStream {
    private final AtomicLong position;

    Counting(InputStream in, AtomicLong position) {
      super(in);
      this.position = position;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        position.incrementAndGet();
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        position.addAndGet(n);
      }
      return n;
    }
  }
}
