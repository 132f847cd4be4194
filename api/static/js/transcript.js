// The transcript with filler words marked and, for spoken answers, pace and long pauses noted.

import { highlightFillers } from "./fillers.js";
import { h } from "./dom.js";

function speechNotes(metrics) {
  if (!metrics) return null;
  const notes = [];
  if (metrics.words_per_minute) notes.push(h("span", { class: "metric" }, `${Math.round(metrics.words_per_minute)} wpm`));
  if (metrics.pauses_over_1s) {
    const longest = metrics.longest_pause_s ? `, longest ${metrics.longest_pause_s.toFixed(1)} s` : "";
    const label = `${metrics.pauses_over_1s} pause${metrics.pauses_over_1s === 1 ? "" : "s"} over 1 s${longest}`;
    notes.push(h("span", { class: "pause-badge" }, label));
  }
  return notes.length ? h("div", { class: "turn-notes" }, notes) : null;
}

function turnText(turn) {
  if (turn.role !== "candidate") return h("p", {}, turn.text);
  // Spoken answers carry the fillers the speech pipeline counted; typed ones are scanned here.
  const fillers = turn.metrics?.fillers;
  return h("p", {}, fillers ? highlightFillers(turn.text, fillers) : highlightFillers(turn.text));
}

function turnItem(turn) {
  const who = turn.role === "candidate" ? "You" : "Interviewer";
  return h("li", { id: `turn-${turn.seq}`, class: `turn ${turn.role}` },
    h("span", { class: "who" }, who, turn.interrupted ? h("span", { class: "muted" }, " (interrupted)") : null),
    turnText(turn),
    turn.role === "candidate" ? speechNotes(turn.metrics) : null);
}

export function transcriptItems(turns) {
  return turns.filter((t) => t.text).map(turnItem);
}

export function speakerOf(turns, seq) {
  return turns.find((t) => t.seq === seq)?.role === "candidate" ? "You said" : "The interviewer asked";
}
