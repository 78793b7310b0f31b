/* Forms on pages served from the page cache carry an empty CSRF input (a token belongs to
   one visitor): fetch a token when such a form is submitted, then submit it again. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var input = form.querySelector && form.querySelector("input[data-csrf-url]");
    if (!input || input.value) return;
    event.preventDefault();
    var submitter = event.submitter || null;
    fetch(input.dataset.csrfUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        document.querySelectorAll("input[data-csrf-url]").forEach(function (el) { el.value = data.token; });
        if (form.requestSubmit) { form.requestSubmit(submitter); } else { form.submit(); }
      });
  });
})();
