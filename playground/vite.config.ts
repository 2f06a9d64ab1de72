import { defineConfig, type Plugin } from "vite";

// `precache.json`: every file of the build, which the service worker
// (public/sw.js) caches when it is installed, so that the page works
// offline once loaded.
function precache(): Plugin {
  return {
    name: "precache-list",
    apply: "build",
    generateBundle(_options, bundle) {
      const files = ["./", "./index.html", ...Object.keys(bundle).map((f) => `./${f}`)];
      this.emitFile({ type: "asset", fileName: "precache.json", source: JSON.stringify(files) });
    },
  };
}

export default defineConfig({
  // Relative URLs: the page works from any folder of any static server.
  base: "./",
  plugins: [precache()],
  build: { target: "es2022", outDir: "dist", emptyOutDir: true },
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
});
