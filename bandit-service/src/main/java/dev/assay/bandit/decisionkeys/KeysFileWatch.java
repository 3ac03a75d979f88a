package dev.assay.bandit.decisionkeys;

import dev.assay.runtime.log.EventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Keys from a file, re-read when its modification time or size changes. A new content that does not
 * parse, or that has no key signing now, is logged and ignored: the previous keys stay until the
 * file changes again.
 */
final class KeysFileWatch implements KeySource {
  private final Path file;
  private final Clock clock;

  /** The file as last seen (null: never, or it could not be seen). */
  private @Nullable Seen seen;

  private record Seen(FileTime modified, long size) {}

  KeysFileWatch(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  @Override
  public DecisionKeyRing initial() {
    seen = look();
    return checked(DecisionKeysFile.read(file));
  }

  @Override
  public Optional<DecisionKeyRing> next(DecisionKeyRing current) {
    Seen now = look();
    if (now == null || now.equals(seen)) {
      if (now == null && seen != null) {
        EventLog.warn(
            "bandit.decision_keys.file_missing",
            "path",
            file,
            "note",
            "keeping the " + current.keys().size() + " keys read before");
      }
      seen = now;
      return Optional.empty();
    }
    seen = now;
    try {
      return Optional.of(checked(DecisionKeysFile.read(file)));
    } catch (InvalidKeysFileException e) {
      EventLog.warn(
          "bandit.decision_keys.reload_failed",
          "path",
          file,
          "problem",
          String.valueOf(e.getMessage()),
          "note",
          "keeping the " + current.keys().size() + " keys read before");
      return Optional.empty();
    }
  }

  @Override
  public String describe() {
    return "file";
  }

  /** {@code ring} if a key of it signs now. */
  private DecisionKeyRing checked(DecisionKeyRing ring) {
    if (ring.signingKeyAt(clock.instant()).isEmpty()) {
      throw new InvalidKeysFileException(
          "decision keys file "
              + file
              + ": no key is active at "
              + clock.instant()
              + " (each key's activate_at is later); one key must be able to sign now");
    }
    return ring;
  }

  private @Nullable Seen look() {
    try {
      return new Seen(Files.getLastModifiedTime(file), Files.size(file));
    } catch (IOException e) {
      return null;
    }
  }
}
