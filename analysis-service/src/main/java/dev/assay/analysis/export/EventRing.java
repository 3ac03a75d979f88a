package dev.assay.analysis.export;

import dev.assay.runtime.errors.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The in-memory export log: the last {@code capacity} events in a ring, each with a sequence number
 * (1, 2, ...) that is its cursor. When full, the oldest event is overwritten; a cursor older than
 * the oldest kept resumes at the oldest kept. Thread-safe.
 *
 * @param <T> the event type
 */
public final class EventRing<T> {
  /** Most events one page examines, so a narrow filter cannot make one read scan the whole ring. */
  static final int MAX_SCANNED_PER_PAGE = 10_000;

  private final Object[] slots;
  private long nextSequence = 1;

  /** A ring keeping the last {@code capacity} events. */
  public EventRing(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.slots = new Object[capacity];
  }

  /** Appends an event; returns its sequence number. */
  public synchronized long append(T event) {
    long sequence = nextSequence++;
    slots[(int) (sequence % slots.length)] = event;
    return sequence;
  }

  /** Sequence number of the newest event (0 when none). */
  public synchronized long newest() {
    return nextSequence - 1;
  }

  /**
   * Up to {@code limit} events matching {@code filter} after {@code afterCursor} (empty: from the
   * oldest kept), oldest first.
   *
   * @throws ValidationException naming {@code after_cursor} if it is not a cursor of this ring
   */
  public synchronized ExportPage<T> after(String afterCursor, Predicate<T> filter, int limit) {
    long after = parse(afterCursor);
    long oldest = Math.max(1, nextSequence - slots.length);
    long sequence = Math.max(after + 1, oldest);
    List<ExportPage.Exported<T>> items = new ArrayList<>();
    String position = afterCursor;
    int scanned = 0;
    while (sequence < nextSequence && items.size() < limit && scanned < MAX_SCANNED_PER_PAGE) {
      @SuppressWarnings("unchecked") // only append stores into slots, and only Ts
      T event = (T) slots[(int) (sequence % slots.length)];
      position = Long.toString(sequence);
      if (filter.test(event)) {
        items.add(new ExportPage.Exported<>(event, position));
      }
      sequence++;
      scanned++;
    }
    return new ExportPage<>(items, position);
  }

  private long parse(String cursor) {
    if (cursor.isEmpty()) {
      return 0;
    }
    long value;
    try {
      value = cursor.length() > 19 ? -1 : Long.parseLong(cursor);
    } catch (NumberFormatException e) {
      value = -1;
    }
    if (value < 0 || value >= nextSequence) {
      throw ValidationException.of(
          "after_cursor",
          "must be a cursor this service returned (a sequence number up to the newest)");
    }
    return value;
  }
}
