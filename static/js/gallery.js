/* Product gallery: a thumbnail shows its photo by sliding the gallery sideways; the page
   itself does not scroll (it would push the title under the sticky header). */
document.addEventListener("click", function (event) {
  var link = event.target.closest(".gallery__thumbs a[href^='#']");
  if (!link) return;
  var slide = document.getElementById(link.getAttribute("href").slice(1));
  var track = slide && slide.parentElement;
  if (!track) return;
  event.preventDefault();
  track.scrollTo({ left: slide.offsetLeft - track.offsetLeft, behavior: "smooth" });
});
