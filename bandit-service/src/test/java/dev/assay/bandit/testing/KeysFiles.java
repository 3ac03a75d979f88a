package dev.assay.bandit.testing;

import dev.assay.bandit.decisionkeys.DecisionKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Decision keys for tests and the keys files that hold them. */
public final class KeysFiles {
  private KeysFiles() {}

  /**
   * A key as a keys file lists it, with a secret derived from its id (the same id always gives the
   * same secret, so two replicas' files agree).
   */
  public record Entry(String id, Optional<Instant> activateAt) {
    /** The secret: 32 bytes drawn from a generator seeded with the id. */
    public byte[] secret() {
      byte[] secret = new byte[32];
      new Random(id.hashCode()).nextBytes(secret);
      return secret;
    }

    /** The secret as the file writes it. */
    public String secretBase64() {
      return Base64.getEncoder().encodeToString(secret());
    }

    /** The key itself, to sign ids in tests. */
    public DecisionKey key() {
      return new DecisionKey(id, secret(), activateAt);
    }

    String json() {
      return "{\"id\":\""
          + id
          + "\",\"secret\":\""
          + secretBase64()
          + "\""
          + activateAt.map(t -> ",\"activate_at\":\"" + t + "\"").orElse("")
          + "}";
    }
  }

  /** A key eligible from the start. */
  public static Entry always(String id) {
    return new Entry(id, Optional.empty());
  }

  /** A key signing from {@code at}. */
  public static Entry from(String id, Instant at) {
    return new Entry(id, Optional.of(at));
  }

  /** Writes a keys file of {@code entries} (replacing any file there). */
  public static Path write(Path file, Entry... entries) {
    return writeText(
        file,
        Stream.of(entries).map(Entry::json).collect(Collectors.joining(",", "{\"keys\":[", "]}")));
  }

  /**
   * Replaces {@code file} with {@code text} in one move, and makes its modification time differ
   * from the previous one's, as an edit a poll must notice does.
   */
  public static Path writeText(Path file, String text) {
    try {
      FileTime before =
          Files.exists(file) ? Files.getLastModifiedTime(file) : FileTime.fromMillis(0);
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      Files.setLastModifiedTime(temporary, FileTime.fromMillis(before.toMillis() + 2_000));
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
