// The examination form of a case page: questions and answers are saved as they are typed
// (a second after the last key), so a long examination never loses its record.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("examination-form");
  if (!form) { return; }
  var status = document.getElementById("autosave-status");
  var timer = null;
  function token() { return form.querySelector("input[name=csrfmiddlewaretoken]").value; }
  function collect() {
    var answers = [];
    form.querySelectorAll("li.qa").forEach(function (item) {
      answers.push({ q: item.querySelector("textarea[name=q]").value,
                     a: item.querySelector("textarea[name=a]").value });
    });
    return { answers: answers, place: form.elements.place.value, mode: form.elements.mode.value };
  }
  function save() {
    status.textContent = "…";
    fetch(form.dataset.autosave, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token() },
      body: JSON.stringify(collect())
    }).then(function (response) {
      return response.json().then(function (body) {
        status.textContent = response.ok ? "✓ " + body.saved.slice(11, 19) : body.error;
        status.dataset.saved = response.ok ? "yes" : "no";
      });
    }).catch(function () { status.textContent = "!"; status.dataset.saved = "no"; });
  }
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(save, 800);
  });
  document.getElementById("add-qa").addEventListener("click", function () {
    var items = form.querySelectorAll("li.qa");
    var copy = items[items.length - 1].cloneNode(true);
    copy.querySelectorAll("textarea").forEach(function (area) { area.value = ""; });
    document.getElementById("qa").appendChild(copy);
  });
});
