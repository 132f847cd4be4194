// Live captions: one line per turn; the candidate's line fills in as each phrase is recognised.

const LABELS = { interviewer: "Interviewer", candidate: "You" };

export class Captions {
  constructor(container) {
    this.container = container;
    this.openLine = null; // the candidate's line still being spoken
  }

  show({ role, text, final }) {
    const line = role === "candidate" && this.openLine ? this.openLine : this.#newLine(role);
    line.querySelector(".text").textContent = text;
    line.classList.toggle("partial", !final);
    this.openLine = role === "candidate" && !final ? line : null;
    line.scrollIntoView({ block: "end", behavior: "smooth" });
  }

  #newLine(role) {
    const line = document.createElement("p");
    line.className = `caption ${role}`;
    const who = document.createElement("span");
    who.className = "who";
    who.textContent = LABELS[role] ?? role;
    const text = document.createElement("span");
    text.className = "text";
    line.append(who, text);
    this.container.append(line);
    return line;
  }
}
