// Reads {key, answerSets} on stdin and prints what the browser's scoring code makes of each set.
import { readFileSync } from "node:fs";
import { scoreAnswers } from "../../attunement/theme/static/scoring.js";

const { key, answerSets } = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(answerSets.map((answers) => scoreAnswers(key, answers))));
