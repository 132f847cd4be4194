// For the candidate's practice page: know when a coach is listening to this session.
//
//   import { watchPresence } from "/static/coach/presence.js";
//   const stop = watchPresence(sessionId, token, (coaches) => badge.hidden = coaches === 0);

import { openSocket } from "./socket.js";

/**
 * Call `onChange(coaches)` with the number of coaches listening now and again on every change.
 * `token` is the candidate's access token, or a function returning a fresh one. Returns a function that stops.
 */
export function watchPresence(sessionId, token, onChange) {
  let last = null;
  return openSocket(`/api/interview/sessions/${sessionId}/presence/ws`, token, (event) => {
    if (event.type !== "presence" || event.coaches === last) return;
    last = event.coaches;
    onChange(event.coaches);
  });
}
