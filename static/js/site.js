/* Chợ Tỉnh — small site-wide behaviours, no dependencies. */
(function () {
  "use strict";

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  // Back to top
  var toTop = document.getElementById("back-to-top");
  if (toTop) {
    var onScroll = function () { toTop.hidden = window.scrollY < Math.min(600, window.innerHeight * 0.5); };
    window.addEventListener("scroll", onScroll, { passive: true });
    onScroll();
    toTop.addEventListener("click", function () {
      window.scrollTo({ top: 0, behavior: "smooth" });
      var main = document.getElementById("main");
      if (main) main.focus({ preventScroll: true });
    });
  }

  // Session expiry warning for signed-in users
  var warning = document.getElementById("session-warning");
  if (warning) {
    var expiresAt = Date.now() + parseInt(warning.dataset.expiresIn, 10) * 1000;
    var warnBefore = parseInt(warning.dataset.warnBefore, 10) * 1000;
    var left = warning.querySelector(".session-warning__left");
    var tick = function () {
      var remaining = expiresAt - Date.now();
      if (remaining <= 0) { window.location.reload(); return; }
      if (remaining <= warnBefore) {
        var s = Math.ceil(remaining / 1000);
        left.textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
        if (warning.hidden) { warning.hidden = false; document.getElementById("session-keep").focus(); }
      }
    };
    setInterval(tick, 1000);
    document.getElementById("session-keep").addEventListener("click", function () {
      fetch(warning.dataset.keepaliveUrl, {
        method: "POST", credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch" }
      }).then(function (r) { return r.json(); }).then(function (data) {
        if (data.authenticated) {
          expiresAt = Date.now() + data.expires_in * 1000;
          warning.hidden = true;
        } else { window.location.reload(); }
      });
    });
  }
  window.ChoTinh = { csrfToken: csrfToken };
})();
