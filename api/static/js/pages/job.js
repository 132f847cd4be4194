// One job: its JD summary, readiness, what to practise next, history, stages, contacts and likely questions.

import { api } from "../api.js";
import { gauge, lineChart } from "../charts.js";
import { busy, byId, clearError, fill, h, showError } from "../dom.js";
import { date, dateTime, interviewType, jobName, score, scoreClass, sentence, sessionHref, sessionState, shortDate } from "../format.js";
import { jdSummary } from "../jd_summary.js";
import { wireInterviewPrep } from "../job_prep.js";
import { pageData, startPage } from "../nav.js";

const jobId = pageData("jobId");
const base = `/api/jobs/${jobId}`;

function showJob(job) {
  document.title = `${jobName(job)} · Interview Coach`;
  byId("job-title").textContent = jobName(job);
  const meta = [job.location, `saved ${date(job.created_at)}`].filter(Boolean).join(" · ");
  const link = job.job_url ? [" · ", h("a", { href: job.job_url, rel: "noopener noreferrer", target: "_blank" }, "View posting")] : [];
  byId("job-meta").replaceChildren(meta, ...link);
  byId("job-status").textContent = sentence(job.status);
  byId("job-status").className = `badge status-${job.status}`;
  byId("jd-summary").replaceChildren(jdSummary(job.jd_parsed ?? {}));
}

function showReadiness(r) {
  byId("readiness-gauge").replaceChildren(gauge(r.score, { label: "Readiness", caption: `confidence: ${r.confidence}` }));
  // One session has no trend yet, whatever the label says.
  byId("readiness-level").textContent = r.sessions_used > 1 ? `${sentence(r.level)} · ${r.trend}` : sentence(r.level);
  fill(byId("readiness-explanation"), r.explanation.map((line) => h("li", {}, line)));
  const points = r.history.filter((p) => p.readiness !== null)
    .map((p) => ({ label: shortDate(p.at), value: p.readiness }));
  fill(byId("readiness-trend"), points.length ? [lineChart(points, { label: "Readiness by session" })] : [],
    "Your readiness trend appears after your first analysed session.");
  return r;
}

function suggestionItem(s) {
  const practise = h("button", { type: "button", class: "primary" }, "Practise this");
  const voice = h("button", { type: "button" }, "Voice practice");
  practise.addEventListener("click", () => busy(practise, () => startPractice(s, "text")));
  voice.addEventListener("click", () => busy(voice, () => startPractice(s, "voice")));
  const drills = s.drills.map((d) => h("li", {}, d.question));
  return h("li", { class: "suggestion" },
    h("div", { class: "strong" }, interviewType(s.interview_type),
      s.competencies.length ? h("span", { class: "muted" }, ` · ${s.competencies.join(", ")}`) : null),
    h("p", {}, sentence(s.reason)),
    drills.length ? h("details", {}, h("summary", {}, "Warm-up drills"), h("ul", {}, drills)) : null,
    h("div", { class: "actions" }, practise, voice));
}

async function startPractice(suggestion, mode) {
  clearError();
  byId("practice-status").textContent = "Building your interview plan…";
  const config = { job_target_id: jobId, interview_type: suggestion.interview_type };
  const body = mode === "voice" ? { config, mode: "voice", transport: "webrtc" } : { config, mode: "text" };
  try {
    const session = await api("/api/interview/sessions", { method: "POST", body });
    location.assign(mode === "voice" ? session.links.practice_page : `/sessions/${session.id}/text`);
  } finally {
    byId("practice-status").textContent = "";
  }
}

function historyRow(session, scores) {
  const value = scores.get(session.id);
  return h("li", { class: "row-item" },
    h("a", { href: sessionHref(session) }, dateTime(session.created_at)),
    h("span", { class: "muted" }, `${session.mode} · ${sessionState(session.state)}`),
    h("span", { class: scoreClass(value) }, score(value)));
}

async function loadHistory(readiness) {
  const sessions = await api(`/api/interview/sessions?job_target_id=${jobId}&limit=50`);
  const scores = new Map(readiness.history.map((p) => [p.session_id, p.score]));
  fill(byId("history"), sessions.map((s) => historyRow(s, scores)), "No practice for this job yet.");
}

async function loadSuggestions() {
  const data = await api(`${base}/practice-suggestions`);
  fill(byId("suggestions"), data.suggestions.map(suggestionItem), "Nothing to suggest yet.");
}

async function loadReadiness() {
  const readiness = showReadiness(await api(`${base}/readiness`));
  await loadHistory(readiness);
}

if (await startPage().catch(showError)) {
  wireInterviewPrep(base);
  await Promise.all([
    api(base).then(showJob),
    loadReadiness(),
    loadSuggestions(),
  ]).catch(showError);
}
