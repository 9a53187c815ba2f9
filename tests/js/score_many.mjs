// Reads [{key, answerSets}, ...] on stdin and prints, for each quiz and answer set, what the browser's code makes
// of it: the quiz page's scores and result, then what a result page and a partner read back from the fragment
// those scores travel in (`read`, `readResult`, `partnerResult`), the result page's "another result" note
// (`other`) and the scores as shown (`shown`).
import { readFileSync } from "node:fs";
import { PARTNER, fragmentFor, matchResult, parseFragment, scoreAnswers } from "../../templates/static/scoring.js";
import { displayScore, otherResult } from "../../templates/static/resultlogic.js";

function view(key, answers) {
  const outcome = scoreAnswers(key, answers);
  if (outcome.missing) return outcome;
  const fragment = fragmentFor(key, outcome.scores);
  const read = parseFragment(key, `#${fragment}`);
  const partner = parseFragment(key, `#${fragmentFor(key, outcome.scores, PARTNER)}`, PARTNER);
  return {
    ...outcome,
    fragment,
    read,
    readResult: read && matchResult(key, read),
    partnerResult: partner && matchResult(key, partner),
    other: read && (otherResult(key, read, outcome.result)?.id ?? null),
    shown: read && Object.fromEntries(key.scores.map((d) => [d.id, displayScore(key, d.id, read[d.id])])),
  };
}

const jobs = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(jobs.map(({ key, answerSets }) => answerSets.map((answers) => view(key, answers)))));
