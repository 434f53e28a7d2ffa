// Progressive enhancement only: bring each diagram's open task into view.
document.querySelectorAll(".scroll").forEach(function (box) {
  var open = box.querySelector("g.state-overdue[data-element-id], g.state-ready[data-element-id]");
  if (!open) return;
  var outer = box.getBoundingClientRect();
  var inner = open.getBoundingClientRect();
  box.scrollLeft += inner.left - outer.left - box.clientWidth / 2 + inner.width / 2;
  box.scrollTop += inner.top - outer.top - box.clientHeight / 2 + inner.height / 2;
});
