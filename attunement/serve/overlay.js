// attune serve: shows the latest build's errors over the page (file:line:col and message).
// The page reloads after every rebuild, so the overlay goes by itself once the errors are fixed.
const response = await fetch("/_attune/errors.json", { cache: "no-store" });
const errors = await response.json();
if (errors.length) {
  const overlay = document.createElement("section");
  overlay.className = "attune-overlay";
  overlay.setAttribute("role", "alertdialog");
  overlay.setAttribute("aria-labelledby", "attune-overlay-title");
  const title = document.createElement("h2");
  title.id = "attune-overlay-title";
  title.textContent = `The last build failed with ${errors.length} error${errors.length === 1 ? "" : "s"}`;
  const note = document.createElement("p");
  note.textContent = "You are seeing the last good build. Fix these and save: the page reloads by itself.";
  const list = document.createElement("ol");
  for (const error of errors) {
    const item = document.createElement("li");
    const where = document.createElement("code");
    where.className = "attune-overlay-where";
    where.textContent = error.where;
    item.append(where, ` ${error.message}`);
    list.append(item);
  }
  overlay.append(title, note, list);
  document.body.append(overlay);
}
