// "Copy link" on articles: copies the address instead of following the link.
document.addEventListener("click", function (event) {
  var link = event.target.closest("[data-copy-link]");
  if (!link || !navigator.clipboard) return;
  event.preventDefault();
  navigator.clipboard.writeText(link.href).then(function () {
    link.textContent = link.getAttribute("data-copied");
  });
});

// Banner carousel: the track scrolls (swipe on phones); the arrows step one slide.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-banner-step]");
  if (!button) return;
  var track = button.parentElement.querySelector(".banner__track");
  var step = parseInt(button.getAttribute("data-banner-step"), 10);
  var width = track.clientWidth;
  var atEnd = track.scrollLeft + width >= track.scrollWidth - 4;
  if (step > 0 && atEnd) {
    track.scrollTo({ left: 0, behavior: "smooth" });
  } else if (step < 0 && track.scrollLeft <= 4) {
    track.scrollTo({ left: track.scrollWidth, behavior: "smooth" });
  } else {
    track.scrollBy({ left: step * width, behavior: "smooth" });
  }
});
