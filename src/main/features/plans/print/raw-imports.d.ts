// Vite (electron-vite for main, vitest for tests) imports a file's text with the ?raw suffix.
declare module '*.html?raw' {
  const content: string;
  export default content;
}
