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
// Meeting form: a post ticked in the search results moves to the chosen list, so a new search does not drop it.
document.addEventListener("change", (e) => {
    const el = e.target;
    const row = el.closest?.("#post-results .choice");
    if (!row) return;
    if (el.name === "PostIds" && el.checked) document.getElementById("chosen")?.appendChild(row);
    if (el.name === "ChairPostId" && el.checked) {
        const chair = document.getElementById("chair-current");
        if (chair) { chair.replaceChildren(row); }
    }
});
