// A typed interview: the interviewer's questions and the candidate's answers as a chat, start to end.

import { api } from "../api.js";
import { busy, byId, clearError, h, showError } from "../dom.js";
import { interviewType } from "../format.js";
import { pageData, startPage } from "../nav.js";

const sessionId = pageData("sessionId");
const base = `/api/interview/sessions/${sessionId}`;
const shown = new Set();

function bubble(turn) {
  const who = turn.role === "candidate" ? "You" : "Interviewer";
  return h("li", { class: `bubble ${turn.role}`, dataset: { seq: turn.seq } },
    h("span", { class: "who" }, who), h("p", {}, turn.text));
}

function addTurns(turns) {
  const chat = byId("chat");
  for (const turn of turns) {
    if (shown.has(turn.seq) || !turn.text) continue;
    shown.add(turn.seq);
    chat.append(bubble(turn));
  }
  chat.scrollTo({ top: chat.scrollHeight, behavior: "smooth" });
}

function setPhase(state) {
  const live = state === "live";
  byId("start-panel").hidden = state !== "created";
  byId("answer-form").hidden = !live;
  byId("end-session").hidden = !live;
  byId("finished").hidden = live || state === "created";
  if (live) byId("answer").focus();
}

async function start() {
  clearError();
  const reply = await api(`${base}/start`, { method: "POST" });
  addTurns(reply.turns);
  setPhase(reply.state);
}

async function send(event) {
  event?.preventDefault();
  clearError();
  const box = byId("answer");
  const text = box.value.trim();
  if (!text) return;
  addTurns([{ seq: "pending", role: "candidate", text }, { seq: "typing", role: "interviewer", text: "…" }]);
  box.value = "";
  const reply = await busy(byId("answer-form").querySelector("button"), () =>
    api(`${base}/turns`, { method: "POST", body: { text } }));
  for (const seq of ["pending", "typing"]) {
    shown.delete(seq);
    byId("chat").querySelector(`[data-seq="${seq}"]`)?.remove();
  }
  if (!reply) {
    box.value = text;
    return;
  }
  addTurns(reply.turns);
  setPhase(reply.done ? "transcript" : reply.state);
}

async function end() {
  if (!confirm("End the interview now? Unanswered questions will be skipped.")) return;
  const reply = await api(`${base}/end`, { method: "POST" });
  addTurns(reply.turns);
  setPhase(reply.state);
}

function wire() {
  const startButton = byId("start");
  startButton.addEventListener("click", () => busy(startButton, start));
  byId("answer-form").addEventListener("submit", send);
  byId("answer").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) send(e);
  });
  const endButton = byId("end-session");
  endButton.addEventListener("click", () => busy(endButton, end));
}

async function load() {
  const session = await api(base);
  if (session.transport !== "text") {
    location.replace(session.links.practice_page ?? `/sessions/${sessionId}/results`);
    return;
  }
  const plan = session.plan;
  byId("session-title").textContent = plan.job_title ? `Practice: ${plan.job_title}` : "Text practice";
  byId("session-meta").textContent = [interviewType(plan.interview_type), `${plan.questions.length} questions`,
    `about ${plan.duration_min} min`, plan.company_name].filter(Boolean).join(" · ");
  addTurns(session.turns);
  setPhase(session.state);
}

if (await startPage().catch(showError)) {
  wire();
  await load().catch(showError);
}
