// Add a row to a Django formset: clone the empty form and bump TOTAL_FORMS (no inline script: CSP).
document.addEventListener("click", (event) => {
  const button = event.target.closest(".formset-add");
  if (!button) return;
  const fieldset = button.closest("[data-formset]");
  const prefix = fieldset.dataset.formset;
  const total = fieldset.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
  const template = fieldset.querySelector("template.formset-empty");
  const index = parseInt(total.value, 10);
  const html = template.innerHTML.replaceAll("__prefix__", String(index));
  button.insertAdjacentHTML("beforebegin", html);
  total.value = String(index + 1);
});
