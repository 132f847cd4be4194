// The practice page: join the voice interview, show captions and who has the floor.

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
const buttons = { join: byId("join"), mute: byId("mute"), end: byId("end") };
const captions = new Captions(byId("captions"));
let call = null;

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
      accessToken: root.dataset.accessToken,
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

buttons.join.addEventListener("click", join);
buttons.mute.addEventListener("click", toggleMute);
buttons.end.addEventListener("click", hangUp);
window.addEventListener("pagehide", () => call?.close());
