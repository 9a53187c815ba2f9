// What an embedded quiz takes from the snippet that framed it, validated: the origin to report its
// height to, an accent colour and a theme. No DOM here, so node's test runner imports it too.

/** From the frame's query string; whatever is not exactly as expected is null, and so ignored. */
export function frameOptions(search) {
  const params = new URLSearchParams(search);
  const [host, accent, theme] = ["origin", "accent", "theme"].map((name) => params.get(name) || "");
  return {
    host: /^https?:\/\/[^/]+$/.test(host) ? host : null,
    accent: /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(accent) ? accent : null,
    theme: theme === "light" || theme === "dark" ? theme : null,
  };
}
