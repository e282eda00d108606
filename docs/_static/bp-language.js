/* The language switch (bp_i18n): the same page in the other language, at the same section.
   Pages and anchors have one name in every language, so the switch keeps the reader's #anchor.
   A classic script: no module, no fetch, works from file://. */
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("a.bp-language-link").forEach(function (link) {
    link.addEventListener("click", function () {
      link.href = link.href.split("#")[0] + window.location.hash;
    });
  });
});
