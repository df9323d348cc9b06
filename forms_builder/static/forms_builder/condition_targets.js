/* In the form editor, a condition's field is chosen from a list of the fields before it, not typed.

   Each rule's "field" input (name ending "-rules-N-value-field") gets a select beside it listing, in the
   editor's language, "Label (key)" for every field above the one that owns the condition (sections
   excepted); the list is rebuilt whenever it is opened, so fields added or renamed a moment ago appear.
   The text input stays the value that is posted; without this script it is typed, and the publish check
   names any key that is not a field before it. */
(function () {
  "use strict";
  var OWNER = /^(.*)-value-(?:visible_if|required_if)-rules-\d+-value-field$/;
  var texts = {};

  function language() {
    return (document.documentElement.lang || "en").split("-")[0];
  }

  function labelOf(form, prefix) {
    var wanted = form.querySelector('[name="' + prefix + "-value-label-" + language() + '"]');
    if (wanted && wanted.value) { return wanted.value; }
    var any = form.querySelectorAll('[name^="' + prefix + '-value-label-"]');
    for (var i = 0; i < any.length; i++) { if (any[i].value) { return any[i].value; } }
    return "";
  }

  function isSection(form, prefix) {
    var type = form.querySelector('[name="' + prefix + '-type"]');
    return type && type.value === "section";
  }

  function isDeleted(form, prefix) {
    var parts = prefix.split("-");
    for (var n = parts.length; n > 0; n--) {
      var deleted = form.querySelector('[name="' + parts.slice(0, n).join("-") + '-deleted"]');
      if (deleted && deleted.value) { return true; }
    }
    return false;
  }

  function fieldsBefore(input) {
    var form = input.form;
    var owner = (input.name.match(OWNER) || [])[1];
    var found = [];
    var keys = form.querySelectorAll('input[name$="-value-key"]');
    for (var i = 0; i < keys.length; i++) {
      var key = keys[i];
      // Document order: stop at the field that owns this condition.
      if (key.compareDocumentPosition(input) & Node.DOCUMENT_POSITION_PRECEDING) { break; }
      var prefix = key.name.replace(/-value-key$/, "");
      if (prefix === owner || !key.value || isSection(form, prefix) || isDeleted(form, prefix)) { continue; }
      found.push({ key: key.value, label: labelOf(form, prefix) });
    }
    return found;
  }

  function fill(select, input) {
    var current = input.value;
    var choices = fieldsBefore(input);
    select.innerHTML = "";
    var blank = document.createElement("option");
    blank.value = "";
    blank.textContent = select.dataset.placeholder;
    select.appendChild(blank);
    var known = false;
    choices.forEach(function (choice) {
      var option = document.createElement("option");
      option.value = choice.key;
      option.textContent = choice.label ? choice.label + " (" + choice.key + ")" : choice.key;
      if (choice.key === current) { option.selected = true; known = true; }
      select.appendChild(option);
    });
    if (current && !known) {
      var missing = document.createElement("option");
      missing.value = current;
      missing.textContent = current + " — " + select.dataset.missing;
      missing.selected = true;
      select.appendChild(missing);
    }
  }

  function enhance(input) {
    if (input.dataset.ecmsTarget || !input.form) { return; }
    input.dataset.ecmsTarget = "1";
    var select = document.createElement("select");
    select.className = "ecms-condition-target__select";
    select.setAttribute("aria-label", texts.field || "field");
    select.dataset.placeholder = texts.choose || "—";
    select.dataset.missing = texts.missing || "?";
    if (input.id) {
      select.id = input.id + "-choice";
      var label = document.querySelector('label[for="' + input.id + '"]');
      if (label) { label.htmlFor = select.id; select.removeAttribute("aria-label"); }
    }
    input.type = "hidden";
    input.parentNode.insertBefore(select, input.nextSibling);
    fill(select, input);
    ["focus", "mousedown", "keydown"].forEach(function (name) {
      select.addEventListener(name, function () { fill(select, input); });
    });
    select.addEventListener("change", function () {
      input.value = select.value;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  function scan(root) {
    var inputs = (root.querySelectorAll ? root : document).querySelectorAll('input[name*="-rules-"]');
    inputs.forEach(function (input) { if (OWNER.test(input.name)) { enhance(input); } });
  }

  function start() {
    var data = document.getElementById("ecms-condition-texts");
    texts = data ? JSON.parse(data.textContent) : {};
    scan(document);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) { if (node.nodeType === 1) { scan(node); } });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
