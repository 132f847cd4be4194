// How a session took place, in words.

const TRANSPORTS = { webrtc: "in the browser", livekit: "in a LiveKit room", phone: "by phone" };

export function medium(session) {
  return session.mode === "text" ? "Typed" : `Voice ${TRANSPORTS[session.transport] ?? session.transport}`;
}
