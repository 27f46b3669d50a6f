/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Data folder the built site reads by default, relative to the page (default `./data/`). */
  readonly VITE_DATA_URL?: string;
}
