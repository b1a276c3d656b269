// The host-page listener from the README: resize each Cascade Lab iframe to the height it
// posts, and only trust messages that come from our own frames.
window.addEventListener("message", function (e) {
  var frames = document.querySelectorAll("iframe");
  for (var i = 0; i < frames.length; i++) {
    var f = frames[i];
    if (e.source !== f.contentWindow || !e.data || typeof e.data.type !== "string") continue;
    if (e.data.type === "cascade-lab:height" && e.data.height > 0) {
      f.style.height = Math.ceil(e.data.height) + "px";
      f.dataset.resized = "1";
    } else if (e.data.type === "cascade-lab:event") {
      var note = document.getElementById(f.id + "-event");
      if (note) note.textContent = "Latest event: " + e.data.name + " at T+" + e.data.t_min.toFixed(1) + " min";
    } else if (e.data.type === "cascade-lab:ready") {
      f.dataset.ready = "1";
    }
  }
});
