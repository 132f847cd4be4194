// One peer connection to the interview server (SmallWebRTC): microphone up, interviewer audio
// down, and a data channel carrying captions and interviewer state as JSON.

const PING_MS = 1000; // the server treats a silent data channel for 3 s as a dropped call

export async function connectInterview({ offerUrl, accessToken, onMessage, onAudio }) {
  const microphone = await navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  });
  const pc = new RTCPeerConnection({ iceServers: [] });
  const [micTrack] = microphone.getAudioTracks();
  pc.addTransceiver(micTrack, { direction: "sendrecv" });
  pc.ontrack = (event) => onAudio(new MediaStream([event.track]));

  const channel = pc.createDataChannel("chat");
  channel.onmessage = (event) => onMessage(JSON.parse(event.data));
  const ping = setInterval(() => channel.readyState === "open" && channel.send(`ping: ${Date.now()}`), PING_MS);

  await pc.setLocalDescription(await pc.createOffer());
  await iceGatheringComplete(pc);
  const answer = await postOffer(offerUrl, accessToken, pc.localDescription);
  await pc.setRemoteDescription({ sdp: answer.sdp, type: answer.type });

  return {
    pc,
    setMuted(muted) { micTrack.enabled = !muted; },
    close() {
      clearInterval(ping);
      microphone.getTracks().forEach((track) => track.stop());
      pc.close();
    },
  };
}

function iceGatheringComplete(pc) {
  // Candidates ride inside the offer, so the server needs no separate ICE route.
  if (pc.iceGatheringState === "complete") return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => pc.iceGatheringState === "complete" && resolve();
    pc.addEventListener("icegatheringstatechange", done);
    setTimeout(resolve, 2000);
  });
}

async function postOffer(url, accessToken, description) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ sdp: description.sdp, type: description.type }),
  });
  if (!response.ok) throw new Error(`The interview server refused the call (${response.status}).`);
  return response.json();
}
