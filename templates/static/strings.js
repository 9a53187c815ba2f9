// The interface's sentences, in the page's language: templates/_strings.html renders them through the site's
// catalog into <script id="attune-strings">, each page's entry script reads them once and hands them on. A sentence
// takes its numbers and names through {placeholders}, so a translation can put them where its language wants them;
// a plural sentence holds a form for each plural category of the language. No DOM here, so node imports it too.

const PLACEHOLDER = /\{(\w+)\}/g;

/** `text` with its {placeholders} filled from `values` (as attunement/render/i18n.py's `fill`); unknown ones stay. */
export function format(text, values = {}) {
  return text.replace(PLACEHOLDER, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** The message `name` of `strings`; a plural one in the form for `values.count`, chosen by the language's rules. */
function message(strings, name, values) {
  const text = strings[name];
  if (typeof text === "string") return text;
  if (!text) throw new Error(`no interface string "${name}"`);
  return text[new Intl.PluralRules(strings.lang).select(values.count)] ?? text.other;
}

/** The sentence `name`, filled in: `say(strings, "step", { n: 2, total: 12 })` is "Statement 2 of 12" in English. */
export function say(strings, name, values = {}) {
  return format(message(strings, name, values), values);
}

/** The sentence `name` cut at its placeholders, each filled with its value as it is (a link to put in the page,
 * say): ["This score falls in the range of another result: ", link, "."]. Empty pieces are left out. */
export function sayParts(strings, name, values = {}) {
  return message(strings, name, values)
    .split(/(\{\w+\})/)
    .filter((piece) => piece !== "")
    .map((piece) => {
      const name = /^\{(\w+)\}$/.exec(piece)?.[1];
      return name !== undefined && name in values ? values[name] : piece;
    });
}

/** A whole number with its thousands grouped as the language writes them: 21,000 in English, 21.000 in Spanish. */
export function grouped(strings, number) {
  return String(number).replace(/\B(?=(\d{3})+$)/g, strings.thousands);
}
