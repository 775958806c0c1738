// Narrows the settings to those whose name or environment variable contains
// what is typed. The box is hidden until this script runs, so the page shows
// every setting without JavaScript.
(function () {
  var input = document.getElementById("filter");
  var none = document.getElementById("no-match");
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.setting"));
  input.hidden = false;
  input.addEventListener("input", function () {
    var query = input.value.trim().toLowerCase();
    var shown = 0;
    sections.forEach(function (section) {
      var match = !query || section.id.toLowerCase().indexOf(query) >= 0
        || section.dataset.env.toLowerCase().indexOf(query) >= 0;
      section.hidden = !match;
      document.querySelector('li[data-for="' + section.id + '"]').hidden = !match;
      if (match) { shown += 1; }
    });
    none.hidden = shown > 0;
  });
})();
