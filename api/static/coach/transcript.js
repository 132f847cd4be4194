// The transcript as a coach sees it: one item per turn, its comments under it, and a comment box.

import { api } from "../js/api.js";
import { h, showError } from "../js/dom.js";
import { dateTime } from "../js/format.js";

export class CoachTranscript {
  constructor(list, sessionId, labels) {
    this.list = list;
    this.sessionId = sessionId;
    this.labels = labels;
    this.items = new Map(); // seq -> <li>
  }

  add(turn) {
    if (this.items.has(turn.seq)) return;
    const item = h("li", { class: `turn ${turn.role}`, id: `turn-${turn.seq}` },
      h("p", {}, h("span", { class: "who" }, this.labels[turn.role] ?? turn.role), " ",
        h("span", { class: "muted" }, turn.kind.replaceAll("_", " ")), turn.interrupted ? " · cut off" : ""),
      h("p", { class: "turn-text" }, turn.text),
      h("ul", { class: "comments plain" }),
      this.#commentForm(turn.seq));
    this.items.set(turn.seq, item);
    const after = [...this.items.keys()].filter((s) => s > turn.seq).sort((a, b) => a - b)[0];
    this.list.insertBefore(item, after === undefined ? null : this.items.get(after));
  }

  showComment(comment) {
    this.items.get(comment.turn_seq)?.querySelector(".comments").append(
      h("li", { class: "comment" }, h("strong", {}, comment.author_name), " ",
        h("span", { class: "muted" }, dateTime(comment.created_at)), h("p", {}, comment.text)));
  }

  #commentForm(seq) {
    const id = `comment-${seq}`;
    const text = h("textarea", { id, name: "text", rows: 2, maxlength: 4000, required: true,
      placeholder: "A note for the candidate on this turn" });
    const form = h("form", { class: "comment-form" },
      h("label", { for: id, class: "visually-hidden" }, "Comment on this turn"), text,
      h("button", { type: "submit" }, "Comment"));
    form.addEventListener("submit", (event) => this.#submit(event, seq, text));
    return form;
  }

  async #submit(event, seq, text) {
    event.preventDefault();
    const button = event.target.querySelector("button");
    button.disabled = true;
    try {
      const body = { turn_seq: seq, text: text.value };
      this.showComment(await api(`/api/coaching/sessions/${this.sessionId}/comments`, { method: "POST", body }));
      text.value = "";
    } catch (error) {
      showError(error);
    } finally {
      button.disabled = false;
    }
  }
}
