// Inside an embedded quiz: reports its height to the host page (only to the origin that loaded it)
// and applies the accent and theme the snippet asked for, once framelogic.js has validated them.
// Nothing else from the host is read, and nothing is sent to it but a height and a title.
import { frameOptions } from "./framelogic.js";

const { host, accent, theme } = frameOptions(window.location.search);
const root = document.documentElement;
const framed = window.parent !== window;
if (framed) root.classList.add("framed"); // transparent only over a host page
if (accent) root.style.setProperty("--accent", accent);
if (theme) root.dataset.theme = theme;

if (host && framed) {
  const report = () => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    window.parent.postMessage({ type: "attune:height", height, title: document.title }, host);
  };
  new ResizeObserver(report).observe(document.body);
  report();
}
