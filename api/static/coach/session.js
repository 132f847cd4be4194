// A coached session: transcript with comments, the analysis once it exists, and, while the interview runs,
// live captions, the interviewer's state and the session audio.

import { api } from "../js/api.js";
import { byId, fill, h, showError } from "../js/dom.js";
import { dateTime, score, sentence } from "../js/format.js";
import { medium } from "./labels.js";
import { pageData, startPage } from "../js/nav.js";
import { PcmPlayer } from "./audio.js";
import { LiveCaptions } from "./captions.js";
import { freshToken, openSocket } from "./socket.js";
import { CoachTranscript } from "./transcript.js";

const STATES = { listening: "Interviewer listening", thinking: "Interviewer thinking", speaking: "Interviewer speaking",
  ended: "Interview ended" };
const LIVE = new Set(["created", "live"]);

function showHeader(detail) {
  byId("session-title").textContent = `${detail.candidate_name} · ${detail.job_title ?? "General practice"}`;
  const kind = detail.interview.interview_type ? sentence(detail.interview.interview_type) : "Interview";
  byId("session-meta").textContent =
    `${kind} · ${medium(detail)} · ${sentence(detail.state)} · ${dateTime(detail.created_at)}`;
}

function showAnalysis(analysis) {
  if (!analysis) return;
  const actions = analysis.analysis?.top_actions ?? [];
  fill(byId("analysis"), [
    h("p", { class: "lead" }, `Overall score ${score(analysis.overall_score)}`),
    actions.length ? h("ol", {}, actions.map((a) => h("li", {}, typeof a === "string" ? a : a.text ?? a.action)))
      : null,
  ]);
  byId("analysis-card").hidden = false;
}

function showState(state) {
  const badge = byId("interviewer-state");
  badge.textContent = STATES[state] ?? sentence(state);
  badge.className = `badge state-${state}`;
}

function showPresence(coaches) {
  byId("presence").textContent = coaches > 1 ? `${coaches} coaches listening` : "";
}

function showLiveKit(info) {
  byId("livekit-url").textContent = info.server_url;
  byId("livekit-room").textContent = info.room;
  byId("livekit-token").value = info.token;
  byId("copy-token").addEventListener("click", () => navigator.clipboard?.writeText(info.token));
  byId("livekit-join").hidden = false;
}

function wireAudio(player) {
  const button = byId("listen");
  byId("audio-controls").hidden = false;
  button.addEventListener("click", async () => {
    if (player.playing) player.stop();
    else await player.start();
    button.setAttribute("aria-pressed", String(player.playing));
    button.textContent = player.playing ? "Stop audio" : "Play session audio";
  });
}

function liveHandlers(transcript, captions, player) {
  return {
    caption: (e) => captions.caption(e),
    turn: (e) => {
      captions.turn(e);
      transcript.add(e);
      // Typed sessions report no interviewer states: their turns say whether the interview runs or ended.
      if (e.kind === "closing") showState("ended");
      else if (byId("interviewer-state").classList.contains("state-waiting")) showState("listening");
    },
    state: (e) => showState(e.state),
    presence: (e) => showPresence(e.coaches),
    audio: (e) => player.play(e),
  };
}

async function listen(sessionId, transcript, labels) {
  const info = await api(`/api/coaching/sessions/${sessionId}/live`);
  byId("live-panel").hidden = false;
  const player = new PcmPlayer();
  if (info.kind === "livekit") showLiveKit(info);
  else wireAudio(player);
  const handlers = liveHandlers(transcript, new LiveCaptions(byId("captions"), labels), player);
  showState(info.state === "created" ? "waiting" : "listening");
  openSocket(info.socket, freshToken, (event) => handlers[event.type]?.(event), {
    onStatus: (status) => status === "closed" && showState("disconnected"),
  });
}

async function load() {
  if (!(await startPage())) return;
  const sessionId = pageData("sessionId");
  const [detail, comments] = await Promise.all([
    api(`/api/coaching/sessions/${sessionId}`),
    api(`/api/coaching/sessions/${sessionId}/comments`),
  ]);
  const labels = { candidate: detail.candidate_name || "Candidate", interviewer: "Interviewer" };
  showHeader(detail);
  const transcript = new CoachTranscript(byId("transcript"), sessionId, labels);
  detail.turns.forEach((turn) => transcript.add(turn));
  comments.forEach((comment) => transcript.showComment(comment));
  showAnalysis(detail.analysis);
  if (LIVE.has(detail.state)) await listen(sessionId, transcript, labels);
}

load().catch(showError);
