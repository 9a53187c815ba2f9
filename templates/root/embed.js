// Attunement embed loader. Paste where the quiz should appear:
//   <script src="BASE_URL/embed.js" data-quiz="QUIZ_ID" async></script>
// Optional: data-accent="#0a7" and data-theme="light|dark|auto". The quiz runs in a frame from this
// site; the host page can neither read the answers nor is sent anything but the frame's height.
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script) return;
  const quiz = script.dataset.quiz || "";
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(quiz)) {
    console.warn("Attunement embed: data-quiz must be a quiz id like 'attachment-style'");
    return;
  }
  const src = new URL(`embed/${quiz}/`, script.src);
  src.searchParams.set("origin", window.location.origin);
  const accent = script.dataset.accent || "";
  if (/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(accent)) src.searchParams.set("accent", accent);
  const theme = script.dataset.theme || "auto";
  if (theme === "light" || theme === "dark") src.searchParams.set("theme", theme);

  const frame = document.createElement("iframe");
  frame.src = src.href;
  frame.title = "Quiz";
  frame.loading = "lazy";
  frame.setAttribute("scrolling", "no");
  frame.style.cssText = "display:block;width:100%;height:40rem;border:0;overflow:hidden;background:transparent";
  frame.setAttribute("allowtransparency", "true");
  script.after(frame);

  window.addEventListener("message", (event) => {
    if (event.origin !== src.origin || event.source !== frame.contentWindow) return;
    const data = event.data;
    if (!data || data.type !== "attune:height" || !Number.isFinite(data.height)) return;
    frame.style.height = `${Math.max(100, Math.min(data.height, 100000))}px`;
    if (typeof data.title === "string" && data.title) frame.title = data.title.slice(0, 200);
  });
})();
