// Hand-written fakes of the Apps Script services the bundle uses (PropertiesService, LockService,
// UrlFetchApp, ScriptApp, Utilities, DriveApp, the Ui), sharing one in-memory state that tests
// inspect. `fetch` decides what each HTTP call answers (an in-test function, or a real server).
import { randomUUID } from "node:crypto";
import type { Services } from "../../../apps-script/src/services.ts";
import { FakeSpreadsheet, FakeValidationBuilder } from "./fake-spreadsheet.ts";

export interface FakeHttpAnswer {
  status: number;
  body: string;
}
export type FakeFetch = (request: GoogleAppsScript.FetchRequest) => FakeHttpAnswer;

export class FakeProperties implements GoogleAppsScript.Properties {
  readonly map = new Map<string, string>();
  getProperty(key: string) {
    return this.map.get(key) ?? null;
  }
  setProperty(key: string, value: string) {
    if (value.length > 9 * 1024) throw new Error(`property ${key} over 9 KB`);
    this.map.set(key, value);
    return this;
  }
  deleteProperty(key: string) {
    this.map.delete(key);
    return this;
  }
}

export class FakeLock implements GoogleAppsScript.Lock {
  held = false;
  /** When set, tryLock fails (another execution holds the lock). */
  busy = false;
  acquisitions = 0;
  tryLock() {
    if (this.busy || this.held) return false;
    this.held = true;
    this.acquisitions++;
    return true;
  }
  releaseLock() {
    this.held = false;
  }
}

export class FakeUi implements GoogleAppsScript.Ui {
  readonly alerts: { title: string; prompt?: string }[] = [];
  readonly menus: { caption: string; items: [string, string][] }[] = [];
  /** Answers to prompts and YES_NO alerts, taken in order. */
  promptAnswers: { button: string; text: string }[] = [];
  confirmAnswers: string[] = [];
  ButtonSet = { OK: "OK", OK_CANCEL: "OK_CANCEL", YES_NO: "YES_NO" };
  Button = { OK: "OK", CANCEL: "CANCEL", YES: "YES", NO: "NO", CLOSE: "CLOSE" };
  createMenu(caption: string) {
    const menu = { caption, items: [] as [string, string][] };
    const api: GoogleAppsScript.Menu = {
      addItem: (c, fn) => {
        menu.items.push([c, fn]);
        return api;
      },
      addSeparator: () => api,
      addToUi: () => {
        this.menus.push(menu);
      },
    };
    return api;
  }
  alert(title: string, prompt?: string, buttons?: string) {
    this.alerts.push({ title, ...(prompt === undefined ? {} : { prompt }) });
    if (buttons === "YES_NO") return this.confirmAnswers.shift() ?? "NO";
    return "OK";
  }
  prompt(title: string, prompt: string) {
    this.alerts.push({ title, prompt });
    const a = this.promptAnswers.shift() ?? { button: "CANCEL", text: "" };
    return { getSelectedButton: () => a.button, getResponseText: () => a.text };
  }
}

export interface FakeWorld {
  services: Services;
  spreadsheet: FakeSpreadsheet;
  properties: FakeProperties;
  lock: FakeLock;
  ui: FakeUi;
  requests: GoogleAppsScript.FetchRequest[];
  triggers: { handler: string; kind: string }[];
  files: { folder: string; name: string; bytes: number[] }[];
  folders: string[];
  clock: { now: Date };
  /** The globals a bundle run in node:vm sees. */
  globals(): Record<string, unknown>;
}

/** Utilities.formatDate for the patterns the bundle uses, in a fixed-offset zone (Bangkok, +7). */
export function formatDate(date: Date, _zone: string, pattern: string): string {
  const d = new Date(date.getTime() + 7 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return pattern
    .replace("yyyy", String(d.getUTCFullYear()))
    .replace("MM", pad(d.getUTCMonth() + 1))
    .replace("dd", pad(d.getUTCDate()))
    .replace("HH", pad(d.getUTCHours()))
    .replace("mm", pad(d.getUTCMinutes()));
}

export function createFakeWorld(
  options: { spreadsheet?: FakeSpreadsheet; fetch?: FakeFetch; now?: Date } = {},
): FakeWorld {
  const spreadsheet = options.spreadsheet ?? new FakeSpreadsheet();
  const properties = new FakeProperties();
  const lock = new FakeLock();
  const ui = new FakeUi();
  const requests: GoogleAppsScript.FetchRequest[] = [];
  const triggers: FakeWorld["triggers"] = [];
  const files: FakeWorld["files"] = [];
  const folders: string[] = [];
  const clock = { now: options.now ?? new Date("2020-01-20T03:00:00Z") };
  const fetch =
    options.fetch ?? (() => ({ status: 503, body: '{"error":{"code":"UNAVAILABLE","message":"no"}}' }));

  const triggerBuilder = (handler: string): GoogleAppsScript.TriggerBuilder => {
    const made = (kind: string) => () => {
      triggers.push({ handler, kind });
      return { getHandlerFunction: () => handler };
    };
    const sheetBuilder = (kind = ""): GoogleAppsScript.SpreadsheetTriggerBuilder => ({
      onEdit: () => sheetBuilder("edit"),
      onChange: () => sheetBuilder("change"),
      create: made(kind),
    });
    const clockBuilder = (kind = ""): GoogleAppsScript.ClockTriggerBuilder => ({
      everyMinutes: (n) => clockBuilder(`every ${n} min`),
      create: made(kind),
    });
    return { forSpreadsheet: () => sheetBuilder(), timeBased: () => clockBuilder() };
  };

  const services: Services = {
    SpreadsheetApp: {
      ProtectionType: { RANGE: "RANGE", SHEET: "SHEET" },
      getActive: () => spreadsheet,
      getUi: () => ui,
      newDataValidation: () => new FakeValidationBuilder(),
      flush: () => {},
    },
    PropertiesService: { getScriptProperties: () => properties },
    LockService: { getScriptLock: () => lock },
    UrlFetchApp: {
      fetchAll: (reqs) =>
        reqs.map((r) => {
          requests.push(r);
          const a = fetch(r);
          return { getResponseCode: () => a.status, getContentText: () => a.body };
        }),
    },
    ScriptApp: {
      getIdentityToken: () => "fake-id-token",
      getProjectTriggers: () => triggers.map((t) => ({ getHandlerFunction: () => t.handler })),
      newTrigger: triggerBuilder,
    },
    Utilities: {
      getUuid: () => randomUUID(),
      formatDate,
      base64Decode: (s) => [...Buffer.from(s, "base64")],
      newBlob: (data, _type, name) => ({ getBytes: () => data, name }) as GoogleAppsScript.Blob,
    },
    DriveApp: {
      getFolderById: (id) => {
        if (!folders.includes(id)) throw new Error(`no folder ${id}`);
        return {
          getId: () => id,
          createFile: (blob) => {
            const name = (blob as unknown as { name: string }).name;
            files.push({ folder: id, name, bytes: blob.getBytes() });
            return { getUrl: () => `https://drive.example/${id}/${files.length}` };
          },
        };
      },
      createFolder: () => {
        const id = `folder-${folders.length + 1}`;
        folders.push(id);
        return { getId: () => id, createFile: () => ({ getUrl: () => "" }) };
      },
    },
    now: () => clock.now,
  };
  return {
    services,
    spreadsheet,
    properties,
    lock,
    ui,
    requests,
    triggers,
    files,
    folders,
    clock,
    globals: () => {
      const { now: _now, ...globals } = services;
      return { ...globals, console };
    },
  };
}
