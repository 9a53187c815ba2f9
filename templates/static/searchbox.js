// The search box in every page's header: the words go to the search page in the address's fragment, which browsers
// never send to a server. (The field has no name, so without this script the form leads to the search page and
// sends nothing.) The search itself, and its index, load only on the search page.
for (const form of document.querySelectorAll("form[data-search]:not([data-search-page])")) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const words = form.querySelector("input[type=search]").value.trim();
    window.location.assign(form.dataset.results + (words ? `#q=${encodeURIComponent(words)}` : ""));
  });
}
