#!/usr/bin/env python3
"""Generates reference.json: the values every analysis-service statistic must reproduce to 1e-9.

Run from this directory:  python3 generate_reference.py
Needs scipy and statsmodels (pip install --no-index --find-links /opt/pypi/files statsmodels).
Every expected figure comes from a scipy / statsmodels function named next to it; the few figures
with no library function (delta-method relative lift, the unpooled sample-size formula) are computed
here from their textbook formula with scipy's quantiles.
"""
import json
import math

import numpy as np
import scipy
import statsmodels
from scipy import optimize, stats
from statsmodels.stats.power import NormalIndPower, TTestIndPower
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import (confint_proportions_2indep, proportion_confint,
                                          proportions_ztest)

rng = np.random.default_rng(20261125)
ALTERNATIVES = {"TWO_SIDED": "two-sided", "GREATER": "greater", "LESS": "less"}
# Raw samples by name, shared by the cases that use them.
SAMPLES = {}
SM_ALTERNATIVES = {"TWO_SIDED": "two-sided", "GREATER": "larger", "LESS": "smaller"}


def lift(mc, vc, mt, vt, level):
    """Delta-method relative lift mt/mc - 1; vc, vt are variances of the two estimates."""
    ratio = mt / mc
    se = math.sqrt(vt / mc**2 + ratio**2 * vc / mc**2)
    z = stats.norm.ppf(0.5 + level / 2)
    return {"lift": ratio - 1, "lift_lower": ratio - 1 - z * se, "lift_upper": ratio - 1 + z * se}


def quantiles():
    cases = []
    for p in [1e-12, 1e-6, 0.001, 0.025, 0.05, 0.2, 0.5, 0.8, 0.975, 0.999999]:
        cases.append({"distribution": "normal", "p": p, "expected": stats.norm.ppf(p)})
    for df in [1, 2.5, 7, 30, 1234.5, 99999, 3e5, 2e7]:
        for q in [1e-8, 0.005, 0.025, 0.05, 0.3]:
            cases.append({"distribution": "t_upper", "df": df, "p": q, "expected": stats.t.isf(q, df)})
    for a, b in [(1, 100), (3, 8), (50, 951), (999, 2), (0.5, 0.5)]:
        for p in [1e-6, 0.025, 0.5, 0.975]:
            cases.append({"distribution": "beta", "a": a, "b": b, "p": p, "expected": stats.beta.ppf(p, a, b)})
    return cases


def t_tests():
    cases = []
    raw = [
        ("small normal", rng.normal(10, 2, 12), rng.normal(11, 3, 9)),
        ("equal sizes", rng.normal(0.5, 1, 40), rng.normal(0.2, 1, 40)),
        ("skewed revenue", rng.exponential(20, 200), rng.exponential(23, 180)),
        ("negative means", rng.normal(-5, 1, 30), rng.normal(-5.4, 0.5, 25)),
    ]
    for name, control, treatment in raw:
        for method in ["WELCH", "STUDENT"]:
            for alt, sp_alt in ALTERNATIVES.items():
                for level in [0.95, 0.9]:
                    res = stats.ttest_ind(treatment, control, equal_var=(method == "STUDENT"), alternative=sp_alt)
                    ci = stats.ttest_ind(treatment, control, equal_var=(method == "STUDENT")).confidence_interval(level)
                    exp = {"statistic": res.statistic, "df": res.df, "p_value": res.pvalue,
                           "ci_lower": ci.low, "ci_upper": ci.high}
                    exp.update(lift(control.mean(), control.var(ddof=1) / len(control),
                                    treatment.mean(), treatment.var(ddof=1) / len(treatment), level))
                    SAMPLES[name] = {"control": control.tolist(), "treatment": treatment.tolist()}
                    cases.append({"sample": name, "method": method, "alternative": alt, "confidence_level": level,
                                  "expected": {k: float(v) for k, v in exp.items()}})
    return cases


def summary_t_tests():
    cases = []
    summaries = [
        ((1000, 10.0, 4.0), (1100, 10.2, 4.4)),
        ((10_000_000, 3.14, 2.5), (10_000_000, 3.1415, 2.5)),
        ((5, 1.0, 0.01), (7, 1.3, 0.5)),
        ((2, 0.0001, 1e-6), (3, 0.0003, 2e-6)),
        ((50_000, 0.1, 0.09), (49_000, 0.104, 0.0935)),
    ]
    for (nc, mc, vc), (nt, mt, vt) in summaries:
        for method in ["WELCH", "STUDENT"]:
            for alt, sp_alt in ALTERNATIVES.items():
                res = stats.ttest_ind_from_stats(mt, math.sqrt(vt), nt, mc, math.sqrt(vc), nc,
                                                 equal_var=(method == "STUDENT"), alternative=sp_alt)
                if method == "WELCH":
                    a, b = vt / nt, vc / nc
                    se, df = math.sqrt(a + b), (a + b) ** 2 / (a * a / (nt - 1) + b * b / (nc - 1))
                else:
                    df = nt + nc - 2
                    se = math.sqrt(((nt - 1) * vt + (nc - 1) * vc) / df * (1 / nt + 1 / nc))
                crit = stats.t.ppf(0.975, df)
                exp = {"statistic": res.statistic, "df": df, "p_value": res.pvalue,
                       "ci_lower": (mt - mc) - crit * se, "ci_upper": (mt - mc) + crit * se}
                exp.update(lift(mc, vc / nc, mt, vt / nt, 0.95))
                cases.append({"control": [nc, mc, vc], "treatment": [nt, mt, vt], "method": method,
                              "alternative": alt, "confidence_level": 0.95,
                              "expected": {k: float(v) for k, v in exp.items()}})
    return cases


def two_proportion_tests():
    cases = []
    for (xc, nc), (xt, nt) in [((120, 1000), (150, 1000)), ((5, 40), (2, 45)), ((4810, 100000), (5020, 100500)),
                               ((0, 30), (3, 30)), ((999, 1000), (990, 1000))]:
        for alt, sm_alt in SM_ALTERNATIVES.items():
            for level in [0.95, 0.99]:
                z, p = proportions_ztest([xt, xc], [nt, nc], alternative=sm_alt)
                low, upp = confint_proportions_2indep(xt, nt, xc, nc, method="wald", compare="diff", alpha=1 - level)
                exp = {"statistic": z, "p_value": p, "ci_lower": low, "ci_upper": upp}
                if xc > 0:
                    pc, pt = xc / nc, xt / nt
                    exp.update(lift(pc, pc * (1 - pc) / nc, pt, pt * (1 - pt) / nt, level))
                cases.append({"control": [xc, nc], "treatment": [xt, nt], "alternative": alt,
                              "confidence_level": level, "expected": {k: float(v) for k, v in exp.items()}})
    return cases


def proportion_intervals():
    cases = []
    methods = {"WILSON": "wilson", "WALD": "normal", "AGRESTI_COULL": "agresti_coull", "CLOPPER_PEARSON": "beta"}
    for x, n in [(0, 20), (1, 20), (7, 20), (20, 20), (50, 1000), (3, 100000), (499_000, 1_000_000)]:
        for method, sm in methods.items():
            for level in [0.95, 0.8]:
                low, upp = proportion_confint(x, n, alpha=1 - level, method=sm)
                cases.append({"successes": x, "trials": n, "method": method, "confidence_level": level,
                              "expected": {"lower": float(low), "upper": float(upp)}})
    return cases


def chi_square_tests():
    cases = []
    for table in [[[10, 20], [30, 25]], [[120, 880], [150, 850]], [[5, 9, 12, 4], [8, 8, 10, 11], [20, 3, 7, 9]],
                  [[1, 0], [3, 9]], [[1000, 2000, 3000], [1010, 2050, 2900]]]:
        for correction in [True, False]:
            stat, p, dof, expected = stats.chi2_contingency(np.array(table), correction=correction)
            cases.append({"table": table, "yates_correction": correction,
                          "expected": {"statistic": float(stat), "p_value": float(p), "df": int(dof),
                                       "expected": expected.tolist()}})
    return cases


def srm_checks():
    cases = []
    for observed, weights in [([5000, 5100], [1, 1]), ([50_000, 51_000], [0.5, 0.5]), ([1000, 2100, 990], [1, 2, 1]),
                              ([3300, 3300, 3400], [0.33, 0.33, 0.34]), ([10, 0], [1, 1])]:
        total = sum(observed)
        w = np.array(weights, dtype=float)
        stat, p = stats.chisquare(observed, total * w / w.sum())
        cases.append({"observed": observed, "weights": weights,
                      "expected": {"statistic": float(stat), "p_value": float(p), "mismatch": bool(p < 0.001)}})
    return cases


def multiple_testing():
    cases = []
    methods = {"BONFERRONI": "bonferroni", "HOLM": "holm", "BENJAMINI_HOCHBERG": "fdr_bh"}
    for pvals in [[0.01, 0.04, 0.03, 0.005], [0.2, 0.001, 0.049, 0.049, 0.8, 0.0125], [0.5], [0.0, 1.0, 0.02]]:
        for method, sm in methods.items():
            for alpha in [0.05, 0.1]:
                reject, corrected, _, _ = multipletests(pvals, alpha=alpha, method=sm)
                cases.append({"p_values": pvals, "method": method, "alpha": alpha,
                              "expected": {"adjusted": corrected.tolist(), "rejected": [bool(r) for r in reject]}})
    return cases


def mann_whitney_tests():
    cases = []
    samples = [
        ("exact small", rng.normal(0, 1, 6).round(6), rng.normal(0.8, 1, 7).round(6)),
        ("exact medium", rng.normal(0, 1, 8).round(6), rng.normal(1.5, 1, 30).round(6)),
        ("ties", rng.integers(0, 5, 40).astype(float), rng.integers(1, 6, 35).astype(float)),
        ("large continuous", rng.exponential(1, 300).round(8), rng.exponential(1.2, 280).round(8)),
    ]
    for name, control, treatment in samples:
        for alt, sp_alt in ALTERNATIVES.items():
            for method in ["AUTO", "ASYMPTOTIC"]:
                for continuity in [True, False]:
                    res = stats.mannwhitneyu(treatment, control, use_continuity=continuity, alternative=sp_alt,
                                             method="auto" if method == "AUTO" else "asymptotic")
                    SAMPLES[name] = {"control": control.tolist(), "treatment": treatment.tolist()}
                    cases.append({"sample": name, "alternative": alt, "method": method, "continuity": continuity,
                                  "expected": {"u": float(res.statistic), "p_value": float(res.pvalue)}})
    return cases


def power_function(kind, base, alpha, alt, ratio):
    """Power as a function of (nobs1, absolute effect), as statsmodels (or the unpooled formula) defines it."""
    sm_alt = SM_ALTERNATIVES[alt]
    if kind == "cohens_h":
        return lambda n, e: NormalIndPower().power(2 * math.asin(math.sqrt(base + e)) - 2 * math.asin(math.sqrt(base)),
                                                   nobs1=n, alpha=alpha, ratio=ratio, alternative=sm_alt)
    if kind == "mean_normal":
        return lambda n, e: NormalIndPower().power(e / base, nobs1=n, alpha=alpha, ratio=ratio, alternative=sm_alt)
    if kind == "mean_t":
        return lambda n, e: TTestIndPower().power(e / base, nobs1=n, alpha=alpha, ratio=ratio, alternative=sm_alt)

    def unpooled(n, e):
        p1, p2 = base, base + e
        se = math.sqrt(p1 * (1 - p1) / n + p2 * (1 - p2) / (n * ratio))
        z = stats.norm.isf(alpha / 2 if alt == "TWO_SIDED" else alpha)
        signed = {"TWO_SIDED": abs(e), "GREATER": e, "LESS": -e}[alt]
        return stats.norm.cdf(signed / se - z)
    return unpooled


def power_analyses():
    """Power, sample size and MDE. Sample size and MDE are the exact roots (brentq, xtol 1e-15) of the
    statsmodels power function; statsmodels' own solve_power stops earlier (brentq_expanding), so its
    answer is recorded for information only."""
    cases = []
    designs = [("cohens_h", 0.1, 0.01), ("cohens_h", 0.02, 0.004), ("cohens_h", 0.5, -0.05),
               ("unpooled", 0.1, 0.01), ("unpooled", 0.3, -0.04),
               ("mean_normal", 2.0, 0.1), ("mean_t", 2.0, 0.1), ("mean_t", 1.0, 0.8), ("mean_t", 10.0, -3.0)]
    for kind, base, effect in designs:
        for alt in ["TWO_SIDED", "GREATER", "LESS"]:
            if (alt == "GREATER" and effect < 0) or (alt == "LESS" and effect > 0):
                continue
            for alpha, ratio in [(0.05, 1.0), (0.01, 2.5)]:
                f = power_function(kind, base, alpha, alt, ratio)
                common = {"kind": kind, "base": base, "alpha": alpha, "alternative": alt, "ratio": ratio}
                n_given = 1500.0 if kind not in ("mean_t",) or abs(effect / base) < 0.5 else 20.0
                cases.append(dict(common, solve="power", sample_size=n_given, effect=effect,
                                  expected=float(f(n_given, effect))))
                low = 3 / (1 + ratio) if kind == "mean_t" else 1e-6
                high = 16.0
                while f(high, effect) < 0.8:  # bracket by quadrupling (scipy's nct is NaN far out)
                    high *= 4
                n = optimize.brentq(lambda x: f(x, effect) - 0.8, low, high, xtol=1e-15, rtol=8.9e-16, maxiter=1000)
                cases.append(dict(common, solve="sample_size", power=0.8, effect=effect, expected=float(n)))
                if kind in ("cohens_h", "unpooled"):
                    limit = (1 - base if alt != "LESS" else -base) * (1 - 1e-12)
                else:
                    limit = 0.01 * base * (-1 if alt == "LESS" else 1)
                    while f(n_given, limit) < 0.9:  # bracket by doubling (scipy's nct is NaN far out)
                        limit *= 2
                e = optimize.brentq(lambda x: f(n_given, x) - 0.9, 0.0, limit, xtol=1e-17, rtol=8.9e-16, maxiter=1000)
                cases.append(dict(common, solve="effect", sample_size=n_given, power=0.9, expected=float(e)))
    return cases


def cuped_tests():
    """CUPED: theta from np.cov on both groups pooled; the adjusted test is scipy ttest_ind on y - theta (x - mean x)."""
    cases = []
    for name, n_c, n_t, lift_, noise in [("strong covariate", 80, 90, 0.3, 0.5), ("weak covariate", 150, 120, 0.1, 3.0)]:
        xc = rng.normal(10, 2, n_c)
        xt = rng.normal(10, 2, n_t)
        yc = 0.8 * xc + rng.normal(0, noise, n_c)
        yt = 0.8 * xt + lift_ + rng.normal(0, noise, n_t)
        SAMPLES[name] = {"control": yc.tolist(), "control_covariate": xc.tolist(),
                         "treatment": yt.tolist(), "treatment_covariate": xt.tolist()}
        x_all, y_all = np.concatenate([xc, xt]), np.concatenate([yc, yt])
        theta = np.cov(x_all, y_all)[0, 1] / np.var(x_all, ddof=1)
        ac, at = yc - theta * (xc - x_all.mean()), yt - theta * (xt - x_all.mean())
        for method in ["WELCH", "STUDENT"]:
            for alt, sp_alt in ALTERNATIVES.items():
                adj = stats.ttest_ind(at, ac, equal_var=(method == "STUDENT"), alternative=sp_alt)
                raw = stats.ttest_ind(yt, yc, equal_var=(method == "STUDENT"))
                ci = stats.ttest_ind(at, ac, equal_var=(method == "STUDENT")).confidence_interval(0.95)
                se_adj = (at.mean() - ac.mean()) / stats.ttest_ind(at, ac, equal_var=(method == "STUDENT")).statistic
                se_raw = (yt.mean() - yc.mean()) / raw.statistic
                cases.append({"sample": name, "method": method, "alternative": alt, "expected": {
                    "theta": float(theta), "statistic": float(adj.statistic), "p_value": float(adj.pvalue),
                    "df": float(adj.df), "ci_lower": float(ci.low), "ci_upper": float(ci.high),
                    "control_mean": float(ac.mean()), "treatment_mean": float(at.mean()),
                    "control_variance": float(ac.var(ddof=1)), "treatment_variance": float(at.var(ddof=1)),
                    "variance_reduction": float(1 - se_adj**2 / se_raw**2)}})
    return cases


def ratio_tests():
    """Ratio metrics: delta-method variance (Deng et al. 2018) computed with numpy moments, normal p-values by scipy."""
    cases = []
    for name, n_c, n_t, rate_c, rate_t in [("clicks per session", 300, 320, 0.10, 0.12), ("small", 25, 30, 0.5, 0.45)]:
        sc = rng.poisson(4, n_c) + 1
        st = rng.poisson(4, n_t) + 1
        cc = rng.binomial(sc, rate_c).astype(float)
        ct = rng.binomial(st, rate_t).astype(float)
        SAMPLES[name] = {"control": cc.tolist(), "control_covariate": sc.astype(float).tolist(),
                         "treatment": ct.tolist(), "treatment_covariate": st.astype(float).tolist()}

        def ratio_and_variance(num, den):
            mn, md = num.mean(), den.mean()
            cov = np.cov(num, den)
            var = (cov[0, 0] / md**2 - 2 * mn * cov[0, 1] / md**3 + mn**2 * cov[1, 1] / md**4) / len(num)
            return mn / md, var
        rc, vc = ratio_and_variance(cc, sc)
        rt, vt = ratio_and_variance(ct, st)
        se = math.sqrt(vc + vt)
        z = (rt - rc) / se
        for alt in ALTERNATIVES:
            for level in [0.95, 0.9]:
                p = {"TWO_SIDED": 2 * stats.norm.sf(abs(z)), "GREATER": stats.norm.sf(z), "LESS": stats.norm.cdf(z)}[alt]
                crit = stats.norm.ppf(0.5 + level / 2)
                exp = {"control_ratio": rc, "treatment_ratio": rt, "control_variance": vc, "treatment_variance": vt,
                       "statistic": z, "p_value": p, "ci_lower": rt - rc - crit * se, "ci_upper": rt - rc + crit * se}
                exp.update(lift(rc, vc, rt, vt, level))
                cases.append({"sample": name, "alternative": alt, "confidence_level": level,
                              "expected": {k: float(v) for k, v in exp.items()}})
    return cases


def bayesian_comparisons():
    """Beta-Binomial: P(variant > control) and expected losses evaluated exactly with mpmath (40 digits,
    Evan Miller's closed form); credible intervals by scipy.stats.beta.interval. Normal model by scipy.stats.norm."""
    import mpmath as mp
    mp.mp.dps = 40

    def p_greater(ax, bx, ay, by):
        ax, bx, ay, by = (mp.mpf(v) for v in (ax, bx, ay, by))
        return mp.fsum(mp.beta(ay + i, by + bx) / ((bx + i) * mp.beta(1 + i, bx) * mp.beta(ay, by))
                       for i in range(int(ax)))

    def loss(ax, bx, ay, by):  # E[max(Y - X, 0)]
        return (ay / (ay + by)) * p_greater(ay + 1, by, ax, bx) - (ax / (ax + bx)) * p_greater(ay, by, ax + 1, bx)

    cases = []
    for (sc, nc), (sv, nv), (a0, b0) in [((120, 1000), (150, 1000), (1, 1)), ((30, 200), (22, 210), (1, 1)),
                                         ((480, 10000), (530, 10000), (2, 30)), ((3, 20), (9, 25), (1, 0.5))]:
        ac, bc = a0 + sc, b0 + nc - sc
        av, bv = a0 + sv, b0 + nv - sv
        lo_c, hi_c = stats.beta.interval(0.95, ac, bc)
        lo_v, hi_v = stats.beta.interval(0.95, av, bv)
        cases.append({"kind": "beta", "control": [sc, nc], "variant": [sv, nv], "prior": [a0, b0], "expected": {
            "probability": float(p_greater(av, bv, ac, bc)), "loss_shipped": float(loss(av, bv, ac, bc)),
            "loss_kept": float(loss(ac, bc, av, bv)), "control_lower": lo_c, "control_upper": hi_c,
            "variant_lower": lo_v, "variant_upper": hi_v}})
    for (nc, mc, vc), (nv, mv, vv) in [((1000, 10.0, 4.0), (1100, 10.2, 4.4)), ((50, 3.0, 1.0), (40, 2.7, 1.5))]:
        sc, sv = vc / nc, vv / nv
        d, s = mv - mc, math.sqrt(sc + sv)
        cases.append({"kind": "normal", "control": [nc, mc, vc], "variant": [nv, mv, vv], "expected": {
            "probability": stats.norm.sf(-d / s),
            "loss_shipped": s * stats.norm.pdf(d / s) - d * stats.norm.sf(d / s),
            "loss_kept": s * stats.norm.pdf(-d / s) + d * stats.norm.sf(-d / s),
            "difference_lower": d - stats.norm.ppf(0.975) * s, "difference_upper": d + stats.norm.ppf(0.975) * s}})
    return cases


def spending(kind, alpha, t):
    """Lan-DeMets spending functions (rpact asOF / asP)."""
    if kind == "OBRIEN_FLEMING":
        return 2 * stats.norm.sf(stats.norm.isf(alpha / 2) / math.sqrt(t))
    return alpha * math.log1p((math.e - 1) * t)


def group_sequential_boundaries():
    """Boundaries solved look by look with scipy's multivariate normal CDF (Genz quasi-Monte Carlo):
    an independent method from the service's recursive integration. At these settings its error is
    about 1e-5 in the boundary, so these are compared to 1e-4 (the exception to 1e-9); the two
    high-precision designs (maxpts 2e6 to 4e6 per dimension) are compared to 1e-7."""
    designs = [("OBRIEN_FLEMING", False, 0.025, [0.2, 0.4, 0.6, 0.8, 1.0], 300_000),
               ("POCOCK", False, 0.025, [0.2, 0.4, 0.6, 0.8, 1.0], 300_000),
               ("OBRIEN_FLEMING", True, 0.05, [0.25, 0.5, 0.75, 1.0], 300_000),
               ("POCOCK", True, 0.05, [0.3, 0.7, 1.0], 300_000),
               ("OBRIEN_FLEMING", False, 0.05, [0.1, 0.35, 1.0], 300_000),
               # High precision (slow): compared to 1e-7.
               ("OBRIEN_FLEMING", False, 0.025, [0.2, 0.4, 0.6, 0.8, 1.0], 2_000_000),
               ("POCOCK", True, 0.05, [0.3, 0.7, 1.0], 4_000_000)]
    cases = []
    for kind, two_sided, alpha, ts, points in designs:
        bounds, before, previous = [], 0.0, 1.0
        for k, t in enumerate(ts):
            spent = 2 * spending(kind, alpha / 2, t) if two_sided else spending(kind, alpha, t)
            cov = np.array([[math.sqrt(min(a, b) / max(a, b)) for b in ts[:k + 1]] for a in ts[:k + 1]])
            mvn = stats.multivariate_normal(mean=np.zeros(k + 1), cov=cov, maxpts=points * (k + 1), abseps=1e-12, releps=1e-10)

            def continuation(c):
                upper = np.array(bounds + [c])
                lower = -upper if two_sided else np.full(k + 1, -np.inf)
                return float(mvn.cdf(upper, lower_limit=lower))
            c = optimize.brentq(lambda c: previous - continuation(c) - (spent - before), 0.5, 12, xtol=1e-12)
            previous = continuation(c)
            bounds.append(c)
            before = spent
        cases.append({"spending": kind, "two_sided": two_sided, "alpha": alpha, "information_fractions": ts,
                      "high_precision": points > 300_000, "expected": {"critical_values": bounds}})
    # rpact / gsDesign published values (3 decimals): Lan-DeMets O'Brien-Fleming and Pocock, one-sided 0.025, K = 5.
    cases.append({"spending": "OBRIEN_FLEMING", "two_sided": False, "alpha": 0.025, "published": True,
                  "information_fractions": [0.2, 0.4, 0.6, 0.8, 1.0],
                  "expected": {"critical_values": [4.877, 3.357, 2.680, 2.290, 2.031]}})
    cases.append({"spending": "POCOCK", "two_sided": False, "alpha": 0.025, "published": True,
                  "information_fractions": [0.2, 0.4, 0.6, 0.8, 1.0],
                  "expected": {"critical_values": [2.438, 2.427, 2.410, 2.397, 2.386]}})
    return cases


def msprt_cases():
    """Mixture SPRT (Johari et al.): the closed-form likelihood ratio, running-min p-value and running
    intersection of the confidence sets, evaluated with numpy."""
    cases = []
    for name, looks, tau2, alpha in [
            ("converging effect", [(0.8, 0.5), (0.45, 0.1), (0.31, 0.02), (0.3, 0.005), (0.28, 0.001)], 0.04, 0.05),
            ("null", [(0.02, 0.01), (-0.01, 0.004), (0.005, 0.001)], 0.01, 0.05),
            ("rates", [(0.012, 2e-5), (0.009, 8e-6), (0.0102, 3e-6)], 1e-4, 0.1)]:
        p, lo, hi, out = 1.0, -math.inf, math.inf, []
        for d, v in looks:
            lam = math.sqrt(v / (v + tau2)) * math.exp(tau2 * d * d / (2 * v * (v + tau2)))
            p = min(p, 1 / lam, 1.0)
            half = math.sqrt(v * (v + tau2) / tau2 * (2 * math.log(1 / alpha) + math.log((v + tau2) / v)))
            lo, hi = max(lo, d - half), min(hi, d + half)
            out.append({"likelihood_ratio": lam, "p_value": p, "lower": lo, "upper": hi})
        cases.append({"name": name, "looks": looks, "mixing_variance": tau2, "alpha": alpha, "expected": out})
    return cases


def model_comparisons():
    """Model comparison: MSE, MAE, R^2 (the formulas of sklearn's metrics, evaluated with numpy),
    numpy.percentile (linear) latency percentiles, scipy mannwhitneyu(variant, baseline, 'greater')."""
    local = np.random.default_rng(8)
    actual = local.normal(50, 10, 400)
    variants = {"baseline": (actual + local.normal(0, 4, 400), local.lognormal(3.0, 0.4, 400)),
                "bigger-model": (actual + local.normal(0, 3, 400), local.lognormal(3.15, 0.4, 400)),
                "distilled": (actual + local.normal(0.5, 5, 400), local.lognormal(2.9, 0.4, 400))}
    out = []
    base_latency = variants["baseline"][1]
    for name, (pred, lat) in variants.items():
        err = pred - actual
        p = 1.0 if name == "baseline" else float(stats.mannwhitneyu(lat, base_latency, alternative="greater").pvalue)
        out.append({"name": name, "predictions": pred.tolist(), "latencies": lat.tolist(), "expected": {
            "mse": float(np.mean(err ** 2)), "mae": float(np.mean(np.abs(err))),
            "r2": float(1 - np.sum(err ** 2) / np.sum((actual - actual.mean()) ** 2)),
            "p50": float(np.percentile(lat, 50)), "p95": float(np.percentile(lat, 95)),
            "p99": float(np.percentile(lat, 99)), "latency_p_value": p}})
    return [{"actuals": actual.tolist(), "variants": out}]


def main():
    reference = {
        "generator": {"scipy": scipy.__version__, "statsmodels": statsmodels.__version__, "numpy": np.__version__},
        "quantiles": quantiles(),
        "t_tests": t_tests(),
        "summary_t_tests": summary_t_tests(),
        "two_proportion_tests": two_proportion_tests(),
        "proportion_intervals": proportion_intervals(),
        "chi_square_tests": chi_square_tests(),
        "srm_checks": srm_checks(),
        "multiple_testing": multiple_testing(),
        "mann_whitney_tests": mann_whitney_tests(),
        "power_analyses": power_analyses(),
        "cuped_tests": cuped_tests(),
        "ratio_tests": ratio_tests(),
        "bayesian_comparisons": bayesian_comparisons(),
        "group_sequential_boundaries": group_sequential_boundaries(),
        "msprt": msprt_cases(),
        "model_comparisons": model_comparisons(),
    }
    reference["samples"] = SAMPLES
    with open("reference.json", "w") as out:
        json.dump(reference, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
