package dev.assay.console;

import dev.assay.console.bandits.AllocationHistory;
import dev.assay.console.bandits.BanditSampler;
import dev.assay.console.bridge.MethodAllowlist;
import dev.assay.console.bridge.Peer;
import dev.assay.console.bridge.RpcBridge;
import dev.assay.console.http.ApiHandler;
import dev.assay.console.http.StaticFiles;
import dev.assay.runtime.client.PeerChannel;
import dev.assay.runtime.config.SettingsParser;
import dev.assay.runtime.log.EventLog;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts the console: settings, then one channel per service, the bridge, the bandit sampler and
 * the HTTP server; SIGTERM closes them in reverse order.
 */
public final class ConsoleMain {
  private ConsoleMain() {}

  /** Runs until SIGTERM or Ctrl-C. */
  public static void main(String[] args) throws IOException, InterruptedException {
    ConsoleSettings settings = SettingsParser.parseOrExit(new ConsoleCommand(), args);
    Clock clock = Clock.systemUTC();

    PeerChannel assignment = PeerChannel.open(settings.assignment());
    PeerChannel bandit = PeerChannel.open(settings.bandit());
    PeerChannel analysis = PeerChannel.open(settings.analysis());
    RpcBridge bridge =
        new RpcBridge(
            Map.of(Peer.ASSIGNMENT, assignment, Peer.BANDIT, bandit, Peer.ANALYSIS, analysis),
            settings.rpcTimeout(),
            settings.cacheTtl());

    AllocationHistory history = new AllocationHistory(settings.banditHistorySamples());
    ScheduledExecutorService sampling = Executors.newSingleThreadScheduledExecutor();
    long intervalMillis = settings.banditSampleInterval().toMillis();
    ScheduledFuture<?> samplingRuns =
        sampling.scheduleWithFixedDelay(
            new BanditSampler(bridge, history, clock), 0, intervalMillis, TimeUnit.MILLISECONDS);

    ApiHandler api =
        new ApiHandler(
            bridge,
            MethodAllowlist.reads(),
            MethodAllowlist.actions(),
            settings.actionsEnabled(),
            history,
            settings.banditSampleInterval());
    ConsoleServer server =
        ConsoleServer.start(
            settings.port(), api, new StaticFiles(ConsoleMain.class.getClassLoader()), 2);
    EventLog.info(
        "console.started",
        "url",
        "http://localhost:" + server.port() + "/",
        "port",
        server.port(),
        "assignment",
        settings.assignment().target(),
        "bandit",
        settings.bandit().target(),
        "analysis",
        settings.analysis().target(),
        "read_token",
        settings.assignment().token().isPresent(),
        "tls",
        settings.assignment().caFile().isPresent(),
        "actions_enabled",
        settings.actionsEnabled());

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  samplingRuns.cancel(true);
                  sampling.shutdownNow();
                  assignment.close();
                  bandit.close();
                  analysis.close();
                  EventLog.info("console.stopped");
                  stopped.countDown();
                },
                "console-shutdown"));
    stopped.await();
  }
}
