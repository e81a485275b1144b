/* The site's own few behaviours, here rather than inline so the Content-Security-Policy allows no inline
   script. Each works through data attributes, so pages swapped in by htmx need no setup. */
"use strict";

/* A "select all on this page" checkbox: <input type="checkbox" data-pilih-semua="<selector>">. */
document.addEventListener("change", (event) => {
  const induk = event.target.closest("[data-pilih-semua]");
  if (!induk) {
    return;
  }
  document.querySelectorAll(induk.dataset.pilihSemua).forEach((kotak) => {
    kotak.checked = induk.checked;
  });
});
