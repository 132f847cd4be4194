// The practice page: join the voice interview, show captions, who has the floor and whether a coach listens.

import { requireSignIn } from "../js/api.js";
import { watchPresence } from "../coach/presence.js";
import { freshToken } from "../coach/socket.js";
import { Captions } from "./captions.js";
import { connectInterview } from "./webrtc.js";

const STATUS_TEXT = {
  idle: "Ready when you are",
  connecting: "Connecting…",
  listening: "Listening",
  thinking: "Thinking…",
  speaking: "Interviewer speaking",
  ended: "Interview finished",
};

const root = document.getElementById("practice");
const status = document.getElementById("status");
const notice = document.getElementById("notice");
const audio = document.getElementById("interviewer-audio");
const presence = document.getElementById("coach-presence");
const buttons = { join: byId("join"), mute: byId("mute"), end: byId("end") };
const captions = new Captions(byId("captions"));
// A link's own token when the page was opened from one; otherwise the signed-in browser's, which api.js keeps
// in localStorage ("coach.tokens") and freshToken refreshes first when it has expired.
const linkToken = root.dataset.accessToken;
const token = linkToken || freshToken;
let call = null;

async function currentToken() {
  return typeof token === "function" ? token() : token;
}

function byId(id) {
  return document.getElementById(id);
}

function setState(state) {
  status.dataset.state = state;
  status.textContent = STATUS_TEXT[state] ?? state;
  if (state === "ended") hangUp();
}

function onMessage(message) {
  if (message.type === "caption") captions.show(message);
  else if (message.type === "state") setState(message.state);
  else if (message.type === "notice") showNotice(message.text);
}

function showNotice(text) {
  notice.textContent = text;
  notice.hidden = false;
  setTimeout(() => { notice.hidden = true; }, 6000);
}

async function join() {
  buttons.join.disabled = true;
  setState("connecting");
  try {
    call = await connectInterview({
      offerUrl: root.dataset.offerUrl,
      accessToken: await currentToken(),
      onMessage,
      onAudio: (stream) => { audio.srcObject = stream; },
    });
    buttons.mute.disabled = buttons.end.disabled = false;
  } catch (error) {
    showNotice(error.message);
    setState("idle");
    buttons.join.disabled = false;
  }
}

function showPresence(coaches) {
  presence.hidden = coaches === 0;
  presence.textContent = coaches === 1 ? "A coach is listening" : `${coaches} coaches are listening`;
}

function toggleMute() {
  const muted = buttons.mute.getAttribute("aria-pressed") !== "true";
  call?.setMuted(muted);
  buttons.mute.setAttribute("aria-pressed", String(muted));
  buttons.mute.textContent = muted ? "Unmute" : "Mute";
}

function hangUp() {
  call?.close();
  call = null;
  buttons.mute.disabled = buttons.end.disabled = true;
  if (status.dataset.state !== "ended") setState("ended");
}

function start() {
  if (!linkToken && !requireSignIn()) return; // neither a link token nor a signed-in browser: off to /login
  buttons.join.addEventListener("click", join);
  buttons.mute.addEventListener("click", toggleMute);
  buttons.end.addEventListener("click", hangUp);
  const stopWatching = watchPresence(root.dataset.sessionId, token, showPresence);
  window.addEventListener("pagehide", () => {
    stopWatching();
    call?.close();
  });
}

start();
