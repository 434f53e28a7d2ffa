// Progressive enhancement only: the pages work without it.

// An error summary takes focus (the `autofocus` attribute does it too; this is for browsers
// that ignore it on a non-form element), and its links bring the field's question into view.
(function () {
  var summary = document.getElementById("error-summary");
  if (!summary) return;
  if (document.activeElement !== summary) summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#f-']");
    if (!link) return;
    var input = document.getElementById(link.getAttribute("href").slice(1));
    if (!input) return;
    event.preventDefault();
    var field = input.closest(".field") || input;
    field.scrollIntoView();
    input.focus({ preventScroll: true });
  });
})();

// Bring each diagram's open task into view.
document.querySelectorAll(".scroll").forEach(function (box) {
  var open = box.querySelector("g.state-overdue[data-element-id], g.state-ready[data-element-id]");
  if (!open) return;
  var outer = box.getBoundingClientRect();
  var inner = open.getBoundingClientRect();
  box.scrollLeft += inner.left - outer.left - box.clientWidth / 2 + inner.width / 2;
  box.scrollTop += inner.top - outer.top - box.clientHeight / 2 + inner.height / 2;
});
