// Attunement embed loader. Paste where the quiz should appear:
//   <script src="BASE_URL/embed.js" data-quiz="QUIZ_ID" async></script>
// Optional: data-lang="es" (a language the site publishes the quiz in; else its default language),
// data-accent="#0a7" and data-theme="light|dark|auto". The quiz runs in a frame from this
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
  // Filled in by the build: each quiz's languages with their folders, the default language first.
  const languages = "__ATTUNE_EMBED_LANGUAGES__";
  const folders = (typeof languages === "object" && languages[quiz]) || {};
  const lang = script.dataset.lang || "";
  let folder = Object.hasOwn(folders, lang) ? folders[lang] : undefined;
  if (folder === undefined) {
    if (lang) console.warn(`Attunement embed: no '${lang}' version of '${quiz}'; showing the site's default language`);
    folder = Object.values(folders)[0] || "";
  }
  const src = new URL(`${folder}embed/${quiz}/`, script.src);
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
