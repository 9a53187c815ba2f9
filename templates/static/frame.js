// Inside an embedded quiz: reports its height to the host page (only to the origin that loaded it)
// and applies the accent and theme the snippet asked for, after validating them. Nothing else
// from the host is read, and nothing is sent to it but a height and a title.
const params = new URLSearchParams(window.location.search);
const host = params.get("origin");
const root = document.documentElement;
if (window.parent !== window) root.classList.add("framed"); // transparent only over a host page

const accent = params.get("accent");
if (accent && /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(accent)) root.style.setProperty("--accent", accent);
const theme = params.get("theme");
if (theme === "light" || theme === "dark") root.dataset.theme = theme;

if (host && /^https?:\/\/[^/]+$/.test(host) && window.parent !== window) {
  const report = () => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    window.parent.postMessage({ type: "attune:height", height, title: document.title }, host);
  };
  new ResizeObserver(report).observe(document.body);
  report();
}
