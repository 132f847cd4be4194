// What every signed-in page does first: bounce signed-out visitors, name the account, wire sign-out.

import { api, clearTokens, requireSignIn } from "./api.js";
import { byId } from "./dom.js";

async function showAccount() {
  const me = await api("/api/auth/me");
  const name = byId("account-name");
  if (name) name.textContent = me.full_name || me.email;
  return me;
}

/** Resolves to the signed-in user, or null when the visitor is being sent to /login. */
export async function startPage() {
  if (!requireSignIn()) return null;
  byId("sign-out")?.addEventListener("click", () => {
    clearTokens();
    location.assign("/login");
  });
  return showAccount();
}

export function pageData(name) {
  return document.getElementById("main").dataset[name];
}
