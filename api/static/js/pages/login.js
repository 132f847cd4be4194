// Sign in or create an account, then go back to where the visitor was heading (the dashboard by default).

import { api, saveTokens, signedIn } from "../api.js";
import { busy, byId, clearError, formReady, formValues } from "../dom.js";

function destination() {
  const next = new URLSearchParams(location.search).get("next") ?? "/";
  // Only same-site paths: a crafted ?next= must not send a fresh token's owner elsewhere.
  return next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login") ? next : "/";
}

function selectTab(which) {
  for (const name of ["signin", "signup"]) {
    const active = name === which;
    byId(`tab-${name}`).setAttribute("aria-selected", String(active));
    byId(`${name}-form`).hidden = !active;
  }
  clearError();
}

function onSubmit(form, path) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearError();
    const button = form.querySelector("button[type=submit]");
    const pair = await busy(button, () => api(path, { method: "POST", body: formValues(form), auth: false }));
    if (pair) {
      saveTokens(pair);
      location.assign(destination());
    }
  });
  formReady(form);
}

if (signedIn() && !new URLSearchParams(location.search).has("next")) location.assign("/");
byId("tab-signin").addEventListener("click", () => selectTab("signin"));
byId("tab-signup").addEventListener("click", () => selectTab("signup"));
onSubmit(byId("signin-form"), "/api/auth/signin");
onSubmit(byId("signup-form"), "/api/auth/signup");
if (location.hash === "#signup") selectTab("signup");
