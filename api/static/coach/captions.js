// Live captions of both sides, each line labelled with who is speaking; a side's partial line fills in
// until its final text arrives.

import { h } from "../js/dom.js";

const MAX_LINES = 200;

export class LiveCaptions {
  constructor(container, labels) {
    this.container = container;
    this.labels = labels; // role -> shown name
    this.open = new Map(); // role -> its line still being spoken
  }

  caption({ role, text, final }) {
    const line = this.open.get(role) ?? this.#newLine(role);
    line.querySelector(".text").textContent = text;
    line.classList.toggle("partial", !final);
    if (final) this.open.delete(role);
    else this.open.set(role, line);
    this.#keepInView(line);
  }

  /** A completed turn: typed sessions have no captions, and a voice turn settles its caption line. */
  turn({ role, text, interrupted }) {
    const line = this.open.get(role) ?? this.#newLine(role);
    this.open.delete(role);
    line.querySelector(".text").textContent = interrupted ? `${text} (cut off)` : text;
    line.classList.remove("partial");
    this.#keepInView(line);
  }

  #newLine(role) {
    const line = h("p", { class: `caption ${role}` },
      h("span", { class: "who" }, this.labels[role] ?? role), " ", h("span", { class: "text" }));
    this.container.append(line);
    while (this.container.childElementCount > MAX_LINES) this.container.firstElementChild.remove();
    return line;
  }

  #keepInView(line) {
    line.scrollIntoView({ block: "nearest" });
  }
}
