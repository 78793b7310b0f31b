/* Seller centre: thumbnails of the photos chosen in a file input, before uploading.
   <div data-preview-for="input id"> receives one <img> per chosen picture. */
(function () {
  "use strict";
  document.querySelectorAll("[data-preview-for]").forEach(function (box) {
    var input = document.getElementById(box.dataset.previewFor);
    if (!input) return;
    input.addEventListener("change", function () {
      box.replaceChildren();
      Array.prototype.forEach.call(input.files, function (file) {
        if (!file.type.startsWith("image/")) return;
        var img = document.createElement("img");
        img.src = URL.createObjectURL(file);
        img.alt = file.name;
        box.appendChild(img);
      });
    });
  });
})();
