// The one script of pantau's pages (the Content-Security-Policy allows no inline script):
// choosing a language in the menu sends its form, as the button beside it does without JS.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form.lang select[name=language]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
});
