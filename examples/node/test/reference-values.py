"""Reference answers for the analysis part of e2e.test.js, computed with statsmodels and scipy.

Run: python3 reference-values.py > reference-values.json
"""
import json

from scipy import stats
from statsmodels.stats.power import NormalIndPower, TTestIndPower
from statsmodels.stats.proportion import proportion_effectsize

control = [12.1, 9.8, 11.4, 10.2, 10.9, 9.5, 11.8, 10.4]
treatment = [12.9, 11.7, 13.2, 12.1, 11.0, 12.6, 13.5, 11.9, 12.4]
welch = stats.ttest_ind(treatment, control, equal_var=False)
interval = welch.confidence_interval(0.95)

# Baseline 10%, detect +2 points, alpha 0.05 two-sided, power 0.8, equal allocation (Cohen's h).
h = proportion_effectsize(0.12, 0.10)
proportion_n = NormalIndPower().solve_power(effect_size=h, alpha=0.05, power=0.8, ratio=1)
# Means: sd 2, detect +0.5, alpha 0.05 two-sided, power 0.8, noncentral t.
mean_n = TTestIndPower().solve_power(effect_size=0.5 / 2.0, alpha=0.05, power=0.8, ratio=1)

print(json.dumps({
    "welch": {
        "control": control,
        "treatment": treatment,
        "statistic": float(welch.statistic),
        "p_value": float(welch.pvalue),
        "degrees_of_freedom": float(welch.df),
        "difference": sum(treatment) / len(treatment) - sum(control) / len(control),
        "interval": [float(interval.low), float(interval.high)],
    },
    "proportion_sample_size": {
        "baseline_rate": 0.10,
        "minimum_detectable_effect": 0.02,
        "cohens_h": float(h),
        "control_sample_size": float(proportion_n),
    },
    "mean_sample_size": {
        "standard_deviation": 2.0,
        "minimum_detectable_effect": 0.5,
        "control_sample_size": float(mean_n),
    },
}, indent=2))
