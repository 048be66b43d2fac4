// Vite's module types, so `import './x.css'` type-checks in the UI bundle.
/// <reference types="vite/client" />
