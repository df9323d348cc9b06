/* In the workflow editor, a transition's "from states" and "to state" (and an escalation level's states) are
   chosen from the states on the same screen, with their names, instead of typed. The inputs (marked
   data-ecms-state-keys="multiple" or "single") stay the values that are posted; without this script they are
   typed, and saving names any key that is not a state. The choices follow the states panel as it is edited. */
(function () {
  "use strict";
  var texts = {};

  function language() { return (document.documentElement.lang || "en").split("-")[0]; }

  function statesOf(form) {
    var found = [];
    form.querySelectorAll('input[name^="states-"][name$="-key"]').forEach(function (input) {
      var prefix = input.name.replace(/-key$/, "");
      var deleted = form.querySelector('[name="' + prefix + '-DELETE"]');
      if ((deleted && (deleted.checked || deleted.value === "1")) || !input.value.trim()) { return; }
      var label = form.querySelector('[name="' + prefix + "-label_" + language() + '"]');
      found.push({ key: input.value.trim(), label: label && label.value ? label.value : "" });
    });
    return found;
  }

  function keysOf(input) {
    return input.value.split(",").map(function (k) { return k.trim(); }).filter(Boolean);
  }

  function text(choice) { return choice.label ? choice.label + " (" + choice.key + ")" : choice.key; }

  function choicesFor(input) {
    var choices = statesOf(input.form);
    var known = choices.map(function (c) { return c.key; });
    keysOf(input).forEach(function (key) {
      if (known.indexOf(key) < 0) { choices.push({ key: key, label: "", missing: true }); }
    });
    return choices;
  }

  function renderMultiple(input, box) {
    var current = keysOf(input);
    box.innerHTML = "";
    choicesFor(input).forEach(function (choice, i) {
      var label = document.createElement("label");
      label.className = "ecms-state-keys__choice";
      var check = document.createElement("input");
      check.type = "checkbox";
      check.value = choice.key;
      check.id = input.id + "-state-" + i;
      check.checked = current.indexOf(choice.key) >= 0;
      check.addEventListener("change", function () {
        var ticked = box.querySelectorAll("input:checked");
        input.value = Array.prototype.map.call(ticked, function (c) { return c.value; }).join(",");
      });
      label.appendChild(check);
      label.appendChild(document.createTextNode(" " + text(choice) + (choice.missing ? " — " + texts.missing : "")));
      box.appendChild(label);
    });
  }

  function renderSingle(input, select) {
    var current = input.value.trim();
    select.innerHTML = "";
    var blank = document.createElement("option");
    blank.value = "";
    blank.textContent = texts.choose || "—";
    select.appendChild(blank);
    choicesFor(input).forEach(function (choice) {
      var option = document.createElement("option");
      option.value = choice.key;
      option.textContent = text(choice) + (choice.missing ? " — " + texts.missing : "");
      option.selected = choice.key === current;
      select.appendChild(option);
    });
  }

  function enhance(input) {
    if (input.dataset.ecmsEnhanced || !input.form || input.name.indexOf("__prefix__") >= 0) { return; }
    input.dataset.ecmsEnhanced = "1";
    var multiple = input.dataset.ecmsStateKeys === "multiple";
    var widget = document.createElement(multiple ? "div" : "select");
    widget.className = "ecms-state-keys";
    if (multiple) {
      widget.setAttribute("role", "group");
    } else {
      widget.id = input.id + "-choice";
      widget.addEventListener("change", function () { input.value = widget.value; });
    }
    var label = input.id && document.querySelector('label[for="' + input.id + '"]');
    if (label) {
      if (multiple) { label.id = label.id || input.id + "-label"; widget.setAttribute("aria-labelledby", label.id); }
      else { label.htmlFor = widget.id; }
    }
    input.type = "hidden";
    input.parentNode.insertBefore(widget, input.nextSibling);
    input._ecmsRender = function () { (multiple ? renderMultiple : renderSingle)(input, widget); };
    input._ecmsRender();
  }

  function renderAll() {
    document.querySelectorAll("input[data-ecms-state-keys]").forEach(function (input) {
      if (input._ecmsRender) { input._ecmsRender(); }
    });
  }

  function scan(root) {
    (root.querySelectorAll ? root : document).querySelectorAll("input[data-ecms-state-keys]").forEach(enhance);
  }

  function start() {
    var data = document.getElementById("ecms-state-key-texts");
    texts = data ? JSON.parse(data.textContent) : {};
    scan(document);
    var timer = null;
    document.addEventListener("input", function (event) {
      if (/^states-\d+-(key|label_\w+)$/.test(event.target.name || "")) {
        clearTimeout(timer);
        timer = setTimeout(renderAll, 250);
      }
    });
    var relevant = 'input[data-ecms-state-keys], input[name^="states-"][name$="-key"]';
    new MutationObserver(function (changes) {
      var again = false;
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) {
          if (node.nodeType !== 1 || node.closest(".ecms-state-keys")) { return; }
          if (node.matches(relevant) || node.querySelector(relevant)) { scan(node); again = true; }
        });
      });
      if (again) { renderAll(); }
    }).observe(document.body, { childList: true, subtree: true });
    document.addEventListener("click", function (event) {
      // A state deleted from the panel: its key is no longer offered.
      if (event.target.closest && event.target.closest("[id^='inline_child_states'] button")) {
        setTimeout(renderAll, 50);
      }
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
