/* Establishment typeahead (progressive enhancement): as the person types an employer's name, matches from
   the public registry lookup are offered; choosing one fills the hidden registry id. Without JavaScript,
   or when nothing matches, the typed name is sent as it is. Keyboard: arrows, Enter, Escape. */
(function () {
  "use strict";
  var ar = (document.documentElement.lang || "").indexOf("ar") === 0;
  var TEXT = ar
    ? { none: "لا توجد منشأة مطابقة في السجل: سيُرسل الاسم كما كتبته.", chosen: "اخترت من السجل: ", list: "منشآت مطابقة", many: " نتائج" }
    : { none: "No establishment in the registry matches: the name will be sent as you typed it.", chosen: "Chosen from the registry: ", list: "Matching establishments", many: " results" };
  var counter = 0;

  function idInputFor(input) {
    var form = input.form;
    if (input.hasAttribute("data-establishment-search")) {
      return form.querySelector("input[name='" + input.getAttribute("data-establishment-search") + "']");
    }
    return form.querySelector("input[name='" + input.name.replace(/__name$/, "__id") + "']");
  }

  function governorateFor(input) {
    var select = input.form.querySelector("select[name$='-governorate'], select[name='governorate']");
    return select ? select.value : "";
  }

  function lookupUrl(input) {
    var holder = input.closest("[data-establishment-lookup-url]");
    return holder ? holder.getAttribute("data-establishment-lookup-url") : "/api/v1/establishments/lookup/";
  }

  function enhance(input) {
    var hidden = idInputFor(input);
    if (!hidden) { return; }
    counter += 1;
    var listId = "ecms-lookup-" + counter;
    var wrapper = document.createElement("div");
    wrapper.className = "ecms-lookup";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "ecms-lookup__list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", TEXT.list);
    list.hidden = true;
    wrapper.appendChild(list);
    var status = document.createElement("p");
    status.className = "ecms-lookup__chosen";
    status.setAttribute("aria-live", "polite");
    wrapper.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");
    var chosenName = hidden.value ? input.value : null;
    var timer = null;
    var active = -1;
    var request = 0;

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function choose(item) {
      hidden.value = item.id;
      input.value = ar || !item.name_en ? item.name : item.name_en;
      chosenName = input.value;
      status.textContent = TEXT.chosen + item.name + (item.name_en ? " / " + item.name_en : "");
      close();
      var address = input.form.querySelector("input[name='" + input.name.replace(/__name$/, "__address") + "']");
      if (address && !address.value && item.district) { address.value = item.district; }
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role='option']");
      if (!options.length) { return; }
      active = (index + options.length) % options.length;
      options.forEach(function (option, i) { option.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    function show(items) {
      list.innerHTML = "";
      active = -1;
      if (!items.length) {
        status.textContent = TEXT.none;
        close();
        return;
      }
      status.textContent = items.length + TEXT.many;
      items.forEach(function (item, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var names = item.name + (item.name_en ? " / " + item.name_en : "");
        var place = (item.governorate_name && (item.governorate_name[ar ? "ar" : "en"] || item.governorate_name.ar)) || item.governorate;
        option.textContent = names + " — " + place + (item.district ? ", " + item.district : "");
        option.addEventListener("mousedown", function (event) { event.preventDefault(); choose(item); });
        list.appendChild(option);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function search() {
      var query = input.value.trim();
      if (query.length < 2) { close(); status.textContent = ""; return; }
      var mine = ++request;
      var url = lookupUrl(input) + "?q=" + encodeURIComponent(query);
      var governorate = governorateFor(input);
      if (governorate) { url += "&governorate=" + encodeURIComponent(governorate); }
      fetch(url, { headers: { Accept: "application/json" }, credentials: "omit" })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (items) { if (mine === request) { show(Array.isArray(items) ? items : []); } })
        .catch(function () { close(); });
    }

    input.addEventListener("input", function () {
      if (chosenName !== null && input.value !== chosenName) {
        hidden.value = "";  // the name was changed after choosing: no longer that registry entry
        chosenName = null;
        status.textContent = "";
      }
      clearTimeout(timer);
      timer = setTimeout(search, 250);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        list.querySelectorAll("[role='option']")[active].dispatchEvent(new Event("mousedown"));
      } else if (event.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  function start() {
    document.querySelectorAll("input[data-establishment-lookup], input[data-establishment-search]").forEach(enhance);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
