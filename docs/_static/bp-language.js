/* The language switch (bp_i18n): the same page in the other language, at the same section.
   Pages and anchors have one name in every language, so the switch keeps the reader's #anchor.
   A classic script: no module, no fetch, works from file://. */
// With JavaScript, the pages' "needs JavaScript" notes (class bp-noscript: a paragraph of the
// page, so translated with it, where a <noscript> of raw HTML would not be) are hidden (bp.css).
document.documentElement.classList.add("bp-js");
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("a.bp-language-link").forEach(function (link) {
    link.addEventListener("click", function () {
      link.href = link.href.split("#")[0] + window.location.hash;
    });
  });
});

/* A string of the page's JavaScript in the page's language: the build writes the translated
   strings into window.bpData.ui (_static/bp-data.js of a translation, from its ui.po); English
   pages have none, and get the string as written. */
window.bpText = function (text) {
  var words = window.bpData && window.bpData.ui;
  return (words && Object.prototype.hasOwnProperty.call(words, text) && words[text]) || text;
};
