"""Generates thompson_regret.json: an independent (numpy) Thompson-sampling reference for
RegretSimulationTest. Two Bernoulli arms, means 0.10 and 0.12, Beta(1, 1) priors, 10,000 steps,
pseudo-regret averaged over 4,000 seeded runs.

Run: python3 thompson_regret.py > thompson_regret.json
"""
import json

import numpy as np

RUNS, STEPS, MEANS = 4000, 10_000, np.array([0.10, 0.12])
rng = np.random.default_rng(3)
alpha = np.ones((RUNS, 2))
beta = np.ones((RUNS, 2))
regret = np.zeros(RUNS)
rows = np.arange(RUNS)
for _ in range(STEPS):
    arm = rng.beta(alpha, beta).argmax(axis=1)
    reward = rng.random(RUNS) < MEANS[arm]
    alpha[rows, arm] += reward
    beta[rows, arm] += 1 - reward
    regret += MEANS.max() - MEANS[arm]
print(json.dumps({"runs": RUNS, "steps": STEPS, "means": MEANS.tolist(),
                  "mean_regret": regret.mean(), "standard_error": regret.std(ddof=1) / np.sqrt(RUNS)}, indent=2))
