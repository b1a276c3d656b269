// A classic script (not a module), so it runs where the app cannot: in a frame sandboxed
// without allow-same-origin the document's origin is opaque and the browser refuses the app's
// module scripts (they are fetched with CORS). Then, and if the app has not started after a
// while for any other reason, the loading line becomes a plain link that opens the figure in a
// new tab, instead of "Loading…" forever.
(function () {
  function offer(why) {
    var boot = document.getElementById("boot");
    if (!boot) return; // the app started and removed it
    boot.textContent = why + " ";
    var a = document.createElement("a");
    a.href = location.href;
    a.target = "_blank";
    a.rel = "noopener";
    a.id = "open-figure";
    a.textContent = "Open this figure in a new tab";
    boot.appendChild(a);
    boot.appendChild(document.createTextNode("."));
  }
  if (self.origin === "null") {
    offer("This frame is sandboxed without allow-same-origin, so the simulation cannot load here.");
    return;
  }
  setTimeout(function () { offer("The simulation is taking long to load."); }, 20000);
})();
