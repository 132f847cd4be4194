// Building DOM from data without innerHTML, so text from the API can never become markup.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) setAttr(el, key, value);
  append(el, children);
  return el;
}

function setAttr(el, key, value) {
  if (value === null || value === undefined || value === false) return;
  if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
  else if (key === "class") el.className = value;
  else if (key === "dataset") Object.assign(el.dataset, value);
  else el.setAttribute(key, value === true ? "" : String(value));
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export function byId(id) {
  return document.getElementById(id);
}

/** Replace an element's children; an empty list shows `emptyText` instead. */
export function fill(el, children, emptyText) {
  const items = children.flat(Infinity).filter(Boolean);
  el.replaceChildren(...(items.length || !emptyText ? items : [h("p", { class: "empty" }, emptyText)]));
  return el;
}

export function showError(error) {
  const box = byId("page-error");
  if (!box) return;
  box.textContent = error?.message ?? String(error);
  box.hidden = false;
}

export function clearError() {
  const box = byId("page-error");
  if (box) box.hidden = true;
}

/** A form's handler is attached: enable the controls its template held back (`disabled data-until-ready`). */
export function formReady(form) {
  for (const el of form.querySelectorAll("[data-until-ready]")) {
    el.disabled = false;
    el.removeAttribute("data-until-ready");
  }
}

/** Non-empty named fields, trimmed except passwords, whose spaces are part of the secret. */
export function formValues(form) {
  const values = {};
  for (const el of form.elements) {
    if (!el.name || el.disabled) continue;
    const text = el.type === "password" ? el.value : el.value.trim();
    if (text) values[el.name] = text;
  }
  return values;
}

/** Run an async action from a button or form, disabling it meanwhile and reporting failures. */
export async function busy(control, action) {
  control.disabled = true;
  control.setAttribute("aria-busy", "true");
  try {
    return await action();
  } catch (error) {
    showError(error);
    return undefined;
  } finally {
    control.disabled = false;
    control.removeAttribute("aria-busy");
  }
}
