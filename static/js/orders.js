/* Orders: live delivery fees at checkout, VietQR copy buttons and countdown, confirm before
   cancelling. Everything works without this file; it only saves taps and page loads. */
(function () {
  "use strict";
  var fmt = new Intl.NumberFormat("vi-VN");
  function vnd(n) { return fmt.format(n) + "\u00a0₫"; }

  // The cart's "deliver to" choice shows that province's fees at once.
  document.querySelectorAll("select[data-submit-on-change]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });

  // "Hủy đơn" asks first.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });

  // Copy buttons: copy the value just before the button.
  var status = document.querySelector("[data-copy-status]");
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var source = button.parentNode.querySelector("[data-copy-source]");
      if (!source) { return; }
      var text = source.textContent.trim();
      var done = function () { if (status) { status.textContent = button.dataset.copied || ("✓ " + text); } };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, done);
      } else { done(); }
    });
  });

  // Countdown to the end of the payment window.
  var countdown = document.querySelector("[data-deadline]");
  if (countdown) {
    var deadline = Date.parse(countdown.getAttribute("data-deadline"));
    var out = countdown.querySelector("[data-countdown]");
    var tick = function () {
      var left = Math.max(0, Math.floor((deadline - Date.now()) / 1000));
      var m = Math.floor(left / 60), s = left % 60;
      out.textContent = m + ":" + (s < 10 ? "0" : "") + s;
      if (left > 0) { window.setTimeout(tick, 1000); }
    };
    tick();
  }

  // Checkout: fees and totals follow the province and the pick-up choices.
  var form = document.querySelector("form[data-quote-url]");
  if (!form) { return; }
  var province = form.querySelector("select[name=province]");
  var seen = form.querySelector("input[name=shipping_seen]");
  var summary = document.querySelector("[data-quote-summary]");
  function pickups() {
    var ids = [];
    form.querySelectorAll("input[type=radio][name^=delivery_]:checked").forEach(function (r) {
      if (r.value === "pickup") { ids.push(r.name.replace("delivery_", "")); }
    });
    return ids.join(",");
  }
  function refresh() {
    var url = form.getAttribute("data-quote-url") + "?province=" + encodeURIComponent(province.value) + "&pickup=" + pickups();
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (q) {
        q.booths.forEach(function (b) {
          var row = summary.querySelector("[data-booth='" + b.booth + "']");
          if (!row) { return; }
          var fee = row.querySelector("[data-fee]");
          var refused = row.querySelector("[data-refused]");
          if (b.refused) { fee.textContent = "—"; refused.textContent = b.refused; refused.hidden = false; }
          else {
            refused.hidden = true; refused.textContent = "";
            fee.textContent = b.fee === null ? fee.getAttribute("data-unknown") : (b.fee === 0 ? fee.getAttribute("data-free") : vnd(b.fee));
          }
          var zone = row.querySelector("[data-zone]");
          if (zone) { zone.textContent = b.method === "pickup" ? zone.getAttribute("data-pickup") : b.zone_label; }
        });
        summary.querySelector("[data-shipping-total]").textContent = vnd(q.shipping);
        summary.querySelector("[data-grand-total]").textContent = vnd(q.total);
        seen.value = q.complete ? q.shipping : "";
      });
  }
  province.addEventListener("change", refresh);
  form.querySelectorAll("input[type=radio][name^=delivery_]").forEach(function (r) { r.addEventListener("change", refresh); });
  var update = form.querySelector("[data-quote-button]");
  if (update) { update.hidden = true; }
})();
