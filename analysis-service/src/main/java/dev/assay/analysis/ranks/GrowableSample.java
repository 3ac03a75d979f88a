package dev.assay.analysis.ranks;

/** A growable array of primitive doubles, for collecting a streamed sample without boxing. */
public final class GrowableSample {
  private double[] values = new double[1024];
  private int size;

  /** Appends one value. */
  public void add(double value) {
    if (size == values.length) {
      values = java.util.Arrays.copyOf(values, values.length * 2);
    }
    values[size++] = value;
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
