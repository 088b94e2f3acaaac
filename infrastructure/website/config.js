// Where the API answers: always "" now, the site's own origin. The portal serves the website and
// the API on one origin (CloudFront in production, the local gateway on http://localhost:3000), so
// the site never calls another origin and the API needs no CORS.
window.MM_CONFIG = { apiBase: "" };
