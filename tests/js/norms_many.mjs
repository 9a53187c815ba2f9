// Reads [{norms, score}, ...] on stdin (norms as the client key writes them) and prints, for each, what the browser's
// normlogic.js makes of it: the percentile and its English words. tests/test_norms.py holds these to the Python
// reference.
import { readFileSync } from "node:fs";
import { erf, percentile, percentileWords } from "../../templates/static/normlogic.js";

const strings = JSON.parse(readFileSync(new URL("strings_en.json", import.meta.url), "utf8"));
const cases = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(cases.map(({ norms, score, x }) => {
  if (x !== undefined) return { erf: erf(x) };
  const pct = percentile(norms, score);
  return { percentile: pct, words: percentileWords(pct, norms.sample, norms.size, strings) };
})));
