#!/usr/bin/env python3
"""Golden values of live results (ResultsCalculator), written to results.json.

Raw units are simulated with a seeded numpy generator and reduced to the sufficient statistics the
aggregates keep (units, sums, sums of squares, cross sums). Every expected figure is then computed
from those same statistics with scipy / statsmodels (or, where no library function takes sufficient
statistics, the published formula, cited beside it), independently of the Java code.

Run: python3 generate_results.py  (numpy, scipy, statsmodels)
"""
import json
import math

import numpy as np
from scipy import special, stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

MIXING_FACTOR = 0.01  # tau^2 = 0.01 x pooled per-unit variance (AlwaysValid.MIXING_FACTOR)
EXACT_BETA_LIMIT = 2_000  # ChanceToBeat.EXACT_BETA_LIMIT


def simulate_case(name, seed, units, alpha, planned, metrics, epochs, plan):
    rng = np.random.default_rng(seed)
    moments = []
    for v, n in enumerate(units):
        per_metric = {}
        for m in metrics:
            per_metric[m["key"]] = m["simulate"](rng, n, v)
        moments.append(per_metric)
    case = {
        "name": name,
        "alpha": alpha,
        "planned_units": planned,
        "variations": ["control"] + [f"v{i}" for i in range(1, len(units))],
        "units": units,
        "epochs": epochs,
        "plan": plan,
        "metrics": [{k: m[k] for k in ("key", "kind", "decrease_better", "margin", "cuped")} for m in metrics],
        "moments": moments,
    }
    case["expected"] = expected(case)
    return case


def reduce(y, d=None, x=None):
    """The aggregates' sufficient statistics of per-unit values y (denominator d, covariate x)."""
    y = np.asarray(y, dtype=float)
    d = np.zeros_like(y) if d is None else np.asarray(d, dtype=float)
    x = np.zeros_like(y) if x is None else np.asarray(x, dtype=float)
    return {
        "units": int(len(y)),
        "sum": float(math.fsum(y)),
        "sumSquares": float(math.fsum(y * y)),
        "denominatorSum": float(math.fsum(d)),
        "denominatorSumSquares": float(math.fsum(d * d)),
        "crossSum": float(math.fsum(y * d)),
        "covariateSum": float(math.fsum(x)),
        "covariateSumSquares": float(math.fsum(x * x)),
        "covariateCrossSum": float(math.fsum(x * y)),
    }


def var_from_sums(n, s, ss):
    return max(0.0, (ss - s * s / n) / (n - 1))


def cov_from_sums(n, sx, sy, sxy):
    return (sxy - sx * sy / n) / (n - 1)


def group(kind, m, exposed):
    """Value, its variance, per-unit variance and the test inputs of one variation."""
    n = m["units"] if kind == "MEAN" else exposed
    g = {"n": n}
    if kind == "CONVERSION":
        s = int(round(m["sum"]))
        p = s / n
        g.update(successes=s, value=p, est_var=p * (1 - p) / n)
    elif kind == "RATIO":
        my, mx = m["sum"] / n, m["denominatorSum"] / n
        vy = var_from_sums(n, m["sum"], m["sumSquares"])
        vx = var_from_sums(n, m["denominatorSum"], m["denominatorSumSquares"])
        c = cov_from_sums(n, m["denominatorSum"], m["sum"], m["crossSum"])
        # Delta method, Deng, Knoblich and Lu, KDD 2018.
        var_r = max(0.0, (vy / mx**2 - 2 * my * c / mx**3 + my**2 * vx / mx**4) / n)
        g.update(value=m["sum"] / m["denominatorSum"], ratio=my / mx, est_var=var_r)
    else:
        mean = m["sum"] / n
        var = var_from_sums(n, m["sum"], m["sumSquares"])
        g.update(value=mean, var=var, est_var=var / n)
        g["cuped"] = {
            "n": n,
            "my": mean,
            "mx": m["covariateSum"] / n,
            "vy": var,
            "vx": var_from_sums(n, m["covariateSum"], m["covariateSumSquares"]),
            "c": cov_from_sums(n, m["covariateSum"], m["sum"], m["covariateCrossSum"]),
            "sums": m,
        }
    if kind == "CONVERSION":
        g["cuped"] = {
            "n": n,
            "my": m["sum"] / n,
            "mx": m["covariateSum"] / n,
            "vy": var_from_sums(n, m["sum"], m["sumSquares"]),
            "vx": var_from_sums(n, m["covariateSum"], m["covariateSumSquares"]),
            "c": cov_from_sums(n, m["covariateSum"], m["sum"], m["covariateCrossSum"]),
            "sums": m,
        }
    return g


def welch(mc, vc, nc, mt, vt, nt, alpha):
    """scipy.stats.ttest_ind_from_stats(equal_var=False) and its t interval."""
    r = stats.ttest_ind_from_stats(mt, math.sqrt(vt), nt, mc, math.sqrt(vc), nc, equal_var=False)
    a, b = vc / nc, vt / nt
    se = math.sqrt(a + b)
    df = (a + b) ** 2 / (a * a / (nc - 1) + b * b / (nt - 1))
    half = stats.t.isf(alpha / 2, df) * se
    d = mt - mc
    return d, se, d - half, d + half, float(r.pvalue)


def relative(c, var_c, t, var_t, z):
    """Delta-method relative lift (Deng et al., KDD 2018), divided by |control|."""
    ratio = t / c
    se = math.sqrt(var_t / c**2 + ratio**2 * var_c / c**2)
    est, lo, hi = ratio - 1, ratio - 1 - z * se, ratio - 1 + z * se
    return (est, lo, hi) if c > 0 else (-est, -hi, -lo)


def msprt(d, v, tau2, alpha):
    """Normal-mixture SPRT at one look (Johari, Koomen, Pekelis and Walsh, 2022)."""
    total = v + tau2
    log_lr = 0.5 * math.log(v / total) + tau2 * d * d / (2 * v * total)
    p = min(1.0, math.exp(-log_lr))
    half = math.sqrt(v * total / tau2 * (2 * math.log(1 / alpha) + math.log(total / v)))
    return p, d - half, d + half


def beta_greater(ax, bx, ay, by):
    """P(X > Y) for Beta posteriors, Evan Miller's closed form (integer ax)."""
    i = np.arange(int(ax), dtype=float)
    terms = special.betaln(ay + i, by + bx) - np.log(bx + i) - special.betaln(1 + i, bx) - special.betaln(ay, by)
    return float(min(1.0, max(0.0, math.fsum(np.exp(terms)))))


def beta_loss(ax, bx, ay, by):
    """E[max(Y - X, 0)] (Chris Stucchio, 2015)."""
    my, mx = ay / (ay + by), ax / (ax + bx)
    return max(0.0, my * beta_greater(ay + 1, by, ax, bx) - mx * beta_greater(ay, by, ax + 1, bx))


def normal_bayes(mc, vc, mt, vt, decrease_better):
    if decrease_better:
        mc, mt = -mc, -mt
    s = math.sqrt(vc + vt)
    chance = float(stats.norm.sf((mc - mt) / s))
    d = mt - mc
    loss = s * stats.norm.pdf(d / s) - d * stats.norm.sf(d / s)
    return chance, max(0.0, float(loss))


def cuped(cg, tg, alpha):
    """CUPED (Deng, Xu, Kohavi and Walker, WSDM 2013): theta on both groups pooled, then Welch."""
    sc, st = cg["sums"], tg["sums"]
    n = cg["n"] + tg["n"]
    sx = sc["covariateSum"] + st["covariateSum"]
    sxx = sc["covariateSumSquares"] + st["covariateSumSquares"]
    sy = sc["sum"] + st["sum"]
    sxy = sc["covariateCrossSum"] + st["covariateCrossSum"]
    theta = cov_from_sums(n, sx, sy, sxy) / var_from_sums(n, sx, sxx)
    mx = sx / n

    def adjust(g):
        return g["my"] - theta * (g["mx"] - mx), max(0.0, g["vy"] + theta**2 * g["vx"] - 2 * theta * g["c"])

    mc, vc = adjust(cg)
    mt, vt = adjust(tg)
    d, se, lo, hi, p = welch(mc, vc, cg["n"], mt, vt, tg["n"], alpha)
    raw_se2 = cg["vy"] / cg["n"] + tg["vy"] / tg["n"]
    vr = min(1.0, max(0.0, 1 - se * se / raw_se2))
    return d, lo, hi, p, vr


def expected(case):
    alpha = case["alpha"]
    z = stats.norm.isf(alpha / 2)
    units = case["units"]
    out = {"metrics": {}}
    # SRM: expected count of arm i is the sum over epochs of units x weight_i (scipy.stats.chisquare).
    exp_counts = np.zeros(len(units))
    for e in case["epochs"]:
        w = np.array(e["weights"], dtype=float)
        exp_counts += sum(e["units"]) * w / w.sum()
    chi = stats.chisquare(np.array(units, dtype=float), f_exp=exp_counts)
    out["srm"] = {"statistic": float(chi.statistic), "p_value": float(chi.pvalue),
                  "shares": list(exp_counts / exp_counts.sum())}
    pvals, where = [], []
    for m in case["metrics"]:
        kind, key = m["kind"], m["key"]
        groups = [group(kind, case["moments"][v][key], units[v]) for v in range(len(units))]
        rows = []
        for v, g in enumerate(groups):
            row = {"value": g["value"]}
            if kind == "CONVERSION":
                lo, hi = proportion_confint(g["successes"], g["n"], alpha=alpha, method="wilson")
            elif kind == "RATIO":
                lo, hi = g["value"] - z * math.sqrt(g["est_var"]), g["value"] + z * math.sqrt(g["est_var"])
            else:
                half = stats.t.isf(alpha / 2, g["n"] - 1) * math.sqrt(g["est_var"])
                lo, hi = g["value"] - half, g["value"] + half
            row.update(value_lower=float(lo), value_upper=float(hi))
            rows.append(row)
        c = groups[0]
        for v in range(1, len(groups)):
            t, row = groups[v], rows[v]
            if kind == "CONVERSION":
                d = t["value"] - c["value"]
                se = math.sqrt(c["est_var"] + t["est_var"])
                lo, hi = d - z * se, d + z * se
                # statsmodels proportions_ztest: pooled standard error, two-sided.
                _, p = proportions_ztest([t["successes"], c["successes"]], [t["n"], c["n"]])
                rel = relative(c["value"], c["est_var"], t["value"], t["est_var"], z)
            elif kind == "RATIO":
                d = t["ratio"] - c["ratio"]
                se = math.sqrt(c["est_var"] + t["est_var"])
                lo, hi = d - z * se, d + z * se
                p = 2 * stats.norm.sf(abs(d / se))
                rel = relative(c["ratio"], c["est_var"], t["ratio"], t["est_var"], z)
            else:
                d, se, lo, hi, p = welch(c["value"], c["var"], c["n"], t["value"], t["var"], t["n"], alpha)
                rel = relative(c["value"], c["est_var"], t["value"], t["est_var"], z)
            row.update(abs=d, abs_lower=lo, abs_upper=hi, p=float(p),
                       rel=rel[0], rel_lower=rel[1], rel_upper=rel[2])
            pooled_unit_var = (c["est_var"] * c["n"] ** 2 + t["est_var"] * t["n"] ** 2) / (c["n"] + t["n"])
            av = msprt(d, se * se, MIXING_FACTOR * pooled_unit_var, alpha)
            row.update(av_p=av[0], av_lower=av[1], av_upper=av[2])
            if kind == "CONVERSION":
                ac, bc = 1 + c["successes"], 1 + c["n"] - c["successes"]
                at, bt = 1 + t["successes"], 1 + t["n"] - t["successes"]
                if max(ac, at) <= EXACT_BETA_LIMIT:
                    if m["decrease_better"]:
                        chance, loss = beta_greater(ac, bc, at, bt), beta_loss(ac, bc, at, bt)
                    else:
                        chance, loss = beta_greater(at, bt, ac, bc), beta_loss(at, bt, ac, bc)
                else:
                    def nv(a, b):
                        return a / (a + b), a * b / ((a + b) ** 2 * (a + b + 1))
                    (mc, vc), (mt, vt) = nv(ac, bc), nv(at, bt)
                    chance, loss = normal_bayes(mc, vc, mt, vt, m["decrease_better"])
            else:
                chance, loss = normal_bayes(c["value"], c["est_var"], t["value"], t["est_var"], m["decrease_better"])
            row.update(chance=chance, loss=loss)
            if m["cuped"]:
                cd, clo, chi_, cp, cvr = cuped(c["cuped"], t["cuped"], alpha)
                row.update(cuped_abs=cd, cuped_lower=clo, cuped_upper=chi_, cuped_p=cp, cuped_vr=cvr)
            if m["key"] in case["plan"]["guardrails"]:
                margin = m["margin"] * abs(c["value"])
                ends = [-av[1], -av[2]] if m["decrease_better"] else [av[1], av[2]]
                status = "BREACHED" if max(ends) < -margin else ("PASSED" if min(ends) > -margin else "INCONCLUSIVE")
                row["guardrail"] = status
            pvals.append(float(p))
            where.append((key, v))
        out["metrics"][key] = rows
    adjusted = multipletests(pvals, method="holm")[1]
    for (key, v), a in zip(where, adjusted):
        out["metrics"][key][v]["adj_p"] = float(a)
    return out


def conversion(rate, lift, pre_rate=None):
    def simulate(rng, n, v):
        p = rate * (1 + lift * v)
        y = (rng.random(n) < p).astype(float)
        x = None if pre_rate is None else ((rng.random(n) < pre_rate) | (y > 0) & (rng.random(n) < 0.5)).astype(float)
        return reduce(y, x=x)
    return simulate


def revenue(mean, lift):
    def simulate(rng, n, v):
        x = rng.gamma(2.0, mean / 2, n)
        y = np.where(rng.random(n) < 0.3, 0.6 * x + rng.gamma(2.0, mean * (1 + lift * v) / 2, n), 0.0)
        return reduce(y, x=x)
    return simulate


def latency(mean, shift, share_with_events):
    def simulate(rng, n, v):
        k = int(n * share_with_events)
        y = rng.lognormal(math.log(mean * (1 + shift * v)), 0.4, k)
        m = reduce(y)
        return m
    return simulate


def clicks_per_session(rate):
    def simulate(rng, n, v):
        sessions = rng.poisson(3.0, n).astype(float) + 1
        clicks = rng.binomial(sessions.astype(int), rate * (1 + 0.03 * v)).astype(float)
        return reduce(clicks, d=sessions)
    return simulate


def count_of(rate):
    def simulate(rng, n, v):
        return reduce(rng.poisson(rate * (1 + 0.02 * v), n).astype(float))
    return simulate


def metric(key, kind, simulate, decrease_better=False, margin=0.0, cuped_on=False):
    return {"key": key, "kind": kind, "simulate": simulate, "decrease_better": decrease_better,
            "margin": margin, "cuped": cuped_on}


def main():
    cases = [
        simulate_case(
            "three variations, five metrics, a weight change",
            seed=12,
            units=[4012, 3990, 2051],
            alpha=0.05,
            planned=20000,
            metrics=[
                metric("checkout", "CONVERSION", conversion(0.11, 0.08, pre_rate=0.08), cuped_on=True),
                metric("latency", "MEAN", latency(240.0, 0.01, 0.8), decrease_better=True, margin=0.05),
                metric("revenue", "SUM", revenue(20.0, 0.05), cuped_on=True),
                metric("clicks", "COUNT", count_of(1.4)),
                metric("ctr", "RATIO", clicks_per_session(0.2)),
            ],
            epochs=[
                {"weights": [0.4, 0.4, 0.2], "units": [2000, 2010, 1003]},
                {"weights": [0.4, 0.4, 0.2], "units": [2012, 1980, 1048]},
            ],
            plan={"primary": "checkout", "guardrails": ["latency"], "secondary": ["revenue", "clicks", "ctr"]},
        ),
        simulate_case(
            "a million units: the Beta comparison by its normal approximation",
            seed=7,
            units=[600_280, 400_220],
            alpha=0.01,
            planned=0,
            metrics=[
                metric("signup", "CONVERSION", conversion(0.1, 0.01)),
                metric("errors", "COUNT", count_of(0.05), decrease_better=True, margin=0.1),
            ],
            epochs=[
                {"weights": [0.5, 0.5], "units": [250_000, 250_100]},
                {"weights": [0.7, 0.3], "units": [350_280, 150_120]},
            ],
            plan={"primary": "signup", "guardrails": ["errors"], "secondary": []},
        ),
    ]
    with open("results.json", "w") as f:
        json.dump({"cases": cases}, f, indent=1)


if __name__ == "__main__":
    main()
