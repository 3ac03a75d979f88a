package dev.assay.analysis.ranks;

import java.util.Arrays;

/**
 * A growable array of primitive doubles, for collecting a streamed sample without boxing. Its
 * memory is accounted: it asks {@link Memory} before every allocation (which may refuse by
 * throwing) and reports what it lets go, so a server can bound what all streams hold together.
 */
public final class GrowableSample {
  private static final int FIRST_CAPACITY = 1024;
  private static final double[] EMPTY = new double[0];

  /** Where the sample reserves the bytes of its arrays before allocating them. */
  public interface Memory {
    /** Reserves {@code bytes}, or throws when they may not be taken. */
    void reserve(long bytes);

    /** Returns {@code bytes} reserved earlier. */
    void release(long bytes);
  }

  private final Memory memory;
  private final int maxCapacity;
  private double[] values = EMPTY;
  private int size;

  /** An empty sample that never holds more than {@code maxCapacity} values. */
  public GrowableSample(Memory memory, int maxCapacity) {
    this.memory = memory;
    this.maxCapacity = maxCapacity;
  }

  /** Appends one value; throws IllegalStateException beyond the maximum capacity. */
  public void add(double value) {
    if (size == values.length) {
      grow();
    }
    values[size++] = value;
  }

  private void grow() {
    if (values.length >= maxCapacity) {
      throw new IllegalStateException("sample is full at " + maxCapacity + " values");
    }
    int capacity = (int) Math.min(maxCapacity, Math.max(FIRST_CAPACITY, 2L * values.length));
    // The old and new arrays coexist while copying: reserve the new one first.
    memory.reserve(8L * capacity);
    double[] grown = Arrays.copyOf(values, capacity);
    memory.release(8L * values.length);
    values = grown;
  }

  /** Drops every value and returns the memory. */
  public void clear() {
    memory.release(8L * values.length);
    values = EMPTY;
    size = 0;
  }

  /** The backing array; only the first {@link #size()} entries are values. */
  public double[] values() {
    return values;
  }

  /** How many values were added. */
  public int size() {
    return size;
  }
}
