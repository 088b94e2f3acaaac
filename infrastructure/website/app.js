// The portal: a hash router, one render function per screen, the API client and error texts.
(function () {
  "use strict";
  var API = (window.MM_CONFIG && window.MM_CONFIG.apiBase) || "";
  var store = window.sessionStorage; // tokens never go to localStorage
  var state = {
    lang: store.getItem("mm.lang") || ((navigator.language || "en").slice(0, 2) === "fr" ? "fr" : "en"),
    tokens: JSON.parse(store.getItem("mm.tokens") || "null"),
    pending: JSON.parse(store.getItem("mm.pending") || "null"), // {email} of a sign-up or reset in progress
    password: null,        // the sign-up password, in memory only (verify needs it)
    resetToken: null,      // in memory only
    returnTo: store.getItem("mm.returnTo") || "#/login",
    previous: "#/",
    cooldownTimer: null, pollTimer: null,
    videos: null, notice: ""
  };
  var app = document.getElementById("main");

  function t(key, values) {
    var text = (MM_TEXTS[state.lang] && MM_TEXTS[state.lang][key]) || MM_TEXTS.en[key] || key;
    return text.replace(/\{(\w+)\}/g, function (_, name) { return values && values[name] != null ? values[name] : ""; });
  }
  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function duration(seconds) {
    seconds = Math.max(0, Math.round(seconds));
    return seconds < 60 ? t("seconds", { n: seconds }) : t("minutes", { m: Math.floor(seconds / 60), s: seconds % 60 });
  }
  function size(bytes) {
    var units = ["B", "KB", "MB", "GB", "TB"], i = 0;
    while (bytes >= 1024 && i < units.length - 1) { bytes /= 1024; i++; }
    return (i === 0 ? bytes : Number(bytes.toFixed(1))).toLocaleString(state.lang === "fr" ? "fr-FR" : "en-GB") + " " + (state.lang === "fr" ? units[i].replace("B", "o") : units[i]);
  }
  function announce(text) { document.getElementById("announcer").textContent = text; }

  // ---- session -------------------------------------------------------------------------------
  // The access token lives 15 minutes, the refresh token 30 days: a visitor who uses the site stays
  // signed in because the access token is refreshed a minute before it expires (and before any
  // call that needs it); they are signed out only when the refresh token is refused.
  var REFRESH_AHEAD_MS = 60 * 1000;
  var RETRY_REFRESH_MS = 30 * 1000;
  var refreshTimer = null, refreshing = null;
  function saveTokens(tokens) {
    if (!tokens || !state.tokens || tokens.refreshToken !== state.tokens.refreshToken) { state.termsAccepted = null; } // another session: ask GET /account/me again
    state.tokens = tokens;
    if (tokens) { store.setItem("mm.tokens", JSON.stringify(tokens)); } else { store.removeItem("mm.tokens"); }
    scheduleRefresh(null);
  }
  function claimsOf(token) {
    if (!token) { return null; }
    try {
      var part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      while (part.length % 4) { part += "="; }
      return JSON.parse(decodeURIComponent(escape(atob(part))));
    } catch (e) { return null; }
  }
  function claims() { return claimsOf(state.tokens && state.tokens.accessToken); }
  // Milliseconds the access token has left by its own exp claim (0: expired or unreadable).
  function lifeOf(token) { var c = claimsOf(token); return c && c.exp ? Math.max(0, c.exp * 1000 - Date.now()) : 0; }
  function scheduleRefresh(delay) {
    if (refreshTimer) { clearTimeout(refreshTimer); refreshTimer = null; }
    if (!state.tokens || !state.tokens.refreshToken) { return; }
    var wait = delay != null ? delay : Math.max(0, lifeOf(state.tokens.accessToken) - REFRESH_AHEAD_MS);
    refreshTimer = setTimeout(function () { refreshTimer = null; freshSession(true); }, Math.min(wait, 2147483647));
  }
  // Resolves true when there is an access token worth sending: refreshed first when it has (almost)
  // expired or when forced. One refresh at a time; a refused refresh token signs out, a failure of
  // ours (network, 429, 503) keeps the session and tries again shortly.
  function freshSession(force) {
    var held = state.tokens;
    if (!held) { return Promise.resolve(false); }
    if (!force && lifeOf(held.accessToken) > REFRESH_AHEAD_MS) { return Promise.resolve(true); }
    if (!held.refreshToken) { return Promise.resolve(lifeOf(held.accessToken) > 0); }
    if (refreshing) { return refreshing; }
    refreshing = fetch(API + "/account/token/refresh", {
      method: "POST", headers: { "Accept": "application/json", "Content-Type": "application/json" },
      body: JSON.stringify({ refreshToken: held.refreshToken })
    }).then(function (response) {
      if (response.ok) {
        return response.json().then(function (data) {
          if (state.tokens === held) {
            saveTokens({ accessToken: data.accessToken, idToken: data.idToken, refreshToken: held.refreshToken });
          }
          return true;
        });
      }
      if (response.status === 401 || response.status === 400) {
        if (state.tokens === held) { saveTokens(null); renderNav(); }
        return false;
      }
      scheduleRefresh(RETRY_REFRESH_MS);
      return lifeOf(held.accessToken) > 0;
    }, function () {
      scheduleRefresh(RETRY_REFRESH_MS);
      return lifeOf(held.accessToken) > 0;
    }).then(function (usable) { refreshing = null; return usable; });
    return refreshing;
  }
  function groups() { var c = claims(); return (c && c["cognito:groups"]) || []; }
  function inGroup(name) { return groups().indexOf(name) >= 0; }
  function signedIn() { return !!(state.tokens && state.tokens.accessToken); }
  function setPending(p) {
    state.pending = p;
    if (p) { store.setItem("mm.pending", JSON.stringify(p)); } else { store.removeItem("mm.pending"); }
  }

  // ---- API -----------------------------------------------------------------------------------
  function api(method, path, body, auth) {
    if (!auth || !state.tokens) { return send(method, path, body, auth, false); }
    return freshSession(false).then(function () { return send(method, path, body, auth, true); });
  }
  function send(method, path, body, auth, mayRetry) {
    var headers = { "Accept": "application/json" };
    if (body !== undefined) { headers["Content-Type"] = "application/json"; }
    var held = state.tokens;
    if (auth && held) { headers["Authorization"] = "Bearer " + held.accessToken; }
    return fetch(API + path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (response) {
        return response.text().then(function (text) {
          var data = null;
          try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
          var retry = parseInt(response.headers.get("Retry-After") || (data && data.retryAfterSeconds) || "0", 10) || 0;
          var result = { ok: response.ok, status: response.status, data: data, retryAfter: retry };
          // The session was refused (not a wrong password: invalid_credentials): refresh once and
          // ask again (the caller check comes before anything is done), else sign out.
          if (response.status === 401 && auth && (!data || !data.error || data.error === "unauthorized")) {
            if (mayRetry && held && state.tokens === held && held.refreshToken) {
              return freshSession(true).then(function (usable) {
                return usable && state.tokens ? send(method, path, body, auth, false) : result;
              });
            }
            if (state.tokens === held) { saveTokens(null); renderNav(); }
          }
          return result;
        });
      }, function () { return { ok: false, status: 0, data: { error: "network" }, retryAfter: 0 }; });
  }
  function errorCode(result) {
    if (result.status === 0) { return "network"; }
    var code = result.data && result.data.error;
    if (!code && result.status === 403) { return "forbidden"; }
    if (!code && result.status === 401) { return "unauthorized"; }
    if (!code && result.status === 503) { return "service_unavailable"; }
    return code || "unknown";
  }
  // An API error in words: the message and the id of the field it concerns.
  function describe(result, fields) {
    var code = errorCode(result);
    var text;
    if (code === "weak_password") {
      text = t("err.weak_password") + " " + (result.data.violations || []).map(function (v) { return t("err." + v); }).join(" ");
    } else if (code === "invalid_code" && result.data && result.data.attemptsLeft != null) {
      text = t("verify.attemptsLeft", { n: result.data.attemptsLeft });
    } else if (code === "too_many_requests" || code === "resend_too_soon") {
      text = t("err." + code, { time: duration(result.retryAfter || 60) });
    } else if (code === "invalid_request" && result.data && result.data.message && state.lang === "en") {
      text = result.data.message.replace(/^'?/, ""); // the API names the field (English only)
    } else {
      text = MM_TEXTS.en["err." + code] ? t("err." + code) : t("err.unknown");
    }
    return { text: text, field: (fields && (fields[code] || fields["*"])) || null, code: code };
  }
  function clearErrors(form) {
    form.querySelectorAll(".error").forEach(function (e) { e.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (e) { e.removeAttribute("aria-invalid"); });
  }
  function showError(form, field, text) {
    var input = field ? form.querySelector("#" + field) : null;
    var target = (input && form.querySelector("#" + field + "-error")) || form.querySelector(".form-error");
    target.textContent = text;
    if (input) { input.setAttribute("aria-invalid", "true"); input.focus(); } else { target.focus && target.setAttribute("tabindex", "-1"); }
    announce(text);
  }
  function showApiError(form, result, fields) {
    var d = describe(result, fields);
    showError(form, d.field, d.text);
    return d;
  }

  // ---- building blocks -----------------------------------------------------------------------
  function field(id, labelKey, type, attrs, hintHtml) {
    var describedBy = id + "-error" + (hintHtml ? " " + id + "-hint" : "");
    return '<div class="field"><label for="' + id + '">' + esc(t(labelKey)) + "</label>" +
      (hintHtml ? '<div id="' + id + '-hint">' + hintHtml + "</div>" : "") +
      (type === "textarea" ? '<textarea id="' + id + '" name="' + id + '" aria-describedby="' + describedBy + '" ' + (attrs || "") + "></textarea>"
        : '<input id="' + id + '" name="' + id + '" type="' + type + '" aria-describedby="' + describedBy + '" ' + (attrs || "") + ">") +
      '<p class="error" id="' + id + '-error"></p></div>';
  }
  function rulesHtml(id) {
    return '<p class="hint">' + esc(t("rules.intro")) + '</p><ul class="rules" id="' + id + '-rules">' +
      ["length", "spaces", "case", "digit", "symbol"].map(function (r) {
        return '<li class="unmet" data-rule="' + r + '">' + esc(t("rule." + r)) + ' <span class="visually-hidden">(' + esc(t("rule.unmet")) + ")</span></li>";
      }).join("") + "</ul>";
  }
  function checkRules(password) {
    return {
      length: password.length >= 12, spaces: password.length > 0 && !/\s/.test(password),
      "case": /[a-z]/.test(password) && /[A-Z]/.test(password), digit: /[0-9]/.test(password),
      symbol: /[^A-Za-z0-9\s]/.test(password)
    };
  }
  function liveRules(input, list) {
    function update() {
      var met = checkRules(input.value);
      list.querySelectorAll("li").forEach(function (li) {
        var ok = met[li.getAttribute("data-rule")];
        li.className = ok ? "met" : "unmet";
        li.querySelector("span").textContent = "(" + t(ok ? "rule.met" : "rule.unmet") + ")";
      });
    }
    input.addEventListener("input", update);
    update();
  }
  function busy(form, on) { form.querySelectorAll("button").forEach(function (b) { if (!b.dataset.cooldown) { b.disabled = on; } }); }
  function page(titleKey, body, titleValues) {
    return '<h1 tabindex="-1" id="page-title">' + esc(t(titleKey, titleValues)) + "</h1>" + body;
  }
  function formError() { return '<p class="error form-error" role="alert"></p>'; }

  // The "Send new Code" button with its cooldown from Retry-After.
  function resendButton(form, send) {
    var button = form.querySelector("#resend");
    function countdown(seconds) {
      clearInterval(state.cooldownTimer);
      var until = Date.now() + seconds * 1000;
      button.dataset.cooldown = "1";
      button.disabled = true;
      function tick() {
        var left = Math.ceil((until - Date.now()) / 1000);
        if (left <= 0 || !document.body.contains(button)) {
          clearInterval(state.cooldownTimer);
          delete button.dataset.cooldown; button.disabled = false; button.textContent = t("verify.resend");
          return;
        }
        button.textContent = t("verify.resendIn", { time: duration(left) });
      }
      tick();
      state.cooldownTimer = setInterval(tick, 1000);
    }
    button.addEventListener("click", function () {
      clearErrors(form);
      send().then(function (result) {
        if (result.ok) {
          form.querySelector("#resend-error").textContent = "";
          form.querySelector(".notice").textContent = t("verify.sent");
          announce(t("verify.sent"));
        } else {
          var d = describe(result, {});
          form.querySelector("#resend-error").textContent = d.text;
          announce(d.text);
          if (result.retryAfter) { countdown(result.retryAfter); }
        }
      });
    });
  }

  // ---- screens -------------------------------------------------------------------------------
  var screens = {};

  screens.register = function () {
    app.innerHTML = page("register.title",
      '<form id="register-form" novalidate>' +
      field("email", "field.email", "email", 'autocomplete="email" required') +
      field("password", "field.password", "password", 'autocomplete="new-password" required', rulesHtml("password")) +
      '<div class="field"><label for="language">' + esc(t("field.language")) + '</label><select id="language" name="language">' +
      '<option value="en"' + (state.lang === "en" ? " selected" : "") + ">English</option>" +
      '<option value="fr"' + (state.lang === "fr" ? " selected" : "") + ">Français</option></select></div>" +
      '<div class="check"><input type="checkbox" id="newsletter" name="newsletter"><label for="newsletter">' + esc(t("field.newsletter")) + "</label></div>" +
      formError() +
      '<div class="actions"><button class="primary" type="submit" id="register-submit">' + esc(t("register.submit")) + "</button></div>" +
      '</form><p>' + esc(t("register.haveAccount")) + ' <a href="#/login">' + esc(t("nav.login")) + "</a></p>");
    var form = document.getElementById("register-form");
    liveRules(form.querySelector("#password"), form.querySelector("#password-rules"));
    form.querySelector("#language").addEventListener("change", function (e) { setLang(e.target.value); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearErrors(form);
      var email = form.email.value.trim(), password = form.password.value;
      if (!email) { return showError(form, "email", t("err.required")); }
      if (!password) { return showError(form, "password", t("err.required")); }
      busy(form, true);
      api("POST", "/account/signup", { email: email, password: password, language: form.language.value, newsletter: form.newsletter.checked })
        .then(function (result) {
          busy(form, false);
          if (result.ok) {
            setPending({ email: email, kind: "signup", newsletter: form.newsletter.checked, language: form.language.value });
            state.password = password;
            go("#/verify");
          } else {
            showApiError(form, result, { invalid_email: "email", weak_password: "password", too_many_requests: "email" });
          }
        });
    });
  };

  screens.verify = function () {
    var email = state.pending && state.pending.email;
    if (!email) { return go("#/register"); }
    app.innerHTML = page("verify.title",
      "<p>" + esc(t("verify.text", { email: " (" + email + ")" })) + "</p>" +
      '<form id="verify-form" novalidate><p class="notice" role="status"></p>' +
      field("code", "field.code", "text", 'inputmode="numeric" autocomplete="one-time-code" maxlength="6" required') +
      (state.password ? "" : field("password", "field.password", "password", 'autocomplete="current-password" required', '<p class="hint">' + esc(t("err.passwordRequired")) + "</p>")) +
      formError() +
      '<div class="actions"><button class="primary" type="submit" id="verify-submit">' + esc(t("verify.submit")) + "</button></div>" +
      '<p>' + esc(t("verify.noCode")) + ' <button type="button" class="link" id="resend">' + esc(t("verify.resend")) + '</button></p><p class="error" id="resend-error" role="alert"></p>' +
      "</form>");
    var form = document.getElementById("verify-form");
    resendButton(form, function () { return api("POST", "/account/verify/resend", { email: email }); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearErrors(form);
      var code = form.code.value.trim();
      var password = state.password || (form.password && form.password.value);
      if (!code) { return showError(form, "code", t("err.required")); }
      if (!password) { return showError(form, "password", t("err.passwordRequired")); }
      busy(form, true);
      api("POST", "/account/verify", { email: email, code: code, password: password }).then(function (result) {
        busy(form, false);
        if (!result.ok) {
          return showApiError(form, result, { invalid_code: "code", code_expired: "code", too_many_attempts: "code", too_many_requests: "code" });
        }
        state.password = null;
        var language = state.pending && state.pending.language;
        var next = function () { if (language && signedIn()) { rememberAccountLang(language); } setPending(null); go("#/welcome"); };
        if (result.data && result.data.accessToken) {
          saveTokens({ accessToken: result.data.accessToken, refreshToken: result.data.refreshToken, idToken: result.data.idToken });
          next();
        } else {
          api("POST", "/account/login", { email: email, password: password }).then(function (login) {
            if (login.ok) { saveTokens(login.data); }
            next();
          });
        }
      });
    });
  };

  screens.welcome = function () {
    app.innerHTML = page("welcome.title", "<p>" + esc(t("welcome.text")) + "</p>" +
      '<h2 id="newsletter-title">' + esc(t("welcome.newsTitle")) + "</h2><p>" + esc(t("welcome.newsText")) + "</p>" +
      '<form id="welcome-form" novalidate><p class="notice" role="status" id="subscribed-notice"></p>' + formError() +
      '<div class="actions"><button class="primary" type="submit" id="subscribe">' + esc(t("welcome.subscribe")) + "</button>" +
      '<a href="#/videos" id="welcome-videos">' + esc(t("welcome.videos")) + "</a></div></form>");
    var form = document.getElementById("welcome-form");
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearErrors(form);
      if (!signedIn()) { return go("#/login"); }
      busy(form, true);
      api("PUT", "/newsletter/subscription", undefined, true).then(function (result) {
        busy(form, false);
        if (result.ok) {
          form.querySelector("#subscribed-notice").textContent = t("welcome.subscribed");
          form.querySelector("#subscribe").disabled = true;
        } else {
          showApiError(form, result, {});
        }
      });
    });
  };

  screens.login = function (params) {
    app.innerHTML = page("login.title",
      '<form id="login-form" novalidate><p class="notice" role="status">' + esc(state.notice) + "</p>" +
      field("email", "field.email", "email", 'autocomplete="username" required') +
      field("password", "field.password", "password", 'autocomplete="current-password" required') +
      formError() +
      '<div class="actions"><button class="primary" type="submit" id="login-submit">' + esc(t("login.submit")) + "</button>" +
      '<a href="#/reset" id="forgot">' + esc(t("login.forgot")) + "</a></div></form>" +
      "<p>" + esc(t("login.noAccount")) + ' <a href="#/register">' + esc(t("nav.register")) + "</a></p>");
    state.notice = "";
    var form = document.getElementById("login-form");
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearErrors(form);
      var email = form.email.value.trim(), password = form.password.value;
      if (!email) { return showError(form, "email", t("err.required")); }
      if (!password) { return showError(form, "password", t("err.required")); }
      busy(form, true);
      api("POST", "/account/login", { email: email, password: password }).then(function (result) {
        busy(form, false);
        if (result.ok) {
          saveTokens(result.data);
          rememberAccountLang(null);
          // The site starts in the account's language (a failure to read it keeps the current one).
          api("GET", "/account/me", undefined, true).then(function (me) {
            if (me.ok && me.data) { rememberAccountLang(me.data.language); }
            if (me.ok && me.data && (me.data.language === "en" || me.data.language === "fr") && me.data.language !== state.lang) {
              state.lang = me.data.language;
              store.setItem("mm.lang", state.lang);
            }
            go(params.next || "#/account");
          });
        } else if (errorCode(result) === "not_verified") {
          setPending({ email: email, kind: "signup" });
          state.password = password;
          showApiError(form, result, { not_verified: "email" });
          api("POST", "/account/verify/resend", { email: email });
          setTimeout(function () { go("#/verify"); }, 1500);
        } else {
          showApiError(form, result, { invalid_email: "email", invalid_credentials: "password", too_many_requests: "password" });
        }
      });
    });
  };

  screens.account = function () {
    if (!signedIn()) { return needLogin("#/account"); }
    app.innerHTML = page("account.title", '<p>' + esc(t("videos.loading")) + "</p>");
    api("GET", "/account/me", undefined, true).then(function (result) {
      if (!result.ok) { return signedIn() ? (app.innerHTML = page("account.title", '<p class="error">' + esc(describe(result).text) + "</p>")) : needLogin("#/account"); }
      var me = result.data;
      rememberAccountLang(me.language);
      app.innerHTML = page("account.title",
        '<dl class="profile"><dt>' + esc(t("account.email")) + '</dt><dd id="profile-email">' + esc(me.email) + "</dd>" +
        "<dt>" + esc(t("account.language")) + '</dt><dd id="profile-language">' + esc(t("lang." + me.language)) + "</dd>" +
        "<dt>" + esc(t("account.newsletter")) + '</dt><dd id="profile-newsletter">' + esc(t(me.newsletter ? "account.newsOn" : "account.newsOff")) + "</dd>" +
        "<dt>" + esc(t("account.terms")) + '</dt><dd id="profile-terms">' + esc(me.terms && me.terms.version
          ? t("account.termsAccepted", { version: me.terms.version, when: me.terms.acceptedAt ? when(me.terms.acceptedAt) : "" }) : t("account.termsNone")) + "</dd></dl>" +
        '<form id="newsletter-form" novalidate>' + formError() + '<div class="actions"><button type="submit" class="secondary" id="newsletter-toggle">' +
        esc(t(me.newsletter ? "account.unsubscribe" : "account.subscribe")) + "</button></div></form>" +
        '<section id="downloads" aria-labelledby="downloads-title"><h2 id="downloads-title">' + esc(t("history.title")) + "</h2>" +
        '<ul class="history" id="downloads-list" aria-busy="true"></ul><p id="downloads-none" hidden>' + esc(t("history.none")) + "</p>" +
        '<p class="error" id="downloads-error" role="alert"></p>' +
        '<div class="actions"><button type="button" class="secondary" id="downloads-more" hidden>' + esc(t("history.more")) + "</button></div></section>" +
        '<h2>' + esc(t("account.deleteTitle")) + "</h2><p>" + esc(t("account.deleteText")) + "</p>" +
        '<form id="delete-form" novalidate>' + field("delete-password", "field.password", "password", 'autocomplete="current-password" required') +
        formError() + '<div class="actions"><button type="submit" class="danger" id="delete-submit">' + esc(t("account.delete")) + "</button></div></form>");
      loadHistory(null);
      var news = document.getElementById("newsletter-form");
      news.addEventListener("submit", function (e) {
        e.preventDefault();
        clearErrors(news);
        api(me.newsletter ? "DELETE" : "PUT", "/newsletter/subscription", undefined, true).then(function (r) {
          if (r.ok) { route(); } else { showApiError(news, r, {}); }
        });
      });
      var del = document.getElementById("delete-form");
      del.addEventListener("submit", function (e) {
        e.preventDefault();
        clearErrors(del);
        var password = del.querySelector("#delete-password").value;
        if (!password) { return showError(del, "delete-password", t("err.required")); }
        busy(del, true);
        api("DELETE", "/account/me", { password: password }, true).then(function (r) {
          busy(del, false);
          if (r.ok) {
            saveTokens(null);
            state.notice = t("account.deleted");
            go("#/login");
          } else {
            showApiError(del, r, { invalid_credentials: "delete-password", too_many_requests: "delete-password" });
          }
        });
      });
    });
  };

  screens.reset = function () {
    app.innerHTML = page("reset.title", "<p>" + esc(t("reset.text")) + "</p>" +
      '<form id="reset-form" novalidate>' + field("email", "field.email", "email", 'autocomplete="email" required') + formError() +
      '<div class="actions"><button class="primary" type="submit" id="reset-submit">' + esc(t("reset.submit")) + "</button></div></form>");
    var form = document.getElementById("reset-form");
    if (state.pending && state.pending.email) { form.email.value = state.pending.email; }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearErrors(form);
      var email = form.email.value.trim();
      if (!email) { return showError(form, "email", t("err.required")); }
      busy(form, true);
      api("POST", "/account/password/forgot", { email: email }).then(function (result) {
        busy(form, false);
        if (result.ok) { setPending({ email: email, kind: "reset" }); go("#/reset/code"); }
        else { showApiError(form, result, { invalid_email: "email", resend_too_soon: "email", too_many_requests: "email" }); }
      });
    });
  };

  screens.resetCode = function () {
    var email = state.pending && state.pending.email;
    if (!email) { return go("#/reset"); }
    app.innerHTML = page("reset.codeTitle", "<p>" + esc(t("reset.codeText")) + "</p>" +
      '<form id="reset-code-form" novalidate><p class="notice" role="status"></p>' +
      field("code", "field.code", "text", 'inputmode="numeric" autocomplete="one-time-code" maxlength="6" required') + formError() +
      '<div class="actions"><button class="primary" type="submit" id="reset-code-submit">' + esc(t("verify.submit")) + "</button></div>" +
      '<p>' + esc(t("verify.noCode")) + ' <button type="button" class="link" id="resend">' + esc(t("verify.resend")) + '</button></p><p class="error" id="resend-error" role="alert"></p></form>');
    var form = document.getElementById("reset-code-form");
    resendButton(form, function () { return api("POST", "/account/password/forgot", { email: email }); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearErrors(form);
      var code = form.code.value.trim();
      if (!code) { return showError(form, "code", t("err.required")); }
      busy(form, true);
      api("POST", "/account/password/verify", { email: email, code: code }).then(function (result) {
        busy(form, false);
        if (result.ok) { state.resetToken = result.data.resetToken; go("#/reset/new"); }
        else { showApiError(form, result, { invalid_code: "code", code_expired: "code", too_many_attempts: "code", too_many_requests: "code" }); }
      });
    });
  };

  screens.resetNew = function () {
    if (!state.resetToken) { return go("#/reset"); }
    app.innerHTML = page("reset.newTitle", '<form id="reset-new-form" novalidate>' +
      field("password", "field.newPassword", "password", 'autocomplete="new-password" required', rulesHtml("password")) + formError() +
      '<div class="actions"><button class="primary" type="submit" id="reset-new-submit">' + esc(t("reset.newSubmit")) + "</button></div></form>");
    var form = document.getElementById("reset-new-form");
    liveRules(form.querySelector("#password"), form.querySelector("#password-rules"));
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearErrors(form);
      var password = form.password.value;
      if (!password) { return showError(form, "password", t("err.required")); }
      busy(form, true);
      api("POST", "/account/password/reset", { resetToken: state.resetToken, password: password }).then(function (result) {
        busy(form, false);
        if (result.ok) { state.resetToken = null; setPending(null); saveTokens(null); go("#/reset/done"); }
        else { showApiError(form, result, { weak_password: "password", invalid_token: "*" }); }
      });
    });
  };

  screens.resetDone = function () {
    app.innerHTML = page("reset.doneTitle", "<p>" + esc(t("reset.doneText")) + "</p>" +
      '<div class="actions"><a class="button" id="reset-return" href="' + esc(state.returnTo) + '">' + esc(t("reset.doneButton")) + "</a></div>");
  };

  function videoMeta(v) {
    var date = new Date(v.publishedAt).toLocaleDateString(state.lang === "fr" ? "fr-FR" : "en-GB", { year: "numeric", month: "long", day: "numeric" });
    var d = v.durationSeconds, hms = Math.floor(d / 3600) + ":" + String(Math.floor(d / 60) % 60).padStart(2, "0") + ":" + String(d % 60).padStart(2, "0");
    return esc(t("videos.published", { date: date })) + " · " + esc(t("videos.duration", { d: hms }));
  }

  // The catalogue in the site's language: the API answers in the language `lang` names.
  function withLang(path) { return path + (path.indexOf("?") < 0 ? "?" : "&") + "lang=" + encodeURIComponent(state.lang); }

  // A video's poster, with the size the API gives (no layout shift) and lazy loading below the
  // fold; a neutral block (CSS only, no external asset) when it has none.
  function posterHtml(v, eager) {
    var p = v.poster;
    if (!p || !p.url) {
      return '<div class="poster placeholder" role="img" aria-label="' + esc(t("poster.none")) + '"></div>';
    }
    return '<img class="poster" src="' + esc(p.url) + '" width="' + (parseInt(p.width, 10) || 640) + '" height="' + (parseInt(p.height, 10) || 360) +
      '" alt="' + esc(t("poster.alt", { title: v.title })) + '" decoding="async"' + (eager ? "" : ' loading="lazy"') + ">";
  }
  // A card of a list: poster, title (the link), date and duration, summary.
  function cardHtml(v, eager) {
    var href = "#/videos/" + encodeURIComponent(v.id);
    // the title's link covers the whole card (CSS), so the poster needs no second link
    return '<div class="card-media">' + posterHtml(v, eager) + "</div>" +
      '<div class="card-text"><h2><a href="' + href + '">' + esc(v.title) + "</a></h2>" +
      '<p class="meta">' + videoMeta(v) + "</p><p>" + esc(v.summary) + "</p></div>";
  }
  function appendCards(list, items, eagerCount) {
    items.forEach(function (v, i) {
      var li = document.createElement("li");
      li.className = "card";
      li.innerHTML = cardHtml(v, i < (eagerCount || 0));
      list.appendChild(li);
    });
  }

  screens.home = function () {
    app.innerHTML = page("home.title", '<p class="lead">' + esc(t("home.lead")) + "</p>" +
      '<div class="actions">' + (signedIn() ? "" : '<a class="button" href="#/register" id="home-register">' + esc(t("home.register")) + "</a>" +
        '<a class="button" href="#/login" id="home-login">' + esc(t("home.login")) + "</a>") +
      '<a class="button" href="#/videos" id="home-videos">' + esc(t("home.videos")) + "</a></div>" +
      '<section aria-labelledby="latest-title"><h2 id="latest-title">' + esc(t("home.latest")) + '</h2>' +
      '<ul class="cards" id="latest-list" aria-busy="true"></ul><p class="error form-error" role="alert"></p></section>');
    var list = document.getElementById("latest-list");
    api("GET", withLang("/videos?limit=6")).then(function (result) {
      if (!document.body.contains(list)) { return; }
      list.removeAttribute("aria-busy");
      if (!result.ok) { app.querySelector(".form-error").textContent = describe(result).text; return; }
      var items = result.data.items || []; // an empty page may leave "items" out
      appendCards(list, items, 2);
      if (!items.length) { list.outerHTML = '<p id="latest-none">' + esc(t("videos.none")) + "</p>"; }
    });
  };

  // The search's parameters from the form: minutes become seconds; empty fields are left out.
  var SEARCH_FIELDS = ["q", "from", "to", "minDuration", "maxDuration"];
  function searchQuery(form) {
    var q = {};
    var text = form.querySelector("#q").value.trim();
    if (text) { q.q = text; }
    if (form.querySelector("#from").value) { q.from = form.querySelector("#from").value; }
    if (form.querySelector("#to").value) { q.to = form.querySelector("#to").value; }
    [["min-duration", "minDuration"], ["max-duration", "maxDuration"]].forEach(function (f) {
      var minutes = parseFloat(form.querySelector("#" + f[0]).value);
      if (!isNaN(minutes) && minutes >= 0) { q[f[1]] = Math.round(minutes * 60); }
    });
    return q;
  }
  function queryString(q) {
    return SEARCH_FIELDS.filter(function (k) { return q[k] != null && q[k] !== ""; })
      .map(function (k) { return k + "=" + encodeURIComponent(q[k]); }).join("&");
  }

  screens.videos = function (params) {
    var minutes = function (s) { var n = parseInt(s, 10); return isNaN(n) ? "" : String(Math.round(n / 6) / 10); };
    app.innerHTML = page("videos.title",
      '<form id="video-search" class="search" role="search" novalidate>' +
      '<div class="field search-box"><label for="q">' + esc(t("search.label")) + '</label>' +
      '<input id="q" name="q" type="search" autocomplete="off" maxlength="200" placeholder="' + esc(t("search.placeholder")) + '"></div>' +
      '<details class="filters" id="filters"><summary>' + esc(t("search.filters")) + '</summary><div class="filter-grid">' +
      field("from", "search.from", "date", "") + field("to", "search.to", "date", "") +
      field("min-duration", "search.minDuration", "number", 'min="0" step="1" inputmode="numeric"') +
      field("max-duration", "search.maxDuration", "number", 'min="0" step="1" inputmode="numeric"') +
      '<div class="field"><label for="search-lang">' + esc(t("search.language")) + '</label><select id="search-lang" name="search-lang">' +
      '<option value="en"' + (state.lang === "en" ? " selected" : "") + ' lang="en">English</option>' +
      '<option value="fr"' + (state.lang === "fr" ? " selected" : "") + ' lang="fr">Français</option></select></div>' +
      '<div class="actions"><button type="reset" class="secondary" id="search-clear">' + esc(t("search.clear")) + "</button></div>" +
      "</div></details>" + '<p class="error form-error" role="alert"></p></form>' +
      '<p id="search-status" class="meta" role="status"></p>' +
      '<ul class="cards" id="video-list" aria-busy="true"></ul><p id="no-results" hidden>' + esc(t("search.none")) + "</p>" +
      '<div class="actions"><button type="button" class="secondary" id="more" hidden>' + esc(t("videos.more")) + "</button></div>");
    var form = document.getElementById("video-search"), list = document.getElementById("video-list");
    var more = document.getElementById("more"), none = document.getElementById("no-results"), status = document.getElementById("search-status");
    // what the address says (a shared or reloaded search)
    form.querySelector("#q").value = params.q || "";
    form.querySelector("#from").value = params.from || "";
    form.querySelector("#to").value = params.to || "";
    form.querySelector("#min-duration").value = minutes(params.minDuration);
    form.querySelector("#max-duration").value = minutes(params.maxDuration);
    if (params.from || params.to || params.minDuration || params.maxDuration) { document.getElementById("filters").open = true; }
    var shownLang = state.lang, debounce = null, asked = 0, current = null;
    state.listHash = location.hash;

    function load(cursor) {
      var q = searchQuery(form), qs = queryString(q), mine = ++asked;
      var searching = qs !== "";
      more.disabled = true;
      app.querySelector(".form-error").textContent = "";
      api("GET", "/videos?limit=10" + (qs ? "&" + qs : "") + "&lang=" + shownLang + (cursor ? "&cursor=" + encodeURIComponent(cursor) : "")).then(function (result) {
        if (mine !== asked || !document.body.contains(list)) { return; } // a newer search answered or will
        more.disabled = false;
        list.removeAttribute("aria-busy");
        if (!result.ok) {
          var d = describe(result);
          if (!cursor) { list.innerHTML = ""; none.hidden = true; status.textContent = ""; current = null; more.hidden = true; } // no stale results
          app.querySelector(".form-error").textContent = d.text;
          announce(d.text);
          return;
        }
        if (!cursor) { list.innerHTML = ""; }
        result.data.items = result.data.items || []; // an empty page may leave "items" out
        current = { items: (cursor && current ? current.items : []).concat(result.data.items), next: result.data.nextCursor, qs: qs };
        state.videos = current;
        appendCards(list, result.data.items, cursor ? 0 : 2);
        none.hidden = current.items.length > 0;
        if (!current.items.length) { none.textContent = t(searching ? "search.none" : "videos.none"); }
        status.textContent = searching ? t(current.items.length ? (result.data.nextCursor ? "search.someMore" : current.items.length === 1 ? "search.one" : "search.some") : "search.noneShort", { n: current.items.length }) : "";
        more.hidden = !result.data.nextCursor;
        if (!cursor && searching) { announce(status.textContent); }
        if (cursor && result.data.items.length) { list.children[list.children.length - result.data.items.length].querySelector("h2 a").focus(); }
      });
    }
    // Results as one types, 300 ms after the last key; the address keeps the search (no new history entry).
    function changed() {
      clearTimeout(debounce);
      debounce = setTimeout(function () {
        shownLang = form.querySelector("#search-lang").value;
        var qs = queryString(searchQuery(form));
        state.listHash = "#/videos" + (qs ? "?" + qs : "");
        if (history.replaceState) { history.replaceState(null, "", state.listHash); }
        list.setAttribute("aria-busy", "true");
        load(null);
      }, 300);
    }
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("reset", function () { setTimeout(changed, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(debounce); changed(); });
    more.addEventListener("click", function () { load(current && current.next); });
    load(null);
  };

  // ---- terms of use, checksums, the basket ------------------------------------------------------
  // GET /terms once per page load (it is public and cacheable); the version the visitor accepted,
  // as last read from GET /account/me or PUT /account/terms, so a download does not ask twice.
  var termsAsked = null;
  function terms(again) {
    if (!termsAsked || again) {
      termsAsked = api("GET", "/terms").then(function (r) { if (!r.ok) { termsAsked = null; } return r; });
    }
    return termsAsked;
  }
  // True when the visitor must (still) accept the current terms before downloading. A failure to
  // tell is "no": the download itself answers 409 terms_required then.
  function needsTerms() {
    return Promise.all([terms(false), api("GET", "/account/me", undefined, true)]).then(function (rs) {
      var current = rs[0].ok && rs[0].data && rs[0].data.version, me = rs[1].ok && rs[1].data;
      if (!current || !me) { return false; }
      if (me.terms && me.terms.version === current) { state.termsAccepted = current; return false; }
      return true;
    });
  }
  // Shows the current terms in the page's language in `host` with "I accept": resolves true once
  // PUT /account/terms accepted them, false when the visitor cancels.
  function termsStep(host) {
    host.hidden = false;
    host.innerHTML = '<p class="meta">' + esc(t("terms.loading")) + "</p>";
    return terms(true).then(function (r) {
      if (!r.ok) { host.innerHTML = '<p class="error" role="alert">' + esc(describe(r).text) + "</p>"; return false; }
      var version = r.data.version, texts = r.data.text || {};
      var textLang = texts[state.lang] ? state.lang : "en", text = texts[textLang] || "";
      host.innerHTML = '<h2 id="terms-title" tabindex="-1">' + esc(t("terms.title")) + "</h2>" +
        '<p class="hint">' + esc(t("terms.intro", { version: version })) + "</p>" +
        '<div class="terms-text" id="terms-text" lang="' + textLang + '" tabindex="0" role="region" aria-labelledby="terms-title">' + esc(text) + "</div>" +
        '<p class="error" id="terms-error" role="alert"></p>' +
        '<div class="actions"><button type="button" class="primary" id="terms-accept">' + esc(t("terms.accept")) + "</button>" +
        '<button type="button" class="secondary" id="terms-cancel">' + esc(t("terms.cancel")) + "</button></div>";
      host.querySelector("#terms-title").focus();
      announce(t("terms.intro", { version: version }));
      return new Promise(function (resolve) {
        var accept = host.querySelector("#terms-accept");
        host.querySelector("#terms-cancel").addEventListener("click", function () { host.hidden = true; host.innerHTML = ""; resolve(false); });
        accept.addEventListener("click", function () {
          accept.disabled = true;
          api("PUT", "/account/terms", { version: version }, true).then(function (a) {
            if (a.ok) {
              state.termsAccepted = version;
              host.innerHTML = '<p class="notice" id="terms-done">' + esc(t("terms.accepted")) + "</p>";
              announce(t("terms.accepted"));
              return resolve(true);
            }
            if (errorCode(a) === "terms_outdated") { return termsStep(host).then(resolve); } // a new version came out meanwhile
            accept.disabled = false;
            host.querySelector("#terms-error").textContent = describe(a).text;
            announce(describe(a).text);
          });
        });
      });
    });
  }
  // Runs `request` (a function answering an API result) once the terms are accepted: asks first
  // when GET /account/me shows another version, and again when the answer is 409 terms_required.
  // Resolves the result, or null when the visitor declined.
  function withTerms(host, request) {
    var check = state.termsAccepted ? Promise.resolve(false) : needsTerms();
    return check.then(function (need) { return need ? termsStep(host) : true; }).then(function (proceed) {
      if (!proceed) { return null; }
      return request().then(function (r) {
        if (r.status !== 409 || errorCode(r) !== "terms_required") { return r; }
        state.termsAccepted = null;
        return termsStep(host).then(function (again) { return again ? request() : null; });
      });
    });
  }

  // Copies `text`: the Clipboard API where the page may use it, else a selected hidden textarea
  // and execCommand("copy"). Resolves true when it worked.
  function copyText(text) {
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      return ok;
    }
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return fallback(); });
    }
    return Promise.resolve(fallback());
  }
  // The "Copy" buttons inside `root` (data-copy: the text; data-status: the id of their status).
  function wireCopyButtons(root) {
    root.querySelectorAll("button.copy").forEach(function (button) {
      button.addEventListener("click", function () {
        var status = document.getElementById(button.getAttribute("data-status"));
        copyText(button.getAttribute("data-copy")).then(function (ok) {
          if (status) { status.textContent = t(ok ? "video.copied" : "video.copyFailed"); }
          announce(t(ok ? "video.copied" : "video.copyFailed"));
        });
      });
    });
  }
  function shaHtml(sha256, label, id) {
    if (!sha256) { return '<span class="meta">' + esc(t("video.noSha")) + "</span>"; }
    return '<code class="sha" id="' + id + '">' + esc(sha256) + "</code> " +
      '<button type="button" class="secondary copy" data-copy="' + esc(sha256) + '" data-status="' + id + '-copied" aria-label="' +
      esc(t("video.copyLabel", { label: label })) + '">' + esc(t("video.copy")) + '</button> <span class="meta" id="' + id + '-copied" role="status"></span>';
  }
  // What a download answer says of its file, next to the link: name, size, SHA-256, credit.
  function fileFactsHtml(f, id, credit) {
    return '<dl class="facts file-facts" id="' + id + '">' +
      "<dt>" + esc(t("download.filename")) + '</dt><dd class="facts-filename">' + esc(f.filename) + "</dd>" +
      "<dt>" + esc(t("download.size")) + '</dt><dd class="facts-size" data-bytes="' + esc(f.sizeBytes) + '">' + (f.sizeBytes != null ? size(f.sizeBytes) : "") + "</dd>" +
      "<dt>" + esc(t("download.sha256")) + "</dt><dd>" + shaHtml(f.sha256, f.filename, id + "-sha") + "</dd>" +
      (credit ? "<dt>" + esc(t("download.credit")) + '</dt><dd class="facts-credit">' + esc(credit) + "</dd>" : "") + "</dl>" +
      (f.expiresAt ? '<p class="meta">' + esc(t("download.expires", { when: when(f.expiresAt) })) + "</p>" : "");
  }

  // The basket: [{videoId, rendition, title, label}] in localStorage (no secret in it), shared by
  // the tabs of the site; the API takes 20 files at most.
  var BASKET_MAX = 20;
  function basket() {
    try { var b = JSON.parse(window.localStorage.getItem("mm.basket") || "[]"); return Array.isArray(b) ? b : []; } catch (e) { return []; }
  }
  function saveBasket(items) {
    try { window.localStorage.setItem("mm.basket", JSON.stringify(items)); } catch (e) { /* private mode: the basket lives as long as the page */ }
    updateBasketCount();
  }
  function inBasket(videoId, rendition) {
    return basket().some(function (i) { return i.videoId === videoId && i.rendition === rendition; });
  }
  function updateBasketCount() {
    var link = document.getElementById("nav-basket");
    if (!link) { return; }
    var n = basket().length;
    link.textContent = t("nav.basket", { n: n });
    link.setAttribute("aria-label", t("nav.basketLabel", { n: n }));
  }
  window.addEventListener("storage", function (e) { if (e.key === "mm.basket") { updateBasketCount(); } });

  screens.video = function (params) {
    var id = params.id;
    app.innerHTML = page("videos.title", "<p>" + esc(t("videos.loading")) + "</p>");
    api("GET", withLang("/videos/" + encodeURIComponent(id))).then(function (result) {
      if (!result.ok) { app.innerHTML = page("notFound.title", '<p class="error">' + esc(describe(result).text) + '</p><p><a href="#/videos">' + esc(t("video.back")) + "</a></p>"); return; }
      var v = result.data;
      // Every version with its size and checksum (anyone may check a file they have); the
      // download buttons for a signed-in visitor, the basket for everyone.
      var renditions = '<ul class="renditions">' + (v.renditions || []).map(function (r) {
        var added = inBasket(v.id, r.name);
        return '<li data-rendition="' + esc(r.name) + '"><div class="rendition-head"><span><strong>' + esc(r.label) + '</strong> <span class="meta">(' + esc(r.mimeType) + ")</span></span>" +
          '<span class="actions">' + (signedIn() ? '<button type="button" class="primary download" data-rendition="' + esc(r.name) + '" aria-label="' + esc(t("video.downloadLabel", { label: r.label })) + '">' + esc(t("video.download")) + "</button>" : "") +
          '<button type="button" class="secondary add-basket" data-rendition="' + esc(r.name) + '" data-label="' + esc(r.label) + '" aria-label="' + esc(t("video.addBasketLabel", { label: r.label })) + '"' + (added ? " disabled" : "") + ">" +
          esc(t(added ? "video.inBasket" : "video.addBasket")) + "</button></span></div>" +
          '<dl class="facts"><dt>' + esc(t("video.size")) + '</dt><dd class="rendition-size" id="size-' + esc(r.name) + '" data-bytes="' + esc(r.sizeBytes) + '">' + size(r.sizeBytes) + "</dd>" +
          "<dt>" + esc(t("video.sha256")) + "</dt><dd>" + shaHtml(r.sha256, r.label, "sha-" + r.name) + "</dd></dl>" +
          '<p class="error" id="download-error-' + esc(r.name) + '" role="alert"></p><div class="download-result" id="download-' + esc(r.name) + '" aria-live="polite"></div></li>';
      }).join("") + "</ul>";
      var prompt = signedIn() ? "" : '<p id="signin-prompt">' + esc(t("video.signIn")) + ' <a href="#/login?next=' + encodeURIComponent("#/videos/" + id) + '">' + esc(t("nav.login")) + '</a> · <a href="#/register">' + esc(t("nav.register")) + "</a></p>";
      // The preview player (with the poster as its first picture), else the poster, else the neutral block.
      var media;
      if (v.preview && v.preview.url) {
        var w = (v.poster && parseInt(v.poster.width, 10)) || 1280, h = (v.poster && parseInt(v.poster.height, 10)) || 720;
        media = '<figure class="player"><video id="preview" controls preload="metadata" playsinline width="' + w + '" height="' + h + '"' +
          (v.poster && v.poster.url ? ' poster="' + esc(v.poster.url) + '"' : "") + ' aria-label="' + esc(t("video.previewLabel", { title: v.title })) + '">' +
          '<source src="' + esc(v.preview.url) + '" type="' + esc(v.preview.mimeType || "video/mp4") + '">' +
          '<p>' + esc(t("video.noPlayer")) + "</p></video>" +
          '<figcaption class="meta">' + esc(t("video.previewCaption", { d: duration(v.preview.durationSeconds || 0) })) + "</figcaption></figure>";
      } else {
        media = '<figure class="player">' + posterHtml(v, true) + "</figure>";
      }
      app.innerHTML = '<p><a href="' + esc(state.listHash || "#/videos") + '" id="video-back">' + esc(t("video.back")) + "</a></p>" +
        '<article><h1 tabindex="-1" id="page-title">' + esc(v.title) + "</h1>" + media +
        '<p class="meta">' + videoMeta(v) + '</p><p><strong id="video-summary">' + esc(v.summary) + '</strong></p><p class="description" id="video-description">' + esc(v.description) + "</p>" +
        '<p class="credit" id="video-credit"' + (v.credit ? "" : " hidden") + ">" + esc(t("video.credit")) + ": <span>" + esc(v.credit || "") + "</span></p></article>" +
        "<h2>" + esc(t("video.downloads")) + "</h2>" + prompt +
        '<section class="terms" id="terms-step" aria-labelledby="terms-title" hidden></section>' + renditions +
        '<p class="notice" id="basket-notice" role="status"></p>';
      var credit = v.credit || null;
      if (!credit) { // an older answer without it: the terms carry the credit line too
        terms(false).then(function (r) {
          var line = document.getElementById("video-credit");
          if (r.ok && r.data && r.data.credit && line) { credit = r.data.credit; line.querySelector("span").textContent = credit; line.hidden = false; }
        });
      }
      wireCopyButtons(app);
      var termsHost = document.getElementById("terms-step");
      app.querySelectorAll("button.add-basket").forEach(function (button) {
        button.addEventListener("click", function () {
          var name = button.getAttribute("data-rendition"), label = button.getAttribute("data-label");
          var items = basket(), notice = document.getElementById("basket-notice");
          if (!inBasket(v.id, name)) {
            if (items.length >= BASKET_MAX) { notice.textContent = t("basket.full", { n: BASKET_MAX }); return; }
            items.push({ videoId: v.id, rendition: name, title: v.title, label: label });
            saveBasket(items);
          }
          button.disabled = true;
          button.textContent = t("video.inBasket");
          notice.textContent = t("video.added", { title: v.title, label: label });
        });
      });
      app.querySelectorAll("button.download").forEach(function (button) {
        button.addEventListener("click", function () {
          var name = button.getAttribute("data-rendition");
          var err = document.getElementById("download-error-" + name), out = document.getElementById("download-" + name);
          err.textContent = ""; button.disabled = true;
          withTerms(termsHost, function () {
            return api("POST", "/videos/" + encodeURIComponent(id) + "/download", { rendition: name }, true);
          }).then(function (r) {
            button.disabled = false;
            if (!r) { return; } // the terms were declined
            if (!r.ok) { err.textContent = describe(r).text; announce(err.textContent); return; }
            termsHost.hidden = true; termsHost.innerHTML = "";
            var lineCredit = r.data.credit || credit;
            out.innerHTML = '<a class="download-link" href="' + esc(r.data.url) + '" download="' + esc(r.data.filename) + '">' + esc(t("video.link", { filename: r.data.filename })) + "</a>" +
              fileFactsHtml(r.data, "download-facts-" + name, lineCredit);
            wireCopyButtons(out);
            out.querySelector("a").focus();
          });
        });
      });
    });
  };

  // The basket: its files, then one link per file (POST /downloads/basket) or a Metalink file
  // (the same request with Accept: application/metalink4+xml) a download manager fetches and checks.
  screens.basket = function () {
    var items = basket();
    app.innerHTML = page("basket.title",
      (items.length ? '<ul class="basket" id="basket-list">' + items.map(function (item, i) {
        var label = item.label || item.rendition;
        return '<li data-video-id="' + esc(item.videoId) + '" data-rendition="' + esc(item.rendition) + '"><span><a href="#/videos/' + encodeURIComponent(item.videoId) + '">' + esc(item.title) + "</a>" +
          ' <span class="meta">' + esc(t("basket.rendition", { label: label })) + "</span></span>" +
          '<button type="button" class="secondary remove" data-index="' + i + '" aria-label="' + esc(t("basket.removeLabel", { title: item.title, label: label })) + '">' + esc(t("basket.remove")) + "</button></li>";
      }).join("") + "</ul>" : '<p id="basket-empty">' + esc(t("basket.empty")) + ' <a href="#/videos">' + esc(t("home.videos")) + "</a></p>") +
      '<p class="notice" id="basket-status" role="status"></p>' +
      (items.length ? (signedIn()
        ? '<div class="actions"><button type="button" class="primary" id="basket-download">' + esc(t("basket.downloadAll")) + "</button>" +
          '<button type="button" class="secondary" id="basket-metalink" aria-describedby="metalink-hint">' + esc(t("basket.metalink")) + "</button></div>" +
          '<p class="hint" id="metalink-hint">' + esc(t("basket.metalinkHint")) + "</p>"
        : '<p id="basket-signin">' + esc(t("basket.signIn")) + ' <a href="#/login?next=' + encodeURIComponent("#/basket") + '">' + esc(t("nav.login")) + "</a></p>") : "") +
      '<div id="basket-error" role="alert"></div>' +
      '<section class="terms" id="terms-step" aria-labelledby="terms-title" hidden></section>' +
      '<section id="basket-result" aria-live="polite"></section>');
    app.querySelectorAll("button.remove").forEach(function (button) {
      button.addEventListener("click", function () {
        var all = basket(), gone = all.splice(parseInt(button.getAttribute("data-index"), 10), 1)[0];
        saveBasket(all);
        screens.basket();
        if (gone) { document.getElementById("basket-status").textContent = t("basket.removed", { title: gone.title }); announce(t("basket.removed", { title: gone.title })); }
        var first = app.querySelector("button.remove") || document.getElementById("page-title");
        first.focus();
      });
    });
    var all = document.getElementById("basket-download"), meta = document.getElementById("basket-metalink");
    if (!all) { return; }
    var termsHost = document.getElementById("terms-step"), errors = document.getElementById("basket-error"), out = document.getElementById("basket-result");
    function wanted() { return { items: basket().map(function (i) { return { videoId: i.videoId, rendition: i.rendition }; }) }; }
    function failed(r) {
      var code = errorCode(r);
      var gone = code === "not_found" && r.data && r.data.videoId;
      if (gone) {
        var item = basket().filter(function (i) { return i.videoId === gone; })[0];
        errors.innerHTML = '<p class="error" id="basket-gone">' + esc(t("basket.gone", { title: item ? item.title : gone })) + "</p>" +
          '<div class="actions"><button type="button" class="secondary" id="basket-remove-gone">' + esc(t("basket.removeGone")) + "</button></div>";
        document.getElementById("basket-remove-gone").addEventListener("click", function () {
          saveBasket(basket().filter(function (i) { return i.videoId !== gone; }));
          screens.basket();
          document.getElementById("page-title").focus();
        });
        announce(t("basket.gone", { title: item ? item.title : gone }));
        return;
      }
      errors.innerHTML = '<p class="error" id="basket-error-text">' + esc(describe(r).text) + "</p>";
      announce(describe(r).text);
      if (code === "too_many_requests" && r.retryAfter) { // the buttons wait as long as the API says
        [all, meta].forEach(function (b) { b.disabled = true; });
        setTimeout(function () { [all, meta].forEach(function (b) { if (document.body.contains(b)) { b.disabled = false; } }); }, r.retryAfter * 1000);
      }
    }
    function run(button, request, done) {
      errors.innerHTML = ""; button.disabled = true;
      withTerms(termsHost, request).then(function (r) {
        button.disabled = false;
        if (!r) { return; }
        if (!r.ok) { return failed(r); }
        termsHost.hidden = true; termsHost.innerHTML = "";
        done(r);
      });
    }
    all.addEventListener("click", function () {
      run(all, function () { return api("POST", "/downloads/basket", wanted(), true); }, function (r) {
        var files = r.data.items || [];
        var titles = {};
        basket().forEach(function (i) { titles[i.videoId + "/" + i.rendition] = i.title; });
        out.innerHTML = '<h2 id="basket-links-title" tabindex="-1">' + esc(t("basket.links")) + '</h2><p class="meta">' + esc(t("basket.ready", { n: files.length })) + "</p>" +
          '<ul class="renditions" id="basket-links">' + files.map(function (f, i) {
            var title = titles[f.videoId + "/" + f.rendition];
            return '<li data-video-id="' + esc(f.videoId) + '">' + (title ? "<strong>" + esc(title) + "</strong> " : "") +
              '<a class="download-link" href="' + esc(f.url) + '" download="' + esc(f.filename) + '">' + esc(t("video.link", { filename: f.filename })) + "</a>" +
              fileFactsHtml(f, "basket-facts-" + i, null) + "</li>";
          }).join("") + "</ul>" +
          (r.data.credit ? '<p class="credit" id="basket-credit">' + esc(t("video.credit")) + ": " + esc(r.data.credit) + "</p>" : "");
        wireCopyButtons(out);
        document.getElementById("basket-links-title").focus();
      });
    });
    meta.addEventListener("click", function () {
      run(meta, function () { return metalink(wanted()); }, function (r) {
        var url = URL.createObjectURL(r.blob), a = document.createElement("a");
        a.href = url; a.download = "videos.meta4"; a.hidden = true;
        document.body.appendChild(a);
        a.click();
        document.body.removeChild(a);
        setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
        document.getElementById("basket-status").textContent = t("basket.metalinkSaved");
        announce(t("basket.metalinkSaved"));
      });
    });
  };
  // POST /downloads/basket asking for the Metalink document: an API result whose `blob` is the file.
  function metalink(body) {
    return freshSession(false).then(function () {
      var headers = { "Accept": "application/metalink4+xml", "Content-Type": "application/json" };
      if (state.tokens) { headers["Authorization"] = "Bearer " + state.tokens.accessToken; }
      return fetch(API + "/downloads/basket", { method: "POST", headers: headers, body: JSON.stringify(body) });
    }).then(function (response) {
      if (response.ok) {
        return response.blob().then(function (blob) {
          return { ok: true, status: response.status, data: null, retryAfter: 0, blob: new Blob([blob], { type: "application/metalink4+xml" }) };
        });
      }
      return response.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        var retry = parseInt(response.headers.get("Retry-After") || (data && data.retryAfterSeconds) || "0", 10) || 0;
        if (response.status === 401 && (!data || !data.error || data.error === "unauthorized")) { saveTokens(null); renderNav(); }
        return { ok: false, status: response.status, data: data, retryAfter: retry };
      });
    }, function () { return { ok: false, status: 0, data: { error: "network" }, retryAfter: 0 }; });
  }

  // "My downloads" in the account page: GET /account/downloads, newest first, "more" by nextCursor.
  function loadHistory(cursor) {
    var list = document.getElementById("downloads-list"), more = document.getElementById("downloads-more");
    if (!list) { return; }
    more.disabled = true;
    list.setAttribute("aria-busy", "true");
    api("GET", "/account/downloads?limit=10" + (cursor ? "&cursor=" + encodeURIComponent(cursor) : ""), undefined, true).then(function (r) {
      if (!document.body.contains(list)) { return; }
      list.removeAttribute("aria-busy");
      more.disabled = false;
      if (!r.ok) { document.getElementById("downloads-error").textContent = describe(r).text; return; }
      var items = r.data.items || [], before = list.children.length;
      items.forEach(function (d, i) {
        var li = document.createElement("li");
        var n = before + i;
        li.setAttribute("data-video-id", d.videoId);
        li.innerHTML = '<h3 tabindex="-1"><a href="#/videos/' + encodeURIComponent(d.videoId) + '">' + esc(d.title || d.videoId) + "</a></h3>" +
          '<p class="meta">' + esc(t("basket.rendition", { label: d.rendition })) + " · " + esc(t("history.date", { when: when(d.downloadedAt) })) + "</p>" +
          fileFactsHtml({ filename: d.filename, sizeBytes: d.sizeBytes, sha256: d.sha256 }, "history-" + n, null);
        list.appendChild(li);
        wireCopyButtons(li);
      });
      document.getElementById("downloads-none").hidden = list.children.length > 0;
      more.hidden = !r.data.nextCursor;
      more.onclick = function () { loadHistory(r.data.nextCursor); };
      if (cursor && items.length) { list.children[before].querySelector("h3").focus(); }
    });
  }

  screens.marketing = function () {
    if (!signedIn()) { return needLogin("#/marketing"); }
    if (!inGroup("marketing")) { app.innerHTML = page("marketing.title", '<p class="error">' + esc(t("marketing.only")) + "</p>"); return; }
    app.innerHTML = page("marketing.title", '<form id="campaign-form" novalidate>' +
      field("subject", "field.subject", "text", 'maxlength="200" required') +
      field("html", "field.html", "textarea", "required") +
      field("text", "field.text", "textarea", "required") +
      '<div class="field"><label for="campaign-language">' + esc(t("field.campaignLanguage")) + '</label><select id="campaign-language">' +
      '<option value="">' + esc(t("campaign.both")) + '</option><option value="en">English</option><option value="fr">Français</option></select></div>' +
      field("test-recipients", "field.testRecipients", "text", 'autocomplete="off"') + formError() +
      '<div class="actions"><button class="primary" type="submit" id="campaign-send">' + esc(t("marketing.send")) + "</button></div></form>" +
      '<section id="campaign-progress" aria-live="polite"></section>');
    var form = document.getElementById("campaign-form");
    // One campaignId per content until the API accepts it: a retry after a lost answer (or a double
    // click) is the same campaign, never a second one; changed content gets a new id (the API
    // answers 409 campaign_conflict to an id reused with other content).
    var pending = null;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearErrors(form);
      var body = { subject: form.subject.value.trim(), html: form.html.value, text: form.text.value };
      if (!body.subject) { return showError(form, "subject", t("err.required")); }
      if (!body.html.trim()) { return showError(form, "html", t("err.required")); }
      if (!body.text.trim()) { return showError(form, "text", t("err.required")); }
      var language = form.querySelector("#campaign-language").value;
      if (language) { body.language = language; }
      var tests = form.querySelector("#test-recipients").value.split(/[,;\s]+/).filter(Boolean);
      if (tests.length) { body.testRecipients = tests; }
      var content = JSON.stringify(body);
      if (!pending || pending.content !== content) {
        pending = { content: content, id: "c-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 8) };
      }
      body.campaignId = pending.id;
      busy(form, true);
      api("POST", "/newsletter/campaigns", body, true).then(function (result) {
        busy(form, false);
        if (result.ok || result.status === 409) { pending = null; }
        if (!result.ok) {
          var msg = result.data && result.data.message || "";
          return showApiError(form, result, { invalid_request: /testRecipients/.test(msg) ? "test-recipients" : /subject/.test(msg) ? "subject" : /html/.test(msg) ? "html" : /'text'/.test(msg) ? "text" : null });
        }
        progress(result.data);
      });
    });
    function progress(c) {
      var section = document.getElementById("campaign-progress");
      if (!section) { return; }
      var first = !section.innerHTML;
      section.innerHTML = "<h2>" + esc(t("marketing.progress", { id: c.campaignId, status: t("status." + c.status) })) + '</h2><ul class="counters">' +
        ["recipients", "sent", "failed", "suppressed"].map(function (k) {
          return '<li id="counter-' + k + '"><strong>' + (c[k] || 0) + "</strong>" + esc(t("counter." + k)) + "</li>";
        }).join("") + '</ul><p id="campaign-status" data-status="' + esc(c.status) + '"></p>';
      if (first) { section.scrollIntoView({ block: "start" }); }
      clearTimeout(state.pollTimer);
      if (c.status !== "sent") {
        state.pollTimer = setTimeout(function () {
          api("GET", "/newsletter/campaigns/" + encodeURIComponent(c.campaignId), undefined, true).then(function (r) { if (r.ok) { progress(r.data); } });
        }, 1000);
      }
    }
  };

  /** A file's SHA-256 as lowercase hex (what sha256sum prints), computed in the browser (files up to 5 GiB). */
  function sha256Hex(file) {
    return file.arrayBuffer().then(function (bytes) { return crypto.subtle.digest("SHA-256", bytes); }).then(function (digest) {
      return Array.prototype.map.call(new Uint8Array(digest), function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
    });
  }

  function safeFilename(name) {
    var cleaned = name.replace(/[^A-Za-z0-9 ._()-]/g, "-").slice(-120);
    return /\.[A-Za-z0-9]+$/.test(cleaned) ? cleaned : cleaned + ".bin";
  }

  var POSTER_TYPES = ["image/jpeg", "image/png", "image/webp"], POSTER_MAX_BYTES = 2 * 1024 * 1024;
  function isoInstant(localValue) { return new Date(localValue).toISOString().replace(/\.\d{3}Z$/, "Z"); }
  function when(instant) {
    return new Date(instant).toLocaleString(state.lang === "fr" ? "fr-FR" : "en-GB", { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" });
  }

  screens.editors = function () {
    if (!signedIn()) { return needLogin("#/editors"); }
    if (!inGroup("editors")) { app.innerHTML = page("editors.title", '<p class="error">' + esc(t("editors.only")) + "</p>"); return; }
    var now = new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 16);
    app.innerHTML = page("editors.title", '<form id="editor-form" novalidate>' +
      field("title", "field.title", "text", 'maxlength="200" required') +
      field("summary", "field.summary", "text", 'maxlength="500" required') +
      field("description", "field.description", "textarea", 'maxlength="20000"') +
      '<fieldset class="translation"><legend>' + esc(t("editors.french")) + "</legend>" +
      field("title-fr", "field.titleFr", "text", 'maxlength="200" lang="fr"') +
      field("summary-fr", "field.summaryFr", "text", 'maxlength="500" lang="fr"') +
      field("description-fr", "field.descriptionFr", "textarea", 'maxlength="20000" lang="fr"') + "</fieldset>" +
      field("published-at", "field.publishedAt", "datetime-local", 'value="' + now + '" required') +
      field("duration", "field.duration", "number", 'min="0" max="86400" value="60" required') +
      field("rendition-label", "field.rendLabel", "text", 'value="HD 1080p" maxlength="60"') +
      field("files", "field.files", "file", 'multiple accept="video/*,audio/*" required') +
      field("poster-file", "field.poster", "file", 'accept="image/jpeg,image/png,image/webp"', '<p class="hint">' + esc(t("editors.posterHint")) + "</p>") +
      field("preview-file", "field.preview", "file", 'accept="video/mp4"', '<p class="hint">' + esc(t("editors.previewHint")) + "</p>") +
      field("publish-at", "field.publishAt", "datetime-local", 'step="1"', '<p class="hint">' + esc(t("editors.publishAtHint")) + "</p>") +
      formError() +
      '<div class="actions"><button class="primary" type="submit" id="editor-submit">' + esc(t("editors.submit")) + "</button></div></form>" +
      '<p id="editor-progress" role="status" class="notice"></p>' +
      '<section id="editor-queue" aria-labelledby="queue-title"><h2 id="queue-title">' + esc(t("editors.queue")) + "</h2>" +
      '<h3>' + esc(t("editors.scheduled")) + '</h3><ul class="queue" id="queue-scheduled" aria-busy="true"></ul>' +
      '<h3>' + esc(t("editors.drafts")) + '</h3><ul class="queue" id="queue-draft" aria-busy="true"></ul>' +
      '<div class="actions"><button type="button" class="secondary" id="queue-refresh">' + esc(t("editors.refresh")) + "</button></div></section>");
    var form = document.getElementById("editor-form"), out = document.getElementById("editor-progress");
    document.getElementById("queue-refresh").addEventListener("click", loadQueue);
    loadQueue();
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearErrors(form);
      var files = Array.prototype.slice.call(form.querySelector("#files").files);
      var poster = form.querySelector("#poster-file").files[0] || null, preview = form.querySelector("#preview-file").files[0] || null;
      var title = form.querySelector("#title").value.trim(), summary = form.querySelector("#summary").value.trim();
      var publishAt = form.querySelector("#publish-at").value;
      if (!title) { return showError(form, "title", t("err.required")); }
      if (!summary) { return showError(form, "summary", t("err.required")); }
      if (!files.length) { return showError(form, "files", t("err.required")); }
      if (poster && POSTER_TYPES.indexOf(poster.type) < 0) { return showError(form, "poster-file", t("err.posterType")); }
      if (poster && poster.size > POSTER_MAX_BYTES) { return showError(form, "poster-file", t("err.posterSize")); }
      if (preview && preview.type !== "video/mp4") { return showError(form, "preview-file", t("err.previewType")); }
      if (publishAt && !(new Date(publishAt).getTime() > Date.now())) { return showError(form, "publish-at", t("err.publishAtPast")); }
      if (publishAt && new Date(publishAt).getTime() > Date.now() + 366 * 86400000) { return showError(form, "publish-at", t("err.publishAtFar")); }
      var label = form.querySelector("#rendition-label").value.trim() || "Video";
      var video = {
        title: title, summary: summary, description: form.querySelector("#description").value,
        publishedAt: isoInstant(form.querySelector("#published-at").value),
        durationSeconds: parseInt(form.querySelector("#duration").value || "0", 10),
        renditions: []
      };
      var fr = {};
      [["title-fr", "title"], ["summary-fr", "summary"], ["description-fr", "description"]].forEach(function (f) {
        var value = form.querySelector("#" + f[0]).value.trim();
        if (value) { fr[f[1]] = value; }
      });
      if (Object.keys(fr).length) { video.translations = { fr: fr }; }
      // What each upload of the answer carries: renditions by name, then "poster" and "preview".
      var byUpload = {};
      busy(form, true);
      // Each file's SHA-256 is declared: S3 refuses other bytes, and publishing checks the copy.
      var hashed = Promise.resolve();
      function hash(f) {
        return hashed.then(function () { out.textContent = t("editors.hashing", { name: f.name }); return sha256Hex(f); });
      }
      files.forEach(function (f, i) {
        hashed = hash(f).then(function (sha256) {
          var name = "v" + (i + 1);
          byUpload[name] = f;
          video.renditions.push({ name: name, label: files.length > 1 ? label + " " + (i + 1) : label, mimeType: f.type || "application/octet-stream", sizeBytes: f.size, filename: safeFilename(f.name), sha256: sha256 });
        });
      });
      [["poster", poster], ["preview", preview]].forEach(function (m) {
        if (!m[1]) { return; }
        hashed = hash(m[1]).then(function (sha256) {
          byUpload[m[0]] = m[1];
          video[m[0]] = { filename: safeFilename(m[1].name), mimeType: m[1].type, sizeBytes: m[1].size, sha256: sha256 };
        });
      });
      hashed.then(function () {
        out.textContent = t("editors.creating");
        return api("POST", "/videos", video, true);
      }, function () {
        busy(form, false); out.textContent = "";
        showError(form, "files", t("err.unknown"));
        return null;
      }).then(function (result) {
        if (!result) { return; }
        if (!result.ok) {
          busy(form, false); out.textContent = "";
          var msg = result.data && result.data.message || "";
          return showApiError(form, result, { invalid_request: /translations/.test(msg) ? "title-fr" : /title/.test(msg) ? "title" : /summary/.test(msg) ? "summary" : /description/.test(msg) ? "description" : /publishedAt/.test(msg) ? "published-at" : /duration/.test(msg) ? "duration" : /poster/.test(msg) ? "poster-file" : /preview/.test(msg) ? "preview-file" : /renditions/.test(msg) ? "files" : null });
        }
        var created = result.data, chain = Promise.resolve(true), total = created.uploads.length;
        created.uploads.forEach(function (upload, i) {
          chain = chain.then(function (ok) {
            var file = byUpload[upload.rendition] || files[i];
            if (!ok) { return false; }
            out.textContent = t("editors.uploading", { name: file.name, n: i + 1, total: total });
            return fetch(upload.url, { method: upload.method || "PUT", headers: upload.headers || {}, body: file })
              .then(function (r) { if (!r.ok) { throw new Error(); } return true; })
              .catch(function () {
                busy(form, false); out.textContent = "";
                showError(form, upload.rendition === "poster" ? "poster-file" : upload.rendition === "preview" ? "preview-file" : "files", t("err.upload_failed", { name: file.name }));
                return false;
              });
          });
        });
        chain.then(function (ok) {
          if (!ok) { return; }
          out.textContent = t("editors.publishing");
          api("POST", "/videos/" + encodeURIComponent(created.id) + "/publish", publishAt ? { publishAt: isoInstant(publishAt) } : undefined, true).then(function (r) {
            busy(form, false);
            if (!r.ok) {
              out.textContent = "";
              var missing = (r.data && r.data.renditions) || [];
              var target = missing.indexOf("poster") >= 0 ? "poster-file" : missing.indexOf("preview") >= 0 ? "preview-file" : "files";
              var msg = r.data && r.data.message || "";
              return showApiError(form, r, { upload_missing: target, checksum_mismatch: target, invalid_media: target, invalid_request: /publishAt/.test(msg) ? "publish-at" : /poster/.test(msg) ? "poster-file" : /preview/.test(msg) ? "preview-file" : null, "*": /poster/.test(msg) ? "poster-file" : /preview/.test(msg) ? "preview-file" : null });
            }
            if (r.data.status === "scheduled") {
              out.innerHTML = '<span id="editor-scheduled" data-published-at="' + esc(r.data.publishedAt) + '">' + esc(t("editors.scheduledAt", { title: r.data.title, when: when(r.data.publishedAt) })) + "</span>";
            } else {
              out.innerHTML = esc(t("editors.published", { title: r.data.title })) + ' <a id="editor-view" href="#/videos/' + encodeURIComponent(r.data.id) + '">' + esc(t("editors.view")) + "</a>";
            }
            form.reset();
            loadQueue();
          });
        });
      });
    });
  };

  // The editors' own view: drafts and scheduled videos (never cached, asked with the bearer).
  function loadQueue() {
    ["scheduled", "draft"].forEach(function (status) {
      var list = document.getElementById("queue-" + status);
      if (!list) { return; }
      list.setAttribute("aria-busy", "true");
      api("GET", withLang("/videos?status=" + status + "&limit=50"), undefined, true).then(function (r) {
        if (!document.body.contains(list)) { return; }
        list.removeAttribute("aria-busy");
        if (!r.ok) { list.innerHTML = '<li class="error">' + esc(describe(r).text) + "</li>"; return; }
        var items = r.data.items || []; // an empty page may leave "items" out
        list.innerHTML = items.length ? items.map(function (v) {
          return '<li data-id="' + esc(v.id) + '" data-status="' + esc(v.status || status) + '"><strong>' + esc(v.title) + '</strong> <span class="meta">' +
            esc(status === "scheduled" ? t("editors.releaseAt", { when: when(v.publishedAt) }) : t("editors.draftStatus")) + "</span></li>";
        }).join("") : '<li class="meta">' + esc(t("editors.queueEmpty")) + "</li>";
      });
    });
  }

  screens.notFound = function () { app.innerHTML = page("notFound.title", "<p>" + esc(t("notFound.text")) + '</p><p><a href="#/">' + esc(t("home.title")) + "</a></p>"); };

  function needLogin(next) {
    app.innerHTML = page("login.title", '<p id="need-login">' + esc(t("needLogin")) + ' <a href="#/login?next=' + encodeURIComponent(next) + '">' + esc(t("nav.login")) + "</a></p>");
  }

  function logout() {
    var tokens = state.tokens;
    saveTokens(null);
    rememberAccountLang(null);
    hideLangOffer();
    setPending(null);
    state.password = null; state.resetToken = null;
    if (tokens) {
      // The refresh token always (it ends this session and needs no live access token); the
      // bearer while it lives (it ends every session of the account).
      var headers = { "Content-Type": "application/json" };
      if (lifeOf(tokens.accessToken) > 0) { headers["Authorization"] = "Bearer " + tokens.accessToken; }
      fetch(API + "/account/logout", {
        method: "POST", headers: headers, keepalive: true,
        body: JSON.stringify(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {})
      }).catch(function () {});
    }
    state.notice = t("login.loggedOut");
    go("#/login");
  }

  // ---- router --------------------------------------------------------------------------------
  var routes = [
    [/^#?\/?$/, "home"], [/^#\/register$/, "register"], [/^#\/verify$/, "verify"], [/^#\/welcome$/, "welcome"],
    [/^#\/login$/, "login"], [/^#\/account$/, "account"], [/^#\/reset$/, "reset"], [/^#\/reset\/code$/, "resetCode"],
    [/^#\/reset\/new$/, "resetNew"], [/^#\/reset\/done$/, "resetDone"], [/^#\/videos$/, "videos"],
    [/^#\/videos\/([^/]+)$/, "video"], [/^#\/marketing$/, "marketing"], [/^#\/editors$/, "editors"], [/^#\/basket$/, "basket"]
  ];
  function go(hash) { if (location.hash === hash) { route(); } else { location.hash = hash; } }
  function parse(hash) {
    var q = hash.indexOf("?"), path = q < 0 ? hash : hash.slice(0, q), params = {};
    if (q >= 0) { hash.slice(q + 1).split("&").forEach(function (p) { var kv = p.split("="); params[decodeURIComponent(kv[0])] = decodeURIComponent(kv[1] || ""); }); }
    for (var i = 0; i < routes.length; i++) {
      var m = routes[i][0].exec(path);
      if (m) { if (m[1]) { params.id = decodeURIComponent(m[1]); } return { name: routes[i][1], params: params, path: path }; }
    }
    return { name: "notFound", params: params, path: path };
  }
  function renderNav() {
    var current = parse(location.hash || "#/").path;
    function link(href, key, id) { return '<a href="' + href + '" id="' + id + '"' + (current === href ? ' aria-current="page"' : "") + ">" + esc(t(key)) + "</a>"; }
    var html = link("#/videos", "nav.videos", "nav-videos") + link("#/basket", "nav.basket", "nav-basket");
    if (signedIn()) {
      if (inGroup("marketing")) { html += link("#/marketing", "nav.marketing", "nav-marketing"); }
      if (inGroup("editors")) { html += link("#/editors", "nav.editors", "nav-editors"); }
      html += link("#/account", "nav.account", "nav-account") + '<button type="button" id="nav-logout">' + esc(t("nav.logout")) + "</button>";
    } else {
      html += link("#/login", "nav.login", "nav-login") + link("#/register", "nav.register", "nav-register");
    }
    var nav = document.getElementById("nav");
    nav.innerHTML = html;
    updateBasketCount();
    hideLangOffer();
    nav.setAttribute("aria-label", state.lang === "fr" ? "Navigation principale" : "Main");
    var out = document.getElementById("nav-logout");
    if (out) { out.addEventListener("click", logout); }
    var sw = document.getElementById("lang-switch");
    sw.textContent = t("lang.switch");
    sw.setAttribute("lang", t("lang.switchLang"));
    document.getElementById("brand").textContent = t("brand");
    document.getElementById("skip-link").textContent = t("skip");
    var description = document.querySelector('meta[name="description"]');
    if (description) { description.setAttribute("content", t("meta.description")); }
    document.documentElement.lang = state.lang;
  }
  function route(keepFocus) {
    var hash = location.hash || "#/";
    var r = parse(hash);
    clearTimeout(state.pollTimer);
    if (r.name === "reset" && !/^#\/reset/.test(state.previous)) {
      state.returnTo = /^#\/(verify|welcome|reset)/.test(state.previous) ? "#/login" : state.previous;
      store.setItem("mm.returnTo", state.returnTo);
    }
    renderNav();
    screens[r.name](r.params);
    document.title = (document.getElementById("page-title") || { textContent: "" }).textContent + " – " + t("brand");
    if (!keepFocus) { var h = document.getElementById("page-title"); if (h) { h.focus(); } }
    state.previous = r.path === "#/login" && r.params.next ? hash : r.path;
  }
  function setLang(lang) {
    if (lang === state.lang) { return; }
    // keep what was typed across the re-render
    var values = {};
    app.querySelectorAll("input:not([type=file]), textarea, select").forEach(function (el) {
      if (el.id) { values[el.id] = el.type === "checkbox" ? el.checked : el.value; }
    });
    delete values.language; // the register form's language follows the switch
    state.lang = lang;
    store.setItem("mm.lang", lang);
    offerToSaveLang();
    var hash = location.hash || "#/";
    if (/^#\/(account|videos)/.test(hash) || /^#\/(marketing|editors)$/.test(hash)) { route(true); }
    else {
      renderNav(); screens[parse(hash).name](parse(hash).params);
      Object.keys(values).forEach(function (id) {
        var el = document.getElementById(id);
        if (!el) { return; }
        if (el.type === "checkbox") { el.checked = values[id]; } else { el.value = values[id]; }
        el.dispatchEvent(new Event("input"));
      });
    }
  }
  // ---- the account's language ------------------------------------------------------------------
  // A signed-in visitor who switches the site's language is offered to keep it: PATCH /account/me
  // {language} (emails, the newsletter and the site follow it). Only when it differs from the
  // account's (as last read from GET /account/me).
  function rememberAccountLang(language) {
    if (language) { store.setItem("mm.accountLang", language); } else { store.removeItem("mm.accountLang"); }
  }
  function offerToSaveLang() {
    var offer = document.getElementById("lang-offer");
    if (!offer) { return; }
    if (!signedIn() || store.getItem("mm.accountLang") === state.lang) { offer.hidden = true; offer.innerHTML = ""; return; }
    offer.innerHTML = '<p><span id="lang-offer-text">' + esc(t("lang.offer", { lang: t("lang." + state.lang) })) + "</span> " +
      '<button type="button" class="secondary" id="lang-save">' + esc(t("lang.save")) + "</button> " +
      '<button type="button" class="link" id="lang-dismiss">' + esc(t("lang.dismiss")) + '</button></p><p class="error" id="lang-offer-error" role="alert"></p>';
    offer.hidden = false;
    var language = state.lang;
    document.getElementById("lang-dismiss").addEventListener("click", function () { offer.hidden = true; offer.innerHTML = ""; });
    document.getElementById("lang-save").addEventListener("click", function () {
      var button = document.getElementById("lang-save");
      button.disabled = true;
      api("PATCH", "/account/me", { language: language }, true).then(function (r) {
        if (!document.body.contains(button)) { return; }
        button.disabled = false;
        if (!r.ok) { document.getElementById("lang-offer-error").textContent = describe(r).text; announce(describe(r).text); return; }
        rememberAccountLang(language);
        offer.innerHTML = '<p id="lang-saved">' + esc(t("lang.saved", { lang: t("lang." + language) })) + "</p>";
        announce(t("lang.saved", { lang: t("lang." + language) }));
        var profile = document.getElementById("profile-language");
        if (profile) { profile.textContent = t("lang." + language); }
        setTimeout(function () { if (document.getElementById("lang-saved")) { offer.hidden = true; offer.innerHTML = ""; } }, 4000);
      });
    });
  }
  function hideLangOffer() { var offer = document.getElementById("lang-offer"); if (offer && !signedIn()) { offer.hidden = true; offer.innerHTML = ""; } }

  document.getElementById("lang-switch").addEventListener("click", function () { setLang(state.lang === "en" ? "fr" : "en"); document.getElementById("lang-switch").focus(); });
  window.addEventListener("hashchange", function () { route(); });
  scheduleRefresh(null); // a session kept in this tab: refreshed before its access token expires
  route(true);
})();
