// The bundle's entry: every function Apps Script calls (menu items and triggers), bound to the real
// Apps Script services. The build adds a top-level `function name(e)` delegating to each export.
import type { EntryPoint } from "./entry-points.ts";
import { flush } from "./flush.ts";
import {
  addMenu,
  menuBuildSummaries as buildSummaries,
  menuCheckAll as checkAll,
  menuMeetingReport as meetingReport,
  menuSetup as setup,
  menuSyncNow as syncNow,
} from "./menu-actions.ts";
import { appsScriptServices } from "./services.ts";
import { onChangeRecord, onEditRecord } from "./triggers.ts";

type Handler = (event?: never) => void;

export function onOpen(): void {
  addMenu(appsScriptServices());
}
export function handleEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  onEditRecord(appsScriptServices(), e);
}
export function handleChange(e: GoogleAppsScript.Events.SheetsOnChange): void {
  onChangeRecord(appsScriptServices(), e);
}
export function flushQueue(): void {
  const summary = flush(appsScriptServices());
  if (summary.failed.length > 0) console.warn(JSON.stringify(summary.failed));
}
export const menuSetup = () => setup(appsScriptServices());
export const menuCheckAll = () => checkAll(appsScriptServices());
export const menuSyncNow = () => syncNow(appsScriptServices());
export const menuBuildSummaries = () => buildSummaries(appsScriptServices());
export const menuMeetingReport = () => meetingReport(appsScriptServices(), false);
export const menuSendReport = () => meetingReport(appsScriptServices(), true);

// Compile-time check that every entry point the build declares is exported here.
export const ENTRY_HANDLERS = {
  onOpen,
  handleEdit,
  handleChange,
  flushQueue,
  menuSetup,
  menuCheckAll,
  menuSyncNow,
  menuBuildSummaries,
  menuMeetingReport,
  menuSendReport,
} satisfies Record<EntryPoint, Handler | ((e: never) => void)>;
