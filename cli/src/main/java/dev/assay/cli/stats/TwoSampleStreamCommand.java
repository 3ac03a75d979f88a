package dev.assay.cli.stats;

import dev.assay.cli.AssayCommand;
import dev.assay.cli.AssaySubcommand;
import dev.assay.cli.connection.AssayService;
import dev.assay.cli.connection.Connection;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import java.util.function.Function;
import picocli.CommandLine.Mixin;

/**
 * A two-sample test over files of any size: checks both files first (a bad value names its file and
 * line, and nothing is sent), then streams the control values and the treatment values in chunks to
 * the analysis service, with a progress bar, and prints the one result.
 *
 * @param <Q> the stream's request message
 * @param <R> its response message
 */
abstract class TwoSampleStreamCommand<Q, R> extends AssaySubcommand {
  /** Values per message: 512 KiB of doubles, well under gRPC's 4 MiB message limit. */
  static final int CHUNK_VALUES = 65_536;

  @Mixin private TwoFileOptions files = new TwoFileOptions();

  /** Starts the streaming call on {@code channel}, prepared by {@code connection}. */
  abstract Function<StreamObserver<R>, StreamObserver<Q>> start(
      Connection connection, Channel channel);

  /** The first message: the test's options and no values. */
  abstract Q optionsMessage();

  /** A message carrying {@code values[0..count)} as control or treatment observations. */
  abstract Q valuesMessage(boolean control, double[] values, int count);

  /** Prints the result. */
  abstract void print(R result);

  @Override
  public final Integer call() throws InterruptedException {
    NumberColumn control = files.control();
    NumberColumn treatment = files.treatment();
    long totalBytes;
    try {
      totalBytes = control.sizeBytes() + treatment.sizeBytes();
    } catch (InvalidNumberException e) {
      throw badInput(e.getMessage());
    }
    boolean showProgress = files.forceProgress() || top().isStderrTerminal();
    // Checked, then sent: twice the bytes.
    ProgressBar progress = new ProgressBar(err(), top().clock(), showProgress, 2 * totalBytes);
    try {
      progress.label("checking");
      control.read(CHUNK_VALUES, (values, count) -> {}, progress::update);
      long controlBytes = control.sizeBytes();
      treatment.read(
          CHUNK_VALUES, (values, count) -> {}, done -> progress.update(controlBytes + done));
    } catch (InvalidNumberException e) {
      progress.finish();
      throw badInput(e.getMessage());
    }
    R result;
    try (Connection connection = connect(AssayService.ANALYSIS)) {
      SampleStream<Q, R> stream = new SampleStream<>(start(connection, connection.channel()));
      progress.label("sending ");
      try {
        stream.send(optionsMessage());
        send(stream, control, true, totalBytes, progress);
        send(stream, treatment, false, totalBytes + control.sizeBytes(), progress);
        result = stream.finish();
      } catch (CallEnded e) {
        // The server refused the stream part-way: its status is the outcome.
        result = stream.await();
      } catch (InvalidNumberException e) {
        // The file changed after it was checked: nothing of this run may count as a result.
        stream.cancel("bad input", e);
        progress.finish();
        throw badInput(e.getMessage());
      }
    } finally {
      progress.finish();
    }
    print(result);
    out().flush();
    return AssayCommand.OK;
  }

  private void send(
      SampleStream<Q, R> stream,
      NumberColumn file,
      boolean isControl,
      long offsetBytes,
      ProgressBar progress) {
    file.read(
        CHUNK_VALUES,
        (values, count) -> {
          try {
            if (!stream.send(valuesMessage(isControl, values, count))) {
              // The server ended the call (its error follows from finish()); stop reading.
              throw new CallEnded();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallEnded();
          }
        },
        done -> progress.update(offsetBytes + done));
  }

  /** Stops a read once the call has ended early. */
  private static final class CallEnded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CallEnded() {
      super(null, null, false, false);
    }
  }
}
