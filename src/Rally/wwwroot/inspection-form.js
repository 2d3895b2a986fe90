// Keeps the inspection form's unsaved answers on the phone: every change is written to
// localStorage; after a failed submit or a reload they are put back; offline, the submit waits
// and is sent when the connection returns. A successful save (the page says so) clears them.
(function () {
  function setUp(form) {
    var key = "rally:inspection:" + form.dataset.inspection + ":answers";
    var note = document.getElementById(form.dataset.note || "");
    function read() {
      try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
    }
    function save() {
      var values = {};
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || el.name === "__RequestVerificationToken" || el.name === "action") return;
        if (el.type === "radio") { if (el.checked) values[el.name] = el.value; }
        else if (el.tagName === "TEXTAREA" || el.type === "text") values[el.name] = el.value;
      });
      localStorage.setItem(key, JSON.stringify(values));
    }
    function restore(values) {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || !(el.name in values)) return;
        if (el.type === "radio") el.checked = el.value === values[el.name];
        else if (el.tagName === "TEXTAREA" || el.type === "text") el.value = values[el.name];
      });
    }
    if (form.dataset.saved === "true") localStorage.removeItem(key);
    else {
      var kept = read();
      if (kept) {
        restore(kept);
        if (note) { note.hidden = false; note.textContent = form.dataset.restoredText; }
      }
    }
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", function (event) {
      save();
      if (!navigator.onLine) {
        event.preventDefault();
        if (note) { note.hidden = false; note.textContent = form.dataset.offlineText; }
        window.addEventListener("online", function () { form.requestSubmit(event.submitter || undefined); }, { once: true });
      }
    });
  }
  document.querySelectorAll("form[data-keep-answers]").forEach(setUp);
})();
