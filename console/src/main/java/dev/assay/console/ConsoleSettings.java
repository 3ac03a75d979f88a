package dev.assay.console;

import dev.assay.runtime.client.PeerSettings;
import java.time.Duration;

/**
 * Everything the console is told at start-up, parsed once (flag, else environment, else default).
 *
 * @param port HTTP port of the UI and its JSON API (0 picks a free one)
 * @param assignment how to reach the assignment service, with the console's read token
 * @param bandit how to reach the bandit service, with the console's read token
 * @param analysis how to reach the analysis service, with the console's read token
 * @param actionsEnabled whether the UI may stop experiments and set or delete overrides (with the
 *     user's own token)
 * @param rpcTimeout deadline of every call the console makes to a service
 * @param cacheTtl how long a read answer is reused for the same request
 * @param banditSampleInterval how often each bandit's pulls are sampled into the allocation history
 * @param banditHistorySamples samples kept per bandit (the oldest go first)
 */
public record ConsoleSettings(
    int port,
    PeerSettings assignment,
    PeerSettings bandit,
    PeerSettings analysis,
    boolean actionsEnabled,
    Duration rpcTimeout,
    Duration cacheTtl,
    Duration banditSampleInterval,
    int banditHistorySamples) {}
