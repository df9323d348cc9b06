/* Show and hide fields whose condition depends on answers on the same page.
   The server applies the same rules (forms_builder.conditions): this only makes the page tidier. */
(function () {
  "use strict";
  var TRUE_WORDS = ["yes", "true", "1", "on"];

  function valuesOf(scope, form, key) {
    var selector = '[data-field-key="' + key + '"]';
    var wrapper = scope.querySelector(selector) || form.querySelector(selector);
    if (!wrapper) { return null; }
    var inputs = wrapper.querySelectorAll("input, select, textarea");
    var values = [];
    inputs.forEach(function (input) {
      if (input.type === "hidden" || input.type === "file") { return; }
      if ((input.type === "radio" || input.type === "checkbox")) {
        if (input.checked) { values.push(input.value); }
      } else if (input.value !== "") {
        values.push(input.value);
      }
    });
    return values;
  }

  function holds(rule, values) {
    var expected = String(rule.value || "").trim();
    var listed = expected.split(",").map(function (v) { return v.trim(); }).filter(Boolean);
    var empty = !values || values.length === 0;
    var first = empty ? "" : values[0];
    switch (rule.operator) {
      case "is_empty": return empty;
      case "is_not_empty": return !empty;
      case "equals":
        if (empty) { return false; }
        if (first === "yes" || first === "no") {
          return (first === "yes") === (TRUE_WORDS.indexOf(expected.toLowerCase()) !== -1);
        }
        return first === expected || (!isNaN(parseFloat(first)) && parseFloat(first) === parseFloat(expected));
      case "not_equals": return !holds({operator: "equals", value: rule.value}, values);
      case "in": return !empty && listed.indexOf(first) !== -1;
      case "not_in": return empty || listed.indexOf(first) === -1;
      case "contains": return !empty && values.some(function (v) { return listed.indexOf(v) !== -1; });
      case "gt": return !empty && parseFloat(first) > parseFloat(expected);
      case "gte": return !empty && parseFloat(first) >= parseFloat(expected);
      case "lt": return !empty && parseFloat(first) < parseFloat(expected);
      case "lte": return !empty && parseFloat(first) <= parseFloat(expected);
    }
    return true;
  }

  function evaluate(scope, form, condition) {
    var rules = (condition && condition.rules) || [];
    if (!rules.length) { return true; }
    var results = rules.map(function (rule) { return holds(rule, valuesOf(scope, form, rule.field)); });
    return condition.match === "any" ? results.some(Boolean) : results.every(Boolean);
  }

  function refresh(form) {
    form.querySelectorAll("[data-visible-if]").forEach(function (wrapper) {
      var condition;
      try { condition = JSON.parse(wrapper.getAttribute("data-visible-if")); } catch (e) { return; }
      var scope = wrapper.closest(".repeat-group__row") || form;
      var visible = evaluate(scope, form, condition);
      wrapper.hidden = !visible;
      var note = wrapper.querySelector(".form-field__condition");
      if (note) { note.hidden = true; }
    });
  }

  document.querySelectorAll("form").forEach(function (form) {
    if (!form.querySelector("[data-visible-if]")) { return; }
    form.addEventListener("change", function () { refresh(form); });
    form.addEventListener("input", function () { refresh(form); });
    refresh(form);
  });

  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
