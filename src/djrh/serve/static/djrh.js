/* djrh serve: what script adds to pages that work without it.
   - "添加一行" and "删除" change a list in the page, without sending the form (without script they
     send it, and the page comes back with one row more or less, nothing saved);
   - a form with changes not yet saved says so, and the browser asks before leaving it;
   - a text box grows with its text. */
(function () {
  "use strict";

  function nextIndex(list) {
    var highest = -1;
    list.querySelectorAll("[data-row] [name]").forEach(function (field) {
      var match = /\[(\d+)\]/.exec(field.getAttribute("name") || "");
      if (match) { highest = Math.max(highest, parseInt(match[1], 10)); }
    });
    var counted = parseInt(list.getAttribute("data-next") || "0", 10);
    return Math.max(highest + 1, counted, list.querySelectorAll("[data-row]").length);
  }

  function addRow(button) {
    var list = button.closest("[data-list]");
    var template = list.querySelector("template[data-row-template]");
    var rows = list.querySelector(".row-list");
    if (!template || !rows) { return false; }
    var index = String(nextIndex(list));
    list.setAttribute("data-next", String(Number(index) + 1));
    var row = template.content.querySelector("[data-row]").cloneNode(true);
    row.querySelectorAll("[name], [id], [for], [value]").forEach(function (element) {
      ["name", "id", "for"].forEach(function (attribute) {
        var value = element.getAttribute(attribute);
        if (value !== null) { element.setAttribute(attribute, value.split("__i__").join(index)); }
      });
      if (element.tagName === "BUTTON") {
        element.setAttribute("value", element.getAttribute("value").split("__i__").join(index));
      }
    });
    rows.appendChild(row);
    var first = row.querySelector("input, select, textarea");
    if (first) { first.focus(); }
    markDirty(button.form);
    return true;
  }

  function removeRow(button) {
    var row = button.closest("[data-row]");
    var list = button.closest("[data-list]");
    if (!row || !list) { return false; }
    var form = button.form;
    row.remove();
    var add = list.querySelector("[data-add-row]");
    if (add) { add.focus(); }
    markDirty(form);
    return true;
  }

  var dirty = false;
  var submitting = false;

  function markDirty(form) {
    if (!form || !form.hasAttribute("data-record-form")) { return; }
    dirty = true;
    var note = form.querySelector("[data-dirty-note]");
    if (note) { note.hidden = false; }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) { return; }
    if (button.hasAttribute("data-add-row") && addRow(button)) { event.preventDefault(); }
    else if (button.hasAttribute("data-remove-row") && removeRow(button)) { event.preventDefault(); }
  });

  function fit(textarea) {  // a text box as tall as its text (at least its rows)
    textarea.style.height = "auto";
    textarea.style.height = Math.max(textarea.scrollHeight + 2, textarea.offsetHeight) + "px";
  }

  document.querySelectorAll("textarea").forEach(fit);
  document.addEventListener("input", function (event) {
    if (event.target.tagName === "TEXTAREA") { fit(event.target); }
    markDirty(event.target.form);
  });
  document.addEventListener("change", function (event) { markDirty(event.target.form); });
  document.addEventListener("submit", function (event) {
    if (event.target.hasAttribute("data-record-form")) { submitting = true; }
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !submitting) { event.preventDefault(); event.returnValue = ""; }
  });
})();
