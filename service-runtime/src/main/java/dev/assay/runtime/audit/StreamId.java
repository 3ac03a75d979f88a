package dev.assay.runtime.audit;

/**
 * A Redis stream id, {@code <milliseconds>-<sequence>}, compared numerically.
 *
 * @param millis the milliseconds part
 * @param sequence the sequence part
 */
record StreamId(long millis, long sequence) implements Comparable<StreamId> {
  /**
   * @throws IllegalArgumentException if {@code id} is not a stream id
   */
  static StreamId parse(String id) {
    int dash = id.indexOf('-');
    if (dash <= 0 || dash == id.length() - 1 || id.length() > 41) {
      throw new IllegalArgumentException("not a page token this service issued");
    }
    try {
      long millis = Long.parseLong(id.substring(0, dash));
      long sequence = Long.parseLong(id.substring(dash + 1));
      if (millis < 0 || sequence < 0) {
        throw new IllegalArgumentException("not a page token this service issued");
      }
      return new StreamId(millis, sequence);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a page token this service issued", e);
    }
  }

  @Override
  public int compareTo(StreamId other) {
    int byMillis = Long.compare(millis, other.millis);
    return byMillis != 0 ? byMillis : Long.compare(sequence, other.sequence);
  }

  @Override
  public String toString() {
    return millis + "-" + sequence;
  }
}
