#!/usr/bin/env python3
"""Reference values for the CLI's streamed t-test and Mann-Whitney test (StreamedTestsTest).

The data is a pure function of the row index that Java reproduces bit for bit:
    h(seed, i) = splitmix64(seed + i)                       (unsigned 64-bit arithmetic)
    A[i] = (h(SEED_A, i) mod 100000) / 1000                 i in [0, rows)
    B[i] = (h(SEED_B, i) mod 100060) / 1000
written as "%d.%03d" decimal strings, so parsing them gives exactly k / 1000 in both languages.
Run once: python3 generate_reference.py > reference.json  (numpy 2.4.6, scipy 1.17.1)
"""
import json

import numpy as np
import scipy
from scipy import stats

SEED_A = 20261202
SEED_B = 777
MOD_A = 100000
MOD_B = 100060
TTEST_ROWS = 10_000_000
MANN_WHITNEY_ROWS = 1_000_000


def splitmix64(x):
    with np.errstate(over="ignore"):
        z = x + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def column(seed, modulus, rows):
    index = np.arange(rows, dtype=np.uint64)
    with np.errstate(over="ignore"):
        k = splitmix64(np.uint64(seed) + index) % np.uint64(modulus)
    return k.astype(np.float64) / 1000.0


def main():
    a = column(SEED_A, MOD_A, TTEST_ROWS)
    b = column(SEED_B, MOD_B, TTEST_ROWS)
    t = stats.ttest_ind(b, a, equal_var=False)
    ci = t.confidence_interval(0.95)
    am, bm = a[:MANN_WHITNEY_ROWS], b[:MANN_WHITNEY_ROWS]
    u = stats.mannwhitneyu(bm, am, alternative="two-sided", method="asymptotic")
    out = {
        "generator": "generate_reference.py",
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "seed_a": SEED_A,
        "seed_b": SEED_B,
        "mod_a": MOD_A,
        "mod_b": MOD_B,
        "first_a": [float(x) for x in a[:3]],
        "first_b": [float(x) for x in b[:3]],
        "ttest": {
            "rows": TTEST_ROWS,
            "statistic": float(t.statistic),
            "degrees_of_freedom": float(t.df),
            "p_value": float(t.pvalue),
            "difference": float(b.mean() - a.mean()),
            "ci_lower": float(ci.low),
            "ci_upper": float(ci.high),
            "control_mean": float(a.mean()),
            "control_variance": float(a.var(ddof=1)),
            "treatment_mean": float(b.mean()),
            "treatment_variance": float(b.var(ddof=1)),
        },
        "mannwhitney": {
            "rows": MANN_WHITNEY_ROWS,
            "u_statistic": float(u.statistic),
            "p_value": float(u.pvalue),
        },
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
