// The filter box: narrows the settings to those whose full name
// (`database.pool_size`), environment variable or text holds every word typed (a space also matches `_`, so
// "max blocking" finds max_blocking_time). The number found is announced;
// Escape clears; the filter is kept in the address (?filter=) so that it
// survives a reload; following a link to a setting the filter hides clears
// it. A group shows while any of its settings does. Elements are looked up by id or reference, never by a selector built
// from a name. The box is hidden until this script runs, so the page shows
// every setting without JavaScript.
(function () {
  var input = document.getElementById("filter");
  var status = document.getElementById("filter-status");
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.setting"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.group"));
  var entries = new Map();
  Array.prototype.forEach.call(document.querySelectorAll("nav.toc li[data-for]"), function (li) {
    entries.set(li.getAttribute("data-for"), li);
  });
  var groupEntries = new Map();
  Array.prototype.forEach.call(document.querySelectorAll("nav.toc li[data-group]"), function (li) {
    groupEntries.set(li.getAttribute("data-group"), li);
  });
  var texts = sections.map(function (section) {
    return (section.id + " " + section.textContent).toLowerCase().replace(/\s+/g, " ");
  });

  function matches(text, query) {
    var words = query.split(" ").filter(Boolean);
    return text.indexOf(query.replace(/ /g, "_")) >= 0 || words.every(function (word) {
      return text.indexOf(word) >= 0;
    });
  }

  function keep(query) {
    try {
      var url = new URL(window.location.href);
      if (query) { url.searchParams.set("filter", query); } else { url.searchParams.delete("filter"); }
      window.history.replaceState(null, "", url.href);
    } catch (e) { /* an address that cannot change (some file: pages) keeps none */ }
  }

  function apply() {
    var query = input.value.trim().toLowerCase().replace(/\s+/g, " ");
    var shown = 0;
    sections.forEach(function (section, i) {
      var match = !query || matches(texts[i], query);
      section.hidden = !match;
      var entry = entries.get(section.id);
      if (entry) { entry.hidden = !match; }
      if (match) { shown += 1; }
    });
    // A group shows while one of its settings (its groups' included) does.
    groups.forEach(function (group) {
      var visible = group.querySelector("section.setting:not([hidden])") !== null;
      group.hidden = !visible;
      var entry = groupEntries.get(group.id);
      if (entry) { entry.hidden = !visible; }
    });
    status.textContent = !query ? sections.length + " settings."
      : shown === 0 ? "No setting matches."
      : shown === 1 ? "1 setting matches."
      : shown + " settings match.";
    keep(input.value.trim());
  }

  function clear() {
    input.value = "";
    apply();
  }

  // A link to something the filter hides clears the filter first.
  function reveal(id) {
    var target = id && document.getElementById(id);
    var section = target && target.closest("section.setting, section.group");
    if (!section || !section.closest("section[hidden]")) { return null; }
    clear();
    return target;
  }

  function fragment(href) {
    try { return decodeURIComponent(href.slice(1)); } catch (e) { return href.slice(1); }
  }

  input.hidden = false;
  status.hidden = false;
  input.value = new URLSearchParams(window.location.search).get("filter") || "";
  input.addEventListener("input", apply);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); clear(); }
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#']");
    if (link) { reveal(fragment(link.getAttribute("href"))); }
  });
  window.addEventListener("hashchange", function () { reveal(fragment(window.location.hash)); });
  apply();
  var revealed = reveal(fragment(window.location.hash));
  if (revealed) { revealed.scrollIntoView(); }
})();
