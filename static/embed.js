// Cascade Lab's embed script: sizes every <iframe data-cascade-lab> on the page to the height
// its app posts ("cascade-lab:height"), trusting only messages whose source is that frame.
// Paste it as often as you like: it installs itself once, declares no globals, and also
// handles frames added later. Each frame's events are re-dispatched on the iframe element
// as a "cascade-lab:event" DOM event ({detail: {name, t_min}}) for pages that want them.
(function () {
  var key = typeof Symbol === "function" ? Symbol.for("cascade-lab.embed") : "__cascadeLabEmbed";
  if (window[key]) return;
  window[key] = true;

  function frames() {
    return document.querySelectorAll("iframe[data-cascade-lab]");
  }
  function style(f) {
    if (f.dataset.cascadeLabStyled) return;
    f.dataset.cascadeLabStyled = "1";
    // Through the CSSOM, so host pages with a strict CSP (no inline styles) work too.
    f.style.border = "0";
    f.style.width = "100%";
    f.style.display = "block";
  }
  function styleAll() {
    var list = frames();
    for (var i = 0; i < list.length; i++) style(list[i]);
  }
  window.addEventListener("message", function (e) {
    var d = e.data;
    if (!d || typeof d.type !== "string" || d.type.indexOf("cascade-lab:") !== 0) return;
    var list = frames();
    for (var i = 0; i < list.length; i++) {
      var f = list[i];
      if (e.source !== f.contentWindow) continue;
      style(f);
      if (d.type === "cascade-lab:height" && typeof d.height === "number" && d.height > 0 && d.height < 20000) {
        f.style.height = Math.ceil(d.height) + "px";
        f.dataset.cascadeLabHeight = String(Math.ceil(d.height));
      } else if (d.type === "cascade-lab:ready") {
        f.dataset.cascadeLabReady = "1";
      } else if (d.type === "cascade-lab:event") {
        f.dispatchEvent(new CustomEvent("cascade-lab:event", { detail: { name: String(d.name), t_min: Number(d.t_min) } }));
      }
      return;
    }
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", styleAll);
  else styleAll();
})();
