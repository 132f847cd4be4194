// Plays the session's audio from the live stream: 16 kHz PCM16 chunks per side, scheduled back to back with
// Web Audio so both sides can overlap (a barge-in) without one waiting for the other.

const LEAD_S = 0.25; // a small jitter buffer: chunks arrive about every 200 ms
const MAX_AHEAD_S = 2; // further behind than this and old audio is dropped to stay live

export function decodePcm16(base64) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const samples = new Int16Array(bytes.buffer, 0, bytes.length >> 1);
  return Float32Array.from(samples, (v) => v / 32768);
}

export class PcmPlayer {
  constructor() {
    this.context = null;
    this.nextAt = new Map(); // role -> when its next chunk starts
  }

  get playing() {
    return this.context !== null;
  }

  /** Must run from a click: browsers only start audio after a user gesture. */
  async start() {
    this.context ??= new AudioContext();
    await this.context.resume();
  }

  stop() {
    this.context?.close();
    this.context = null;
    this.nextAt.clear();
  }

  play({ role, sample_rate: rate, pcm16 }) {
    if (!this.context) return;
    const samples = decodePcm16(pcm16);
    if (!samples.length) return;
    const at = this.#slot(role);
    if (at === null) return;
    const buffer = this.context.createBuffer(1, samples.length, rate);
    buffer.getChannelData(0).set(samples);
    const source = this.context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.context.destination);
    source.start(at);
    this.nextAt.set(role, at + buffer.duration);
  }

  #slot(role) {
    const now = this.context.currentTime;
    const next = this.nextAt.get(role) ?? 0;
    if (next > now + MAX_AHEAD_S) return null;
    return next < now + LEAD_S / 2 ? now + LEAD_S : next; // after a gap, start again with a fresh lead
  }
}
