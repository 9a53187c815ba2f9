// Where a score places a reader among a published sample (the quiz's norms), in numbers and in plain words, and where
// the marker goes on the sample's picture. Mirrors attunement/quiz/norms.py operation for operation, so both agree
// but for the last place of exp() (tests/test_norms.py holds them within 1e-9). No DOM here, so node imports it too.

import { grouped, say } from "./strings.js";

const SQRT2 = 1.4142135623730951;
const TWO_OVER_SQRT_PI = 1.1283791670955126;

/** The error function (JavaScript has none): 2/sqrt(pi) e^(-x^2) sum 2^n x^(2n+1) / (2n+1)!!, as norms.py. */
export function erf(x) {
  const a = Math.abs(x);
  if (a >= 6) return Math.sign(x);
  const twice = 2 * a * a;
  let term = a;
  let total = a;
  let n = 0;
  while (term > total * 1e-17) {
    n += 1;
    term = (term * twice) / (2 * n + 1);
    total += term;
  }
  const value = Math.min(1, TWO_OVER_SQRT_PI * Math.exp(-a * a) * total);
  return x < 0 ? -value : value;
}

/** The share of the sample (0 to 100) below `score`: normal from mean and sd, or linear between a table's rows. */
export function percentile(norms, score) {
  if (!norms.table) return 50 * (1 + erf((score - norms.mean) / norms.sd / SQRT2));
  const rows = norms.table;
  if (score <= rows[0][0]) return rows[0][1];
  for (let i = 1; i < rows.length; i += 1) {
    const [[x0, p0], [x1, p1]] = [rows[i - 1], rows[i]];
    if (score <= x1) return p0 + ((score - x0) * (p1 - p0)) / (x1 - x0);
  }
  return rows[rows.length - 1][1];
}

/** "Higher than about 62 of 100 adults in the 2011 online sample of 21,000.": a comparison, never a verdict, in the
 * page's language (`strings`, the page's attune-strings). */
export function percentileWords(pct, sample, size, strings) {
  const values = { sample, size: grouped(strings, size) };
  if (pct < 1) return say(strings, "norms_lower_all", values);
  if (pct > 99) return say(strings, "norms_higher_all", values);
  return say(strings, "norms_higher_about", { ...values, n: Math.floor(pct + 0.5) });
}

/** Where a score sits across the sample's picture, in its SVG units; `plot` holds the picture's data attributes. A
 * mirrored picture (data-mirrored, for right-to-left pages) runs from its low end at the right. */
export function markerX(plot, score) {
  const [low, high] = [Number(plot.low), Number(plot.high)];
  const share = (score - low) / (high - low);
  return Number(plot.left) + (plot.mirrored ? 1 - share : share) * Number(plot.width);
}

/** The share of the sample below a score, shaded on its picture: the x and width of the part from the picture's low
 * end (its left end, or its right end when mirrored) to the marker at `x`. */
export function belowSpan(plot, x) {
  const low = Number(plot.left) + (plot.mirrored ? Number(plot.width) : 0);
  return { x: Math.min(x, low), width: Math.abs(x - low) };
}
