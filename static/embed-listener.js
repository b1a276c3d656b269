// The embed example's own script (not needed to embed): show each frame's latest event,
// from the "cascade-lab:event" DOM events embed.js dispatches on the iframe.
document.querySelectorAll("iframe[data-cascade-lab]").forEach(function (f) {
  f.addEventListener("cascade-lab:event", function (e) {
    var note = document.getElementById(f.id + "-event");
    if (note) note.textContent = "Latest event: " + e.detail.name + " at T+" + e.detail.t_min.toFixed(1) + " min";
  });
});
