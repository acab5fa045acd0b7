// The names Apps Script must see as top-level functions (menu items and triggers). The build writes
// a delegating `function name(e) {…}` for each; main.ts must export every one of them.

export const ENTRY_POINTS = [
  "onOpen",
  "handleEdit",
  "handleChange",
  "flushQueue",
  "menuSetup",
  "menuCheckAll",
  "menuSyncNow",
  "menuBuildSummaries",
  "menuMeetingReport",
  "menuSendReport",
] as const;
export type EntryPoint = (typeof ENTRY_POINTS)[number];

/** The global the bundle's IIFE assigns its exports to. */
export const BUNDLE_GLOBAL = "KBO";
