// Small progressive enhancements; every page also works without JavaScript.
document.addEventListener("change", (e) => {
    const el = e.target;
    if (el instanceof HTMLSelectElement && el.classList.contains("js-autosubmit")) el.form?.requestSubmit();
});
document.addEventListener("click", (e) => {
    const button = e.target.closest("[data-copy]");
    if (!button) return;
    const target = document.getElementById(button.dataset.copy);
    if (target) navigator.clipboard?.writeText(target.textContent.trim());
});
// htmx posts carry the antiforgery token from the page's meta tag.
document.addEventListener("htmx:configRequest", (e) => {
    const token = document.querySelector('input[name="__RequestVerificationToken"]');
    if (token) e.detail.headers["X-CSRF-TOKEN"] = token.value;
});
