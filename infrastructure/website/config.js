// Where the API answers. Empty: the same origin as the site (the local system serves both).
// For a deployment as static files, set it to the HttpApi's URL, e.g. "https://api.example.org".
window.MM_CONFIG = { apiBase: "" };
