/* The install command names the wheel at the address the site was built for; a reader may have
   opened the pages elsewhere (another host, a version path, a folder on disk). Point it at the
   wheel beside the page that is open. A classic script: no module, no fetch, works from file://. */
document.addEventListener("DOMContentLoaded", function () {
  var root = document.documentElement.getAttribute("data-content_root") || "./";
  // A translation (fr/) is a folder of the site: the wheel is in the site's root.
  var site = document.querySelector('meta[name="bp-site-root"]');
  if (site) root += site.getAttribute("content");
  document.querySelectorAll(".bp-install pre").forEach(function (pre) {
    var match = pre.textContent.match(/@ (\S+\/wheels\/([^\s"]+\.whl))/);
    if (!match) return;
    var here = new URL("wheels/" + match[2], new URL(root, window.location.href)).href;
    pre.textContent = pre.textContent.replace(match[1], here);
  });
});
