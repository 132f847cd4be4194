// Filler words in an answer, found the way coach/speech/metrics.py finds them for spoken answers, so a
// typed answer is highlighted by the same rules and voice metrics' word indexes line up with this tokenizer.

const WORD = /[a-z0-9]+(?:'[a-z]+)?/g;
const SINGLE = new Set(["um", "umm", "uh", "uhh", "er", "erm", "basically", "like"]);
const PHRASES = new Set(["you know", "sort of", "kind of", "i mean"]);
// "I like Go", "looks like", "what kind of": the same words doing real work.
const LIKE_KEEPS = new Set(["i", "we", "you", "they", "would", "i'd", "we'd", "looks", "look", "looked", "feel",
  "feels", "felt", "seems", "seem", "seemed", "sounds", "something", "anything", "nothing", "just", "more", "much",
  "don't", "didn't", "really", "also", "things", "people"]);
const KIND_KEEPS = new Set(["what", "which", "this", "that", "the", "a", "any", "some", "same", "different", "every",
  "these", "those", "one", "another", "right", "wrong"]);
const KNOW_KEEPS = new Set(["the", "how", "what", "that", "it"]);

/** Each word with its character span in `text`. */
export function wordSpans(text) {
  return [...text.toLowerCase().matchAll(WORD)].map((m) => ({ word: m[0], start: m.index, end: m.index + m[0].length }));
}

function phraseAt(words, i) {
  if (i + 1 >= words.length) return null;
  const pair = `${words[i]} ${words[i + 1]}`;
  if (!PHRASES.has(pair)) return null;
  if (pair === "you know" && KNOW_KEEPS.has(words[i + 2])) return null;
  return pair;
}

/** Fillers as [{word, index}], index counting words from 0. */
export function findFillers(text) {
  const words = wordSpans(text).map((w) => w.word);
  const found = [];
  words.forEach((word, i) => {
    const before = i ? words[i - 1] : "";
    const phrase = phraseAt(words, i);
    if (phrase && !(["kind", "sort"].includes(words[i]) && KIND_KEEPS.has(before))) found.push({ word: phrase, index: i });
    else if (SINGLE.has(word) && !(word === "like" && LIKE_KEEPS.has(before))) found.push({ word, index: i });
  });
  return found;
}

function fillerRanges(text, fillers) {
  const spans = wordSpans(text);
  return fillers
    .map((f) => {
      const first = spans[f.index];
      const last = spans[f.index + String(f.word).split(/\s+/).length - 1];
      return first && last ? { start: first.start, end: last.end } : null;
    })
    .filter(Boolean)
    .sort((a, b) => a.start - b.start);
}

/** The text as nodes with each filler wrapped in <mark class="filler">. */
export function highlightFillers(text, fillers = findFillers(text)) {
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const range of fillerRanges(text, fillers)) {
    if (range.start < at) continue;
    fragment.append(text.slice(at, range.start));
    const mark = document.createElement("mark");
    mark.className = "filler";
    mark.title = "Filler word";
    mark.textContent = text.slice(range.start, range.end);
    fragment.append(mark);
    at = range.end;
  }
  fragment.append(text.slice(at));
  return fragment;
}
