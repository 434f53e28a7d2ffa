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

// A field an answer makes required (`data-required-if`: [[field, value or null], ...]) shows
// its asterisk and is aria-required while that answer is chosen; its label says so in words.
// A follow-up of one particular answer ("why not?" after "No") is hidden until that answer
// is chosen, unless it holds an error to fix (pages review 3, P3-15; without the script every
// question shows, and the server drops an answer whose condition is not met).
document.querySelectorAll("[data-required-if]").forEach(function (field) {
  var form = field.closest("form");
  if (!form) return;
  var when = JSON.parse(field.getAttribute("data-required-if"));
  var mark = field.querySelector(".req");
  function chosen(name) {
    var inputs = form.querySelectorAll("[name='" + CSS.escape(name) + "']");
    return Array.prototype.filter.call(inputs, function (input) {
      return input.type === "radio" || input.type === "checkbox" ? input.checked : true;
    }).map(function (input) { return input.value; }).filter(function (value) { return value !== ""; });
  }
  function update() {
    var now = when.some(function (c) {
      var values = chosen(c[0]);
      return c[1] === null ? values.length > 0 : values.indexOf(c[1]) >= 0;
    });
    if (mark) mark.hidden = !now;
    var follows = when.every(function (c) { return c[1] !== null; });
    if (follows && !field.classList.contains("has-error")) field.hidden = !now;
    field.querySelectorAll("input:not([type=radio]):not([type=checkbox]), select, textarea, [role=radiogroup]").forEach(function (input) {
      if (now) input.setAttribute("aria-required", "true");
      else input.removeAttribute("aria-required");
    });
  }
  form.addEventListener("change", update);
  update();
});

// Leaving a task form with answers typed and not sent asks first (pages review 3, P3-13):
// "Save draft" keeps them; a tap on a header link on a phone lost an interview's notes.
(function () {
  var form = document.getElementById("taskform");
  if (!form) return;
  var dirty = false;
  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("change", function () { dirty = true; });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (!dirty) return;
    event.preventDefault();
    event.returnValue = "";
  });
})();
