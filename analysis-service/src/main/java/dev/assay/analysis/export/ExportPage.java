package dev.assay.analysis.export;

import java.util.List;

/**
 * One page of an export, oldest first.
 *
 * @param items the matching events with their cursors
 * @param position where the next page starts: the cursor of the last event examined (matching or
 *     not), or the request's cursor if none was; resuming after it skips nothing
 * @param <T> the event type
 */
public record ExportPage<T>(List<Exported<T>> items, String position) {
  /** Copies the list. */
  public ExportPage {
    items = List.copyOf(items);
  }

  /**
   * One exported event.
   *
   * @param item the event
   * @param cursor its position; resuming after it starts with the next event
   * @param <T> the event type
   */
  public record Exported<T>(T item, String cursor) {}
}
