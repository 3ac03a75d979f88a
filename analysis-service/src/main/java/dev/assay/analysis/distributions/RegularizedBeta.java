package dev.assay.analysis.distributions;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;

/**
 * The regularized incomplete beta function I_x(a, b) by its continued fraction (modified Lentz;
 * Numerical Recipes 3rd ed., 6.4). Unlike commons-math's version, the caller passes x and 1 - x
 * separately so that neither loses precision when the other is close to 1; this matters for the t
 * distribution with millions of degrees of freedom, where x = df / (df + t^2) is within 1e-7 of 1.
 */
final class RegularizedBeta {
  private static final double EPSILON = 1e-16;
  private static final double TINY = 1e-300;
  private static final int MAX_ITERATIONS = 1_000_000;

  /**
   * Above this a (with b < 1) the continued fraction loses precision to cancellation in 1 - x terms
   * and the asymptotic expansion takes over.
   */
  private static final double LARGE_A = 1e5;

  private static final int EXPANSION_TERMS = 30;
  private static final double[] ODD_FACTORIALS = oddFactorials();

  private RegularizedBeta() {}

  /** I_x(a, b), given x and y = 1 - x, each computed accurately by the caller. */
  static double lower(double x, double y, double a, double b) {
    return lower(x, y, Math.log(x), Math.log(y), a, b);
  }

  /**
   * I_x(a, b), given x, y = 1 - x and their logarithms, each computed accurately by the caller (a *
   * log(x) must stay exact to 1e-12 even when a is 1e7 and x is within 1e-7 of 1).
   */
  static double lower(double x, double y, double logX, double logY, double a, double b) {
    if (x <= 0.0) {
      return 0.0;
    }
    if (y <= 0.0) {
      return 1.0;
    }
    if (a > LARGE_A && b < 1.0) {
      return largeASmallB(a, b, logX);
    }
    if (x > (a + 1.0) / (a + b + 2.0)) {
      return 1.0 - lower(y, x, logY, logX, b, a);
    }
    double logFront = a * logX + b * logY - Beta.logBeta(a, b) - Math.log(a);
    return Math.exp(logFront) * continuedFraction(x, y, a, b);
  }

  /**
   * I_x(a, b) for large a and b < 1 by the asymptotic expansion in incomplete gamma functions of
   * DiDonato and Morris (ACM TOMS 708, 1992, algorithm BGRAT; the form used by Boost's
   * beta_small_b_large_a_series). Only log(x) enters, so x within 1e-7 of 1 costs no precision.
   */
  private static double largeASmallB(double a, double b, double logX) {
    double bm1 = b - 1.0;
    double t = a + bm1 / 2.0;
    double u = -t * logX;
    double logH = b * Math.log(u) - u - Gamma.logGamma(b);
    double prefix = Math.exp(b * Math.log(u) - u - Beta.logBeta(a, b) - b * Math.log(t));
    double j = Gamma.regularizedGammaQ(b, u, 1e-16, MAX_ITERATIONS) / Math.exp(logH);
    double sum = prefix * j;
    double[] p = new double[EXPANSION_TERMS];
    p[0] = 1.0;
    double halfLogXSquared = (logX / 2.0) * (logX / 2.0);
    double logXPower = 1.0;
    double fourTSquared = 4.0 * t * t;
    double b2n = b;
    for (int n = 1; n < EXPANSION_TERMS; n++) {
      double pn = 0.0;
      for (int m = 1; m < n; m++) {
        pn += (m * b - n) * p[n - m] / ODD_FACTORIALS[m];
      }
      p[n] = pn / n + bm1 / ODD_FACTORIALS[n];
      j = (b2n * (b2n + 1.0) * j + (u + b2n + 1.0) * logXPower) / fourTSquared;
      logXPower *= halfLogXSquared;
      b2n += 2.0;
      double term = prefix * p[n] * j;
      sum += term;
      if (Math.abs(term) <= 1e-17 * Math.abs(sum)) {
        break;
      }
    }
    return sum;
  }

  /** (2m + 1)! for m = 0 .. EXPANSION_TERMS. */
  private static double[] oddFactorials() {
    double[] factorials = new double[EXPANSION_TERMS + 1];
    double f = 1.0;
    for (int m = 0; m <= EXPANSION_TERMS; m++) {
      factorials[m] = f;
      f *= (2.0 * m + 2.0) * (2.0 * m + 3.0);
    }
    return factorials;
  }

  private static double continuedFraction(double x, double y, double a, double b) {
    double qab = a + b;
    double qap = a + 1.0;
    double qam = a - 1.0;
    double c = 1.0;
    // 1 - (a + b) x / (a + 1), written with y = 1 - x to avoid cancellation when x is close to 1.
    double d = (1.0 - b + qab * y) / qap;
    if (Math.abs(d) < TINY) {
      d = TINY;
    }
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= MAX_ITERATIONS; m++) {
      int m2 = 2 * m;
      double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
      d = 1.0 + aa * d;
      d = Math.abs(d) < TINY ? TINY : d;
      c = 1.0 + aa / c;
      c = Math.abs(c) < TINY ? TINY : c;
      d = 1.0 / d;
      h *= d * c;
      aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
      d = 1.0 + aa * d;
      d = Math.abs(d) < TINY ? TINY : d;
      c = 1.0 + aa / c;
      c = Math.abs(c) < TINY ? TINY : c;
      d = 1.0 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1.0) <= EPSILON) {
        return h;
      }
    }
    throw new ArithmeticException(
        "incomplete beta continued fraction did not converge: a=" + a + " b=" + b + " x=" + x);
  }
}
