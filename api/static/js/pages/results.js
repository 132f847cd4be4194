// Results: wait for the analysis, then scores, feedback per answer, the transcript and readiness impact.

import { api } from "../api.js";
import { barChart, gauge } from "../charts.js";
import { busy, byId, fill, h, showError } from "../dom.js";
import { dateTime, interviewType, score, sentence } from "../format.js";
import { exchangeCard } from "../feedback.js";
import { pageData, startPage } from "../nav.js";
import { transcriptItems } from "../transcript.js";

const sessionId = pageData("sessionId");
const base = `/api/interview/sessions/${sessionId}`;
const POLL_MS = 700;
const STATUS_WORDS = { PENDING: "Queued", PROCESSING: "Analysing your answers", COMPLETED: "Done", FAILED: "Failed" };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function showProgress(status) {
  byId("analysis-progress").value = status.progress;
  const attempt = status.attempts > 1 ? ` (attempt ${status.attempts})` : "";
  const error = status.status === "FAILED" && status.error ? `: ${status.error}` : "";
  byId("analysis-status").textContent = `${STATUS_WORDS[status.status] ?? status.status}${attempt} · ${status.progress}%${error}`;
  byId("retry-analysis").hidden = status.status !== "FAILED";
}

async function currentStatus() {
  try {
    return await api(`${base}/analysis/status`);
  } catch (error) {
    if (error.status !== 404) throw error;
    return api(`${base}/analysis`, { method: "POST" }); // ended before analyses were queued: ask for one
  }
}

/** Poll until the analysis settles; true when it completed. */
async function waitForAnalysis() {
  for (;;) {
    const status = await currentStatus();
    showProgress(status);
    if (status.status === "COMPLETED") return true;
    if (status.status === "FAILED") return false;
    await sleep(POLL_MS);
  }
}

function showScores(result) {
  const a = result.analysis;
  byId("overall-score").replaceChildren(gauge(result.overall_score, { label: "Overall score", caption: `${a.exchanges.length} answers` }));
  const bars = (scores) => Object.entries(scores).map(([k, v]) => ({ label: sentence(k), value: v }));
  fill(byId("competency-chart"), a.competency_scores && Object.keys(a.competency_scores).length
    ? [barChart(bars(a.competency_scores), { label: "Competency scores" })] : [], "No competencies scored.");
  fill(byId("criteria-chart"), [barChart(bars(a.criteria_averages), { label: "Criteria averages" })]);
  fill(byId("top-actions"), a.top_actions.map((t) => h("li", {}, t)), "Nothing urgent: keep practising.");
  byId("delivery").textContent = deliveryText(a.delivery);
  const notes = a.notes ?? []; // e.g. the LLM feedback pass was skipped at the daily spending cap
  byId("analysis-notes").replaceChildren(...notes.map((n) => h("li", {}, n)));
  byId("analysis-notes").hidden = notes.length === 0;
}

function deliveryText(d) {
  const fillers = d.top_fillers.map(([word, n]) => `“${word}” ×${n}`).join(", ");
  const fillerPart = `${d.filler_count} filler word${d.filler_count === 1 ? "" : "s"}${fillers ? ` (${fillers})` : ""}`;
  if (!d.measured) return `${fillerPart}. Pace and pauses are measured in voice practice.`;
  const pace = d.average_wpm ? `${Math.round(d.average_wpm)} words per minute, ` : "";
  return `${pace}${fillerPart}, ${d.pauses_over_1s} pauses over 1 s (longest ${d.longest_pause_s.toFixed(1)} s).`;
}

function readinessImpact(result, session) {
  const before = result.readiness_before;
  const after = result.readiness_after;
  if (!session.job_target_id || !after) {
    return [h("p", { class: "empty" }, "General practice: save a job to track readiness for it.")];
  }
  const delta = after.score - (before?.score ?? 0);
  return [
    h("p", { class: "impact" },
      h("span", { class: "impact-before" }, score(before?.score ?? 0)), h("span", { "aria-hidden": "true" }, " → "),
      h("span", { class: "impact-after" }, score(after.score)),
      h("span", { class: `delta ${delta >= 0 ? "up" : "down"}` }, ` ${delta >= 0 ? "+" : ""}${Math.round(delta)}`)),
    h("p", { class: "visually-hidden" }, `Readiness went from ${score(before?.score ?? 0)} to ${score(after.score)}.`),
    h("p", {}, `${sentence(after.level)} · confidence ${after.confidence}`),
    h("ul", { class: "plain" }, after.explanation.map((line) => h("li", {}, line))),
  ];
}

function commentItem(c) {
  const text = typeof c === "string" ? c : c.text ?? c.body ?? "";
  const turn = Number.isInteger(c.turn_seq) ? h("a", { href: `#turn-${c.turn_seq}` }, `on turn ${c.turn_seq}`) : null;
  return h("li", { class: "comment" }, h("p", {}, text),
    h("footer", { class: "muted" }, c.author_name ?? c.author ?? "Coach", turn ? [" · ", turn] : null,
      c.created_at ? ` · ${dateTime(c.created_at)}` : null));
}

async function sessionComments(session) {
  if (Array.isArray(session.comments)) return session.comments;
  try {
    return await api(`${base}/comments`);
  } catch (error) {
    if (error.status === 404) return []; // a companion without coaching has no comments to show
    throw error;
  }
}

async function showComments(session) {
  const comments = await sessionComments(session);
  fill(byId("comments"), comments.length ? [h("ul", { class: "comments" }, comments.map(commentItem))] : [],
    "No coach comments yet. When a coach reviews this session, their notes appear here.");
}

function showReport(result, session) {
  showScores(result);
  byId("readiness-impact").replaceChildren(...readinessImpact(result, session));
  const ctx = { base, sessionId, turns: session.turns };
  fill(byId("exchanges"), result.analysis.exchanges.map((e, i) => exchangeCard(ctx, e, i)), "No answers to analyse.");
  byId("progress-panel").hidden = true;
  byId("report").hidden = false;
}

function showSession(session) {
  const plan = session.plan;
  byId("results-title").textContent = plan.job_title ? `Results: ${plan.job_title}` : "Interview results";
  byId("results-meta").textContent = [interviewType(plan.interview_type), `${session.mode} practice`,
    dateTime(session.started_at ?? session.created_at)].join(" · ");
  if (session.job_target_id) {
    byId("job-link").href = `/jobs/${session.job_target_id}`;
    byId("job-link").hidden = false;
  }
  fill(byId("transcript"), transcriptItems(session.turns), "Nothing was said in this session.");
  showComments(session).catch(showError);
}

function notFinished(session) {
  const href = session.mode === "voice" ? session.links.practice_page : `/sessions/${sessionId}/text`;
  byId("progress-title").textContent = "This interview has not finished yet";
  byId("analysis-status").replaceChildren("Results appear once it ends. ", h("a", { href }, "Go back to the interview"));
  byId("analysis-progress").hidden = true;
}

async function analyse(session) {
  if (await waitForAnalysis()) showReport(await api(`${base}/analysis`), session);
}

async function load() {
  const session = await api(base);
  showSession(session);
  if (["created", "live"].includes(session.state)) return notFinished(session);
  const retry = byId("retry-analysis");
  retry.addEventListener("click", () => busy(retry, async () => {
    showProgress(await api(`${base}/analysis`, { method: "POST" }));
    await analyse(session);
  }));
  return analyse(session);
}

if (await startPage().catch(showError)) await load().catch(showError);
