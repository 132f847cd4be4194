// Feedback for one answer: criteria, strengths and weaknesses with their quotes, the rewrite, a retry box
// scored against the original, and saving the answer as a STAR story.

import { api } from "./api.js";
import { barChart } from "./charts.js";
import { busy, h } from "./dom.js";
import { scoreClass, score, sentence } from "./format.js";
import { speakerOf } from "./transcript.js";

function claimItem(claim, turns) {
  const ev = claim.evidence;
  return h("li", { class: "claim" },
    h("p", {}, claim.text, claim.criterion ? h("span", { class: "tag" }, sentence(claim.criterion)) : null),
    h("blockquote", { class: "evidence", dataset: { turnSeq: ev.turn_seq, start: ev.start, end: ev.end } },
      h("p", {}, `“${ev.quote}”`),
      h("footer", {}, h("a", { href: `#turn-${ev.turn_seq}` }, `${speakerOf(turns, ev.turn_seq)} (turn ${ev.turn_seq})`))));
}

function claimList(title, claims, kind, turns) {
  if (!claims.length) return null;
  return h("div", { class: `claims ${kind}` }, h("h4", {}, title), h("ul", {}, claims.map((c) => claimItem(c, turns))));
}

function criteriaChart(criteria) {
  const items = Object.entries(criteria).filter(([, v]) => v !== null).map(([k, v]) => ({ label: sentence(k), value: v }));
  return barChart(items, { label: "Criteria for this answer", width: 360 });
}

function elements(found) {
  const entries = Object.entries(found ?? {});
  if (!entries.length) return null;
  return h("ul", { class: "chips small elements", "aria-label": "Answer structure" },
    entries.map(([name, ok]) => h("li", { class: ok ? "ok" : "missing" }, `${ok ? "✓" : "✗"} ${sentence(name)}`)));
}

function retryResult(attempt, original) {
  const delta = Math.round(attempt.score - original);
  const sign = delta > 0 ? `+${delta}` : String(delta);
  const verdict = delta > 0 ? "better than" : delta < 0 ? "below" : "level with";
  return h("p", { class: `retry-result ${delta >= 0 ? "up" : "down"}`, role: "status" },
    `Attempt ${attempt.attempt_no} scored `, h("strong", { class: scoreClass(attempt.score) }, score(attempt.score)),
    ` (${sign}), ${verdict} your original ${score(original)}.`);
}

function retryBox(ctx, exchange, state) {
  const text = h("textarea", { rows: 4, maxlength: 10000, required: true, "aria-label": `Retry: ${exchange.question_text}` });
  const button = h("button", { type: "submit" }, "Score my retry");
  const out = h("div", { class: "retry-out" });
  const form = h("form", { class: "retry stack compact" }, h("h4", {}, "Retry this answer"), text, button, out);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const attempt = await busy(button, () => api(`${ctx.base}/exchanges/${exchange.question_id}/attempts`,
      { method: "POST", body: { text: text.value.trim() } }));
    if (!attempt) return;
    state.attemptId = attempt.id;
    out.replaceChildren(retryResult(attempt, exchange.score));
  });
  return form;
}

function storyButton(ctx, exchange, state) {
  const button = h("button", { type: "button" }, "Save as STAR story");
  const out = h("span", { class: "muted", role: "status" });
  button.addEventListener("click", () => busy(button, async () => {
    const body = { session_id: ctx.sessionId, question_id: exchange.question_id, attempt_id: state.attemptId };
    try {
      const story = await api("/api/stories", { method: "POST", body });
      out.textContent = `Saved to your story library as “${story.title.slice(0, 60)}”.`;
    } catch (error) {
      out.textContent = error.message;
    }
  }));
  return h("div", { class: "actions" }, button, out);
}

function header(exchange, index) {
  return h("header", { class: "exchange-head" },
    h("div", {},
      h("h3", {}, `Q${index + 1}. ${exchange.question_text}`),
      h("p", { class: "muted" }, [sentence(exchange.competency), exchange.jd_requirement].filter(Boolean).join(" · "))),
    h("span", { class: `big ${scoreClass(exchange.score)}`, "aria-label": `Score ${exchange.score}` }, score(exchange.score)));
}

function improvements(exchange) {
  return [
    exchange.rewrite ? h("div", { class: "rewrite" }, h("h4", {}, "A stronger answer"), h("blockquote", {}, exchange.rewrite)) : null,
    exchange.try_next_time.length
      ? h("div", {}, h("h4", {}, "Try next time"), h("ul", {}, exchange.try_next_time.map((t) => h("li", {}, t))))
      : null,
  ];
}

/** One answer's feedback card; ctx = {base, sessionId, turns}. */
export function exchangeCard(ctx, exchange, index) {
  const state = { attemptId: undefined };
  return h("article", { class: "card exchange", id: `q-${exchange.question_id}` },
    header(exchange, index),
    exchange.verdict ? h("p", { class: "verdict" }, exchange.verdict) : null,
    h("div", { class: "grid two" },
      h("div", {}, criteriaChart(exchange.criteria), elements(exchange.elements), improvements(exchange)),
      h("div", {},
        claimList("Strengths", exchange.strengths, "strengths", ctx.turns),
        claimList("To improve", exchange.weaknesses, "weaknesses", ctx.turns))),
    retryBox(ctx, exchange, state),
    storyButton(ctx, exchange, state));
}
