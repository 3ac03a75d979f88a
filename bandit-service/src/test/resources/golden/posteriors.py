"""Generates posteriors.json: reference quantiles for PosteriorGoldenTest (scipy.stats).

Run: python3 posteriors.py > posteriors.json
"""
import json

from scipy import stats

beta_cases = []
for prior_a, prior_b, rewards in [(1, 1, [1, 0, 1, 1]), (1, 1, []), (2, 5, [0] * 40 + [1] * 7), (0.5, 0.5, [1] * 3)]:
    a = prior_a + sum(rewards)
    b = prior_b + len(rewards) - sum(rewards)
    lo, hi = stats.beta(a, b).ppf([0.025, 0.975])
    beta_cases.append({"prior": [prior_a, prior_b], "rewards": rewards, "alpha": a, "beta": b,
                       "mean": a / (a + b), "lower95": lo, "upper95": hi})

normal_gamma_cases = []
for mu0, kappa0, alpha0, beta0, data in [(0, 1, 1, 1, [1, 2, 3]), (5, 0.5, 2, 3, [4.2, 6.1, 5.5, 7.0, 3.9]),
                                          (0, 1, 1, 1, [])]:
    n = len(data)
    if n:
        mean = sum(data) / n
        scatter = sum((x - mean) ** 2 for x in data)
        kappa = kappa0 + n
        mu = (kappa0 * mu0 + n * mean) / kappa
        alpha = alpha0 + n / 2
        beta = beta0 + scatter / 2 + kappa0 * n * (mean - mu0) ** 2 / (2 * kappa)
    else:
        kappa, mu, alpha, beta = kappa0, mu0, alpha0, beta0
    # marginal of the mean: Student-t, 2*alpha dof, location mu, scale sqrt(beta / (alpha * kappa))
    t = stats.t(2 * alpha, loc=mu, scale=(beta / (alpha * kappa)) ** 0.5)
    lo, hi = t.ppf([0.025, 0.975])
    normal_gamma_cases.append({"prior": [mu0, kappa0, alpha0, beta0], "rewards": data, "location": mu,
                               "precision_weight": kappa, "shape": alpha, "rate": beta,
                               "lower95": lo, "upper95": hi})

print(json.dumps({"beta": beta_cases, "normal_gamma": normal_gamma_cases}, indent=2))
