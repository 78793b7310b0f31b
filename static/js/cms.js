// "Copy link" on articles: copies the address instead of following the link.
document.addEventListener("click", function (event) {
  var link = event.target.closest("[data-copy-link]");
  if (!link || !navigator.clipboard) return;
  event.preventDefault();
  navigator.clipboard.writeText(link.href).then(function () {
    link.textContent = link.getAttribute("data-copied");
  });
});
