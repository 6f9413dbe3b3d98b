// pitchdeck watch: the reload script of the served page (never in a built file).
// Waits on /__pitchdeck/status; reloads on the same slide after a good build,
// shows the errors over the page after a bad one. Its SHA-256 is in the page's CSP.
(function () {
  "use strict";
  var me = document.getElementById("pitchdeck-watch");
  var good = Number(me && me.getAttribute("data-good")), version = 0, box = null;
  function show(text) {
    if (!text) { if (box) { box.parentNode.removeChild(box); box = null; } return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "pitchdeck-watch-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:60vh;overflow:auto;padding:16px 24px;background:#fff;color:#1b1f24;border-top:8px solid #b3261e;box-shadow:0 -4px 24px rgba(0,0,0,.35);text-align:left";
      var title = document.createElement("p");
      title.style.cssText = "margin:0 0 8px;font:700 18px/1.3 system-ui,sans-serif;color:#b3261e";
      title.textContent = "The deck has errors. This is the last good version; fix the file and the page updates itself.";
      var pre = document.createElement("pre");
      pre.style.cssText = "margin:0;white-space:pre-wrap;font:15px/1.4 ui-monospace,monospace";
      box.appendChild(title);
      box.appendChild(pre);
      document.body.appendChild(box);
    }
    box.lastChild.textContent = text;
  }
  function poll() {
    fetch("/__pitchdeck/status?since=" + version, { cache: "no-store" })
      .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
      .then(function (s) {
        version = s.version;
        if (s.good !== good && !s.errors) { window.location.reload(); return; }
        show(s.errors);
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
